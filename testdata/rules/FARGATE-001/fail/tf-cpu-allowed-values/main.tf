# The twin of cfn-cpu-allowed-values.yaml: the default size is one Fargate offers, but the
# variable's validation also allows CPU values that 512 MiB does not fit.
variable "task_cpu" {
  description = "CPU units for the task"
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024], var.task_cpu)
    error_message = "task_cpu must be 256, 512 or 1024."
  }
}

variable "task_memory" {
  type    = number
  default = 512
}

resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "public.ecr.aws/docker/library/httpd:2.4"
    }
  ])
}
