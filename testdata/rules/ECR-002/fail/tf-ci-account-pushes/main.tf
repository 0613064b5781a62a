resource "aws_ecr_repository" "repository" {
  name                 = "web"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_repository_policy" "repository" {
  repository = aws_ecr_repository.repository.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "CiPushes"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111122223333:role/ci"
        }
        Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
      },
    ]
  })
}
