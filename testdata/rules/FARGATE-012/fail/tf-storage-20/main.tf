resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
    },
  ])

  ephemeral_storage {
    size_in_gib = 20
  }
}
