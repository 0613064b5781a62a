resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "512"
  memory                   = "1024"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name  = "iis"
      image = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"
    },
  ])

  runtime_platform {
    operating_system_family = "WINDOWS_SERVER_2022_CORE"
    cpu_architecture        = "X86_64"
  }
}
