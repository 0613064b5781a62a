resource "aws_ecs_task_definition" "task_definition" {
  family                   = "app"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
      mountPoints = [
        {
          sourceVolume  = "data"
          containerPath = "/data"
        },
      ]
    },
  ])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id = "fs-0123456789abcdef0"
    }
  }
}
