# A service module whose caller attaches the target group with a listener rule of its own.
# The AWS provider retries CreateService while the target group has no load balancer, so
# the rule, created by the caller in the same apply, attaches it in time.

variable "subnet_ids" {
  type = list(string)
}

resource "aws_lb_target_group" "web" {
  name        = "web"
  target_type = "ip"
  port        = 80
  protocol    = "HTTP"
  vpc_id      = "vpc-0123456789abcdef0"
}

resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = "web:3"
  desired_count   = 2
  launch_type     = "FARGATE"

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = 80
  }

  network_configuration {
    subnets = var.subnet_ids
  }
}

output "target_group_arn" {
  value = aws_lb_target_group.web.arn
}
