resource "aws_ecs_cluster" "cluster" {
  name = "prod"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}
