resource "aws_ecs_task_definition" "task_definition" {
  family       = "task_definition"
  network_mode = "host"
  container_definitions = jsonencode([
    {
      name   = "proxy"
      image  = "envoyproxy/envoy:v1.31.0"
      memory = 512
      portMappings = [
        {
          containerPort = 8080
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "proxy"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 1
}
