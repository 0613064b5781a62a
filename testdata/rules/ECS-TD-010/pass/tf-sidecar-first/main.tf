resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name   = "app"
      image  = "public.ecr.aws/nginx/nginx:1.27"
      memory = 256
      dependsOn = [
        {
          containerName = "sidecar"
          condition     = "START"
        },
      ]
    },
    {
      name      = "sidecar"
      image     = "public.ecr.aws/docker/library/busybox:1.36"
      memory    = 64
      essential = false
    },
  ])
}
