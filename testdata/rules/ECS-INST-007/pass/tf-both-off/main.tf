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
  instance_type = "m6i.large"
  user_data     = base64encode("#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n")

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_autoscaling_group" "auto_scaling_group" {
  min_size              = 0
  max_size              = 4
  vpc_zone_identifier   = var.subnets
  protect_from_scale_in = false

  launch_template {
    id      = aws_launch_template.launch_template.id
    version = aws_launch_template.launch_template.latest_version_number
  }
}

resource "aws_ecs_capacity_provider" "capacity_provider" {
  name = "capacity_provider"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.auto_scaling_group.name
    managed_termination_protection = "DISABLED"

    managed_scaling {
      status          = "DISABLED"
      target_capacity = 100
    }
  }
}
