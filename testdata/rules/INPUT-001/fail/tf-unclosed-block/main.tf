resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "public.ecr.aws/docker/library/httpd:2.4"
    }
  ])

resource "aws_ecs_service" "app" {
  name = "app"
}
