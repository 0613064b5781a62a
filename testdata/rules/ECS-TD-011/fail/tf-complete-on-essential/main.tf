resource "aws_ecs_task_definition" "task_definition" {
  family = "api"
  container_definitions = jsonencode([
    {
      name      = "init"
      image     = "public.ecr.aws/docker/library/busybox:1.36"
      memory    = 64
      essential = true
    },
    {
      name   = "api"
      image  = "public.ecr.aws/nginx/nginx:1.27"
      memory = 256
      dependsOn = [
        {
          containerName = "init"
          condition     = "COMPLETE"
        },
      ]
    },
  ])
}
