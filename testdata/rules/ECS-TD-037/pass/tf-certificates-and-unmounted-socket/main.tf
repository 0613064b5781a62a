resource "aws_ecs_task_definition" "task_definition" {
  family                   = "app"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name      = "agent"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
      mountPoints = [
        {
          sourceVolume  = "certs"
          containerPath = "/etc/ssl/certs"
          readOnly      = true
        },
      ]
    },
  ])

  volume {
    name      = "certs"
    host_path = "/etc/ssl/certs"
  }

  volume {
    name      = "docker"
    host_path = "/var/run/docker.sock"
  }
}
