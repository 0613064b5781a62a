resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name      = "iis"
      image     = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"
      essential = true
      memory    = 1024
      mountPoints = [
        {
          sourceVolume  = "shared"
          containerPath = "C:\\data"
        },
      ]
    },
    {
      name      = "db"
      image     = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"
      essential = false
      memory    = 512
    },
  ])

  runtime_platform {
    operating_system_family = "WINDOWS_SERVER_2022_CORE"
    cpu_architecture        = "X86_64"
  }

  volume {
    name = "shared"

    docker_volume_configuration {
      scope  = "task"
      driver = "rexray/ebs"
    }
  }
}
