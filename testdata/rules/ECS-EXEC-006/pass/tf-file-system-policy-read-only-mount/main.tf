resource "aws_efs_file_system" "file_system" {
  encrypted = true
}

resource "aws_efs_file_system_policy" "file_system" {
  file_system_id = aws_efs_file_system.file_system.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Deny"
        Principal = {
          AWS = "*"
        }
        Action = "*"
        Condition = {
          Bool = {
            "aws:SecureTransport" = "false"
          }
        }
      },
    ]
  })
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
          Action   = ["elasticfilesystem:ClientMount"]
          Resource = "*"
        },
      ]
    })
  }
}

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
      mountPoints = [
        {
          sourceVolume  = "data"
          containerPath = "/data"
          readOnly      = true
        },
      ]
    },
  ])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        iam = "ENABLED"
      }
    }
  }
}
