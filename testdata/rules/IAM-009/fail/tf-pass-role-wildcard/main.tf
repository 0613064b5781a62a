resource "aws_iam_policy" "deploy_policy" {
  name = "deploy_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect      = "Allow"
        Action      = "iam:Pass*"
        NotResource = "arn:aws:iam::123456789012:role/admin"
      },
    ]
  })
}
