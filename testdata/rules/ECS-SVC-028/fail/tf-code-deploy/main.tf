resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      portMappings = [
        {
          containerPort = 8080
          name          = "http"
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "api"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2
  launch_type     = "FARGATE"

  service_connect_configuration {
    enabled   = true
    namespace = "internal"

    service {
      port_name = "http"
    }
  }

  network_configuration {
    subnets         = ["subnet-0123456789abcdef0"]
    security_groups = ["sg-0123456789abcdef0"]
  }

  deployment_controller {
    type = "CODE_DEPLOY"
  }
}
