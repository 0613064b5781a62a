resource "aws_ecr_repository" "repository" {
  name                 = "web"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family                   = "web"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name                   = "web"
      image                  = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web"
      essential              = true
      memory                 = 512
      readonlyRootFilesystem = true
    },
  ])
}
