variable "subnets" {
  type = string
}

resource "aws_ecs_task_definition" "task_definition" {
  family       = "task_definition"
  cpu          = "256"
  memory       = "512"
  network_mode = "bridge"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "public.ecr.aws/docker/library/httpd:2.4"
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "service"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 1
  launch_type     = "FARGATE"

  network_configuration {
    subnets = var.subnets
  }
}
