variable "subnets" {
  type = string
}

resource "aws_elb" "load_balancer" {
  name    = "load_balancer"
  subnets = var.subnets

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family = "task_definition"
  container_definitions = jsonencode([
    {
      name   = "web"
      image  = "nginx:1.27"
      memory = 256
      portMappings = [
        {
          containerPort = 80
          hostPort      = 8080
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name                               = "service"
  task_definition                    = aws_ecs_task_definition.task_definition.arn
  desired_count                      = 1
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 0

  load_balancer {
    elb_name       = aws_elb.load_balancer.name
    container_name = "web"
    container_port = 80
  }
}
