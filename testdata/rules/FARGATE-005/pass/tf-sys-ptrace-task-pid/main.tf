resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  pid_mode                 = "task"
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      linuxParameters = {
        capabilities = {
          add  = ["SYS_PTRACE"]
          drop = ["NET_RAW"]
        }
        initProcessEnabled = true
      }
    },
  ])
}
