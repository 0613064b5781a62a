variable "subnets" {
  type = string
}

resource "aws_ecs_cluster" "cluster" {
  name = "prod"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_launch_template" "launch_template" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.xlarge"
  user_data     = base64encode("#!/bin/bash\necho ECS_CLUSTER=${aws_ecs_cluster.cluster.name} >> /etc/ecs/ecs.config\n")

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_autoscaling_group" "auto_scaling_group" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = var.subnets

  launch_template {
    id      = aws_launch_template.launch_template.id
    version = aws_launch_template.launch_template.latest_version_number
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = "reports"
  memory                   = "8192"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name                   = "reports"
      image                  = "public.ecr.aws/docker/library/python:3.13-slim"
      essential              = true
      readonlyRootFilesystem = true
      command                = ["python", "-m", "reports"]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "reports"
  cluster         = aws_ecs_cluster.cluster.name
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2
  launch_type     = "EC2"
}
