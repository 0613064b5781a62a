resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
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
  desired_count   = 2
  launch_type     = "EC2"

  service_registries {
    registry_arn = "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-0123456789abcdef"
  }
}
