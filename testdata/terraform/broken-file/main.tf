resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "bridge"
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([
    { name = "app", image = "public.ecr.aws/docker/library/httpd:2.4" }
  ])
}
