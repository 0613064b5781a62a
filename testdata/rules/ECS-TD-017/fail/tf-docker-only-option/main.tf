resource "aws_ecs_task_definition" "task_definition" {
  family = "task_definition"
  container_definitions = jsonencode([
    {
      name   = "web"
      image  = "nginx:1.27"
      memory = 256
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group    = "/ecs/web"
          awslogs-region   = "eu-west-1"
          awslogs-endpoint = "https://logs.eu-west-1.amazonaws.com"
          log_key          = "message"
        }
      }
    },
  ])
}
