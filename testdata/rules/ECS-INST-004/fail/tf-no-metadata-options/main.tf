resource "aws_ecs_cluster" "cluster" {
  name = "cluster"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_launch_template" "launch_template" {
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"
  user_data     = base64encode("#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n")
}
