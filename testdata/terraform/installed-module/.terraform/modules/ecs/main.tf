variable "cpu" {
  type = number
}

variable "memory" {
  type = number
}

resource "aws_ecs_task_definition" "this" {
  family                   = "service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  container_definitions = jsonencode([
    { name = "app", image = "public.ecr.aws/docker/library/httpd:2.4" }
  ])
}
