# A lifecycle policy written as a heredoc with a trailing comma: ECR rejects it at apply.
resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy     = <<-EOF
    {
      "rules": [
        {
          "rulePriority": 1,
          "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
          "action": {"type": "expire"},
        }
      ]
    }
  EOF
}
