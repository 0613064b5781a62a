resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:latest"
      essential = true
      memory    = 256
    },
    {
      name      = "sidecar"
      image     = "public.ecr.aws/aws-observability/aws-otel-collector"
      essential = true
      memory    = 256
    },
  ])
}
