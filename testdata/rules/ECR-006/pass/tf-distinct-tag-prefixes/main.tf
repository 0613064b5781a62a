resource "aws_ecr_repository" "repository" {
  name                 = "web"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_lifecycle_policy" "repository" {
  repository = aws_ecr_repository.repository.name
  policy     = "{\"rules\": [{\"rulePriority\": 1, \"description\": \"Keep the last 20 release images\", \"selection\": {\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"release\"], \"countType\": \"imageCountMoreThan\", \"countNumber\": 20}, \"action\": {\"type\": \"expire\"}}, {\"rulePriority\": 2, \"description\": \"Expire old release images after 90 days\", \"selection\": {\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"release-candidate\"], \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", \"countNumber\": 90}, \"action\": {\"type\": \"expire\"}}, {\"rulePriority\": 3, \"description\": \"Expire untagged images after a week\", \"selection\": {\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", \"countNumber\": 7}, \"action\": {\"type\": \"expire\"}}]}"
}
