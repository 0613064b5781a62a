# Terraform keeps the last `environment`: the first list is dead.
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    {
      name        = "web"
      image       = "public.ecr.aws/nginx/nginx:1.27"
      memory      = 256
      environment = [{ name = "MODE", value = "production" }]
      essential   = true
      environment = []
    }
  ])
}
