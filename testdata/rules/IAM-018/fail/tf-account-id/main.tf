resource "aws_iam_role" "deploy_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          AWS = ["210987654321"]
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
}
