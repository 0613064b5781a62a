resource "aws_ecs_task_definition" "task_definition" {
  family                   = "app"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name   = "app"
      image  = "public.ecr.aws/nginx/nginx:1.27"
      memory = 256
      links  = ["db"]
    },
    {
      name   = "db"
      image  = "public.ecr.aws/docker/library/postgres:16"
      memory = 512
    },
  ])
}
