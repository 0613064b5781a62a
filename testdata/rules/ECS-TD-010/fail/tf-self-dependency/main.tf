resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name   = "app"
      image  = "public.ecr.aws/nginx/nginx:1.27"
      memory = 256
      dependsOn = [
        {
          containerName = "app"
          condition     = "START"
        },
      ]
    },
  ])
}
