resource "aws_ecr_repository" "repository" {
  name = "web"
}
