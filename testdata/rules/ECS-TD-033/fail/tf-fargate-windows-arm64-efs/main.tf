resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "1024"
  memory                   = "2048"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name      = "iis"
      image     = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"
      essential = true
      mountPoints = [
        {
          sourceVolume  = "data"
          containerPath = "C:\\data"
        },
      ]
    },
  ])

  runtime_platform {
    operating_system_family = "WINDOWS_SERVER_2022_CORE"
    cpu_architecture        = "ARM64"
  }

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id = "fs-0123456789abcdef0"
    }
  }
}
