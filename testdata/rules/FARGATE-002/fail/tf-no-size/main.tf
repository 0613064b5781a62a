resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "public.ecr.aws/docker/library/httpd:2.4"
    },
  ])
}
