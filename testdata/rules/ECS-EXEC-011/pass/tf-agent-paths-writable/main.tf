resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  task_role_arn            = aws_iam_role.task_role.arn
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
      readonlyRootFilesystem = true
      mountPoints = [
        {
          sourceVolume  = "agents"
          containerPath = "/managed-agents"
        },
        {
          sourceVolume  = "ssm-state"
          containerPath = "/var/lib/amazon/ssm"
        },
        {
          sourceVolume  = "ssm-logs"
          containerPath = "/var/log/amazon/ssm"
        },
      ]
    },
  ])

  volume {
    name = "agents"
  }

  volume {
    name = "ssm-state"
  }

  volume {
    name = "ssm-logs"
  }
}

resource "aws_ecs_service" "service" {
  name                   = "web"
  cluster                = "prod"
  task_definition        = aws_ecs_task_definition.task_definition.arn
  desired_count          = 2
  launch_type            = "FARGATE"
  enable_execute_command = true

  network_configuration {
    subnets         = ["subnet-0123456789abcdef0"]
    security_groups = ["sg-0123456789abcdef0"]
  }
}

resource "aws_iam_role" "task_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })

  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["s3:GetObject"]
          Resource = "arn:aws:s3:::web-assets/*"
        },
        {
          Effect   = "Allow"
          Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
          Resource = "*"
        },
      ]
    })
  }
}
