data "aws_region" "current" {}

resource "aws_cloudwatch_log_group" "log_group" {
  name = "/log_group"
}

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
          awslogs-groups = aws_cloudwatch_log_group.log_group.name
          awslogs-region = data.aws_region.current.name
        }
      }
    },
  ])
}
