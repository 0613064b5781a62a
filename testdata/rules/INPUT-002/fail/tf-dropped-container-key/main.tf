# The AWS provider drops container definition keys it does not know, so `privilege` (for
# `privileged`) would vanish without a word at apply time.
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "public.ecr.aws/docker/library/httpd:2.4"
      memory    = 512
      privilege = true
    }
  ])
}
