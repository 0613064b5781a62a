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
      portMappings = [
        {
          containerPort = 80
          hostPort      = 80
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name                               = "web"
  cluster                            = "prod"
  task_definition                    = aws_ecs_task_definition.task_definition.arn
  desired_count                      = 1
  launch_type                        = "EC2"
  iam_role                           = "arn:aws:iam::123456789012:role/ecsServiceRole"
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 0

  load_balancer {
    elb_name       = "web-classic"
    container_name = "web"
    container_port = 80
  }
}
