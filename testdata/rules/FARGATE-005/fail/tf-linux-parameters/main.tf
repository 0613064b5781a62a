resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  pid_mode                 = "host"
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      linuxParameters = {
        capabilities = {
          add = ["SYS_PTRACE", "NET_ADMIN"]
        }
        devices = [
          {
            hostPath = "/dev/fuse"
          },
        ]
        tmpfs = [
          {
            containerPath = "/tmp"
            size          = 64
          },
        ]
        sharedMemorySize = 128
      }
      mountPoints = [
        {
          sourceVolume  = "scratch"
          containerPath = "/scratch"
        },
      ]
    },
  ])

  volume {
    name = "scratch"

    docker_volume_configuration {
      scope  = "task"
      driver = "local"
    }
  }
}
