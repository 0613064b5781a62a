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
    expression = "attribute:ecs.os-type == linux"
  }
}

resource "aws_ecs_service" "service" {
  name            = "web"
  cluster         = "prod"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2
  launch_type     = "EC2"

  placement_constraints {
    type = "distinctInstance"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and not(task:group == database)"
  }

  placement_constraints {
    type       = "memberOf"
    expression = "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890'] or registeredAt < 2018-02-13"
  }
}
