resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  # ecslint: ignore FARGATE-001 until the new size ships
  cpu    = 256
  memory = 512
  container_definitions = jsonencode([
    { name = "web", image = "public.ecr.aws/nginx/nginx:1.27" }
  ])
}
