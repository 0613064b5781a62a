resource "aws_iam_policy" "home_access" {
  name = "home_access"
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::home/$${aws:username}/*"
      },
    ]
  })
}
