# Sizes chosen by name from a map, as cfn-size-mapping does with a mapping: every size the
# validation allows is one Fargate offers.
variable "size" {
  type    = string
  default = "small"

  validation {
    condition     = contains(["small", "large"], var.size)
    error_message = "size must be small or large."
  }
}

locals {
  sizes = {
    small = { cpu = 256, memory = 512 }
    large = { cpu = 2048, memory = 4096 }
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.sizes[var.size].cpu
  memory                   = local.sizes[var.size].memory
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "public.ecr.aws/docker/library/httpd:2.4"
    }
  ])
}
