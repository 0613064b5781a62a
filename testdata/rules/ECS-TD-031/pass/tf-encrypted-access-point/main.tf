resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  task_role_arn            = "arn:aws:iam::123456789012:role/web"
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
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
      file_system_id     = "fs-0123456789abcdef0"
      root_directory     = "/"
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = "fsap-0123456789abcdef0"
        iam             = "ENABLED"
      }
    }
  }
}
