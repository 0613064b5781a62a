# Values only known at apply time never make findings: the execution role comes from a data
# source, the image from another module's output, the sizes from required variables.
variable "cpu" {
  type = number
}

variable "memory" {
  type = number
}

data "aws_iam_role" "execution" {
  name = "ecsTaskExecutionRole"
}

module "images" {
  source = "git::https://example.com/images.git"
}

resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = data.aws_iam_role.execution.arn
  container_definitions = jsonencode([
    {
      name  = "app"
      image = module.images.app
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/ecs/app"
          awslogs-region        = "eu-west-1"
          awslogs-stream-prefix = "app"
        }
      }
    }
  ])
}

resource "aws_ecs_service" "app" {
  count           = var.cpu > 0 ? 1 : 0
  name            = "app"
  task_definition = aws_ecs_task_definition.app.arn
  launch_type     = "FARGATE"

  dynamic "load_balancer" {
    for_each = []
    content {
      container_name = "app"
      container_port = 80
    }
  }

  network_configuration {
    subnets = module.images.subnets
  }
}
