resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
    },
  ])

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:tier0 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:tier1 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:tier2 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:tier3 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:tier4 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:tier5 exists"
  }
}

resource "aws_ecs_service" "service" {
  name            = "web"
  cluster         = "prod"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2
  launch_type     = "EC2"

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:zone0 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:zone1 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:zone2 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:zone3 exists"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:zone4 exists"
  }
}
