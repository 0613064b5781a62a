resource "aws_ecs_service" "api" {
  name = "api"
