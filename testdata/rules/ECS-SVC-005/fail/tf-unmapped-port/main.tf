variable "target_group_arn" {
  type = string
}

resource "aws_ecs_task_definition" "task_definition" {
  family = "task_definition"
  container_definitions = jsonencode([
    {
      name   = "frontend"
      image  = "nginx:1.27"
      memory = 256
      portMappings = [
        {
          containerPort = 80
        },
        {
          containerPort = 443
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "service"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2

  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = "frontend"
    container_port   = 8080
  }
}
