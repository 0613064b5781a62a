resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "512"
  memory                   = "1024"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name      = "db"
      image     = "public.ecr.aws/docker/library/postgres:16"
      essential = true
      healthCheck = {
        command     = ["CMD-SHELL", "pg_isready -U postgres"]
        interval    = 10
        timeout     = 5
        retries     = 5
        startPeriod = 10
      }
    },
    {
      name      = "app"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      dependsOn = [
        {
          containerName = "db"
          condition     = "HEALTHY"
        },
      ]
    },
  ])
}
