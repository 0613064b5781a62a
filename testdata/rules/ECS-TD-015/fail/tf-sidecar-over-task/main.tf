resource "aws_ecs_task_definition" "task_definition" {
  family = "api"
  cpu    = "256"
  memory = "512"
  container_definitions = jsonencode([
    {
      name   = "api"
      image  = "public.ecr.aws/nginx/nginx:1.27"
      cpu    = 256
      memory = 384
    },
    {
      name              = "envoy"
      image             = "public.ecr.aws/docker/library/busybox:1.36"
      cpu               = 64
      memoryReservation = 256
      essential         = false
    },
  ])
}
