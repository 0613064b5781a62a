variable "subnets" {
  type = string
}

resource "aws_ecs_cluster" "cluster" {
  name = "cluster"
}

resource "aws_ecs_cluster_capacity_providers" "cluster_providers" {
  cluster_name       = aws_ecs_cluster.cluster.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_elb" "load_balancer" {
  name    = "load_balancer"
  subnets = var.subnets

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_ecs_service" "service" {
  name            = "service"
  cluster         = aws_ecs_cluster.cluster.name
  task_definition = "web:3"
  desired_count   = 2

  load_balancer {
    elb_name       = aws_elb.load_balancer.name
    container_name = "web"
    container_port = 80
  }

  network_configuration {
    subnets = var.subnets
  }
}
