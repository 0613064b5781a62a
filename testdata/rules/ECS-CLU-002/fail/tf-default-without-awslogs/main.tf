resource "aws_ecs_cluster" "cluster" {
  name = "prod"

  setting {
    name  = "containerInsights"
    value = "enabled"
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
    name = "exec"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
          Resource = "*"
        },
      ]
    })
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = "web"
  requires_compatibilities = ["EC2"]
  task_role_arn            = aws_iam_role.task_role.arn
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
    },
  ])
}

resource "aws_ecs_service" "service" {
  name                   = "web"
  cluster                = aws_ecs_cluster.cluster.name
  task_definition        = aws_ecs_task_definition.task_definition.arn
  desired_count          = 1
  launch_type            = "EC2"
  enable_execute_command = true
}
