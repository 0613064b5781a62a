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
    name = "everything"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["*"]
          Resource = ["*"]
        },
        {
          Effect   = "Allow"
          Action   = "*"
          Resource = "*"
          Condition = {
            IpAddress = {
              "aws:SourceIp" = "203.0.113.0/24"
            }
          }
        },
      ]
    })
  }
}
