resource "aws_ecs_task_definition" "task_definition" {
  family                   = "app"
  requires_compatibilities = ["EC2"]
  ipc_mode                 = "host"
  pid_mode                 = "host"
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
    },
  ])
}
