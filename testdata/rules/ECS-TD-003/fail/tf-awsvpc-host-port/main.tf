resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name  = "web"
      image = "nginx:1.27"
      portMappings = [
        {
          containerPort = 8080
          hostPort      = 80
        },
      ]
    },
  ])
}
