resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EXTERNAL"]
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
      portMappings = [
        {
          containerPort = 80
          hostPort      = 0
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "web"
  cluster         = "prod"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 1
  launch_type     = "EXTERNAL"
}
