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
      image                  = "${aws_ecr_repository.repository.repository_url}:latest"
      essential              = true
      memory                 = 512
      readonlyRootFilesystem = true
    },
  ])
}
