variable "subnets" {
  type = string
}

resource "aws_ecs_service" "service" {
  name            = "service"
  task_definition = "web:7"
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets = var.subnets
  }

  placement_constraints {
    type = "distinctInstance"
  }

  ordered_placement_strategy {
    type  = "spread"
    field = "attribute:ecs.availability-zone"
  }
}
