resource "aws_ecs_cluster" "cluster" {
  name = "cluster"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name      = "worker"
      image     = "public.ecr.aws/docker/library/python:3.13-slim"
      essential = true
      memory    = 512
      command   = ["python", "-m", "worker"]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name                              = "service"
  cluster                           = aws_ecs_cluster.cluster.name
  task_definition                   = aws_ecs_task_definition.task_definition.arn
  desired_count                     = 2
  launch_type                       = "EC2"
  health_check_grace_period_seconds = 0
}
