variable "image" {
  type = string
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name         = "app"
      image        = var.image
      memory       = 512
      essential    = true
      portMappings = [{ containerPort = 80, protocol = "tcp" }]
      environment  = [{ name = "MODE", value = "production" }]
    }
  ])
}
