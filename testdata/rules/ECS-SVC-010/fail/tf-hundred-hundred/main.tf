variable "desired_count" {
  type    = number
  default = 2
}

resource "aws_ecs_service" "service" {
  name                               = "service"
  task_definition                    = "web:1"
  desired_count                      = var.desired_count
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 100
}
