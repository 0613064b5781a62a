variable "vpc_id" {
  type = string
}

resource "aws_lb_target_group" "target_group" {
  port     = 80
  protocol = "HTTP"
  vpc_id   = var.vpc_id

  health_check {
    path = "/health"
  }
}

resource "aws_ecs_task_definition" "task_definition" {
  family       = "task_definition"
  network_mode = "bridge"
  container_definitions = jsonencode([
    {
      name   = "web"
      image  = "nginx:1.27"
      memory = 256
      portMappings = [
        {
          containerPort = 8080
          hostPort      = 0
        },
      ]
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "service"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2

  load_balancer {
    target_group_arn = aws_lb_target_group.target_group.arn
    container_name   = "web"
    container_port   = 8080
  }

  depends_on = [aws_lb_listener.listener]
}

resource "aws_lb" "load_balancer" {
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}

resource "aws_lb_listener" "listener" {
  load_balancer_arn = aws_lb.load_balancer.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.target_group.arn
  }
}
