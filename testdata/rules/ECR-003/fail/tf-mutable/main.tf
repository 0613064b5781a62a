resource "aws_ecr_repository" "repository" {
  name                 = "web"
  image_tag_mutability = "MUTABLE"
}
