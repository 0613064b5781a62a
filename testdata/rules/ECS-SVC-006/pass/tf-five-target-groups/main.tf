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

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web0/0123456789abcdef"
    container_name   = "web"
    container_port   = 80
  }

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web1/0123456789abcdef"
    container_name   = "web"
    container_port   = 80
  }

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web2/0123456789abcdef"
    container_name   = "web"
    container_port   = 80
  }

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web3/0123456789abcdef"
    container_name   = "web"
    container_port   = 80
  }

  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web4/0123456789abcdef"
    container_name   = "web"
    container_port   = 80
  }
}
