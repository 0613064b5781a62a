resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name                   = "web"
      image                  = "public.ecr.aws/nginx/nginx:1.27"
      essential              = true
      memory                 = 256
      readonlyRootFilesystem = true
    },
  ])
}
