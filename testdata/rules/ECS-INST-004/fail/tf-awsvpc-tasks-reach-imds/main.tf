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

resource "aws_ecs_cluster_capacity_providers" "cluster" {
  cluster_name       = aws_ecs_cluster.cluster.name
  capacity_providers = [aws_ecs_capacity_provider.capacity_provider.name]

  default_capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.capacity_provider.name
    weight            = 1
  }
}

resource "aws_launch_template" "launch_template" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"
  user_data     = base64encode("#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n")

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_autoscaling_group" "auto_scaling_group" {
  min_size              = 2
  max_size              = 4
  vpc_zone_identifier   = var.subnets
  protect_from_scale_in = true

  launch_template {
    id      = aws_launch_template.launch_template.id
    version = aws_launch_template.launch_template.latest_version_number
  }
}

resource "aws_ecs_capacity_provider" "capacity_provider" {
  name = "capacity_provider"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.auto_scaling_group.name
    managed_termination_protection = "ENABLED"

    managed_scaling {
      status          = "ENABLED"
      target_capacity = 100
    }
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = "web"
  network_mode             = "awsvpc"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name                   = "web"
      image                  = "public.ecr.aws/nginx/nginx:1.27"
      essential              = true
      memory                 = 512
      readonlyRootFilesystem = true
      portMappings = [
        {
          containerPort = 80
          protocol      = "tcp"
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "web"
  cluster         = aws_ecs_cluster.cluster.name
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2

  capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.capacity_provider.name
    weight            = 1
  }

  network_configuration {
    subnets = var.subnets
  }

  depends_on = [aws_ecs_cluster_capacity_providers.cluster]
}
