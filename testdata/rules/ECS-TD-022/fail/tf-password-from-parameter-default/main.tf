variable "database_password" {
  type    = string
  default = "hunter2"
}

resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
      environment = [
        {
          name  = "DB_PASSWORD"
          value = var.database_password
        },
      ]
    },
  ])
}
