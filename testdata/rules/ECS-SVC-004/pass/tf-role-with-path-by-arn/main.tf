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
          hostPort      = 80
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name                               = "web"
  cluster                            = "prod"
  task_definition                    = aws_ecs_task_definition.task_definition.arn
  desired_count                      = 1
  launch_type                        = "EC2"
  iam_role                           = aws_iam_role.service_role.arn
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 0

  load_balancer {
    elb_name       = "web-classic"
    container_name = "web"
    container_port = 80
  }
}

resource "aws_iam_role" "service_role" {
  path = "/ecs/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceRole"]
}
