resource "aws_ecs_task_definition" "task_definition" {
  family = "app"
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
    },
    {
      name      = "sidecar"
      image     = "public.ecr.aws/aws-observability/aws-otel-collector@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      essential = true
      memory    = 256
    },
  ])
}
