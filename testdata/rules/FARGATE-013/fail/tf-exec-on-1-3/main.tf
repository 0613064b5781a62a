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
      portMappings = [
        {
          containerPort = 80
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name                   = "web"
  task_definition        = aws_ecs_task_definition.task_definition.arn
  desired_count          = 2
  launch_type            = "FARGATE"
  platform_version       = "1.3.0"
  enable_execute_command = true

  network_configuration {
    subnets         = ["subnet-0123456789abcdef0"]
    security_groups = ["sg-0123456789abcdef0"]
  }
}
