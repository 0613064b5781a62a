variable "vpc_id" {
  type = string
}

variable "subnets" {
  type = string
}

resource "aws_ecs_cluster" "cluster" {
  name = "cluster"

  setting {
    name  = "containerInsights"
    value = "enabled"
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
          containerPort = 80
        },
      ]
    },
  ])
}

resource "aws_lb" "load_balancer" {
  subnets = var.subnets
}

resource "aws_lb_target_group" "target_group" {
  port     = 80
  protocol = "HTTP"
  vpc_id   = var.vpc_id
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

resource "aws_ecs_service" "service" {
  name            = "service"
  cluster         = aws_ecs_cluster.cluster.name
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2

  load_balancer {
    target_group_arn = aws_lb_target_group.target_group.arn
    container_name   = "web"
    container_port   = 80
  }

  depends_on = [aws_lb_listener.listener]
}

resource "aws_appautoscaling_target" "scalable_target" {
  min_capacity       = 2
  max_capacity       = 6
  resource_id        = "service/${aws_ecs_cluster.cluster.name}/${aws_ecs_service.service.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}

resource "aws_appautoscaling_policy" "scaling_policy" {
  name               = "cpu"
  policy_type        = "TargetTrackingScaling"
  resource_id        = aws_appautoscaling_target.scalable_target.resource_id
  scalable_dimension = aws_appautoscaling_target.scalable_target.scalable_dimension
  service_namespace  = aws_appautoscaling_target.scalable_target.service_namespace

  target_tracking_scaling_policy_configuration {
    target_value = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
