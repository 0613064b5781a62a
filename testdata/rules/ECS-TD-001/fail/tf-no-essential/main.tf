resource "aws_ecs_task_definition" "task_definition" {
  family = "task_definition"
  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "public.ecr.aws/docker/library/httpd:2.4"
      memory    = 256
      essential = false
    },
    {
      name      = "sidecar"
      image     = "public.ecr.aws/docker/library/busybox:1.36"
      memory    = 64
      essential = false
    },
  ])
}
