resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "512"
  memory                   = "1024"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name       = "app"
      image      = "public.ecr.aws/docker/library/httpd:2.4"
      privileged = true
      links      = ["db"]
    },
    {
      name       = "db"
      image      = "public.ecr.aws/docker/library/postgres:16"
      dnsServers = ["10.0.0.2"]
    },
  ])

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.instance-type =~ t3.*"
  }
}
