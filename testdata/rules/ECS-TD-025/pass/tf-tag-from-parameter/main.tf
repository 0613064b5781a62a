variable "image_tag" {
  type = string
}

resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name                   = "web"
      image                  = "public.ecr.aws/nginx/nginx:${var.image_tag}"
      essential              = true
      memory                 = 256
      readonlyRootFilesystem = true
    },
  ])
}
