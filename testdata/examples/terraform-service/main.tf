# A Fargate web service and an EC2 worker, the way a team's root module calls its own
# service module.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}

module "web" {
  source    = "./modules/web"
  cluster   = aws_ecs_cluster.main.id
  name      = "web"
  cpu       = 256
  memory    = 4096
  subnets   = var.subnets
  elb_name  = aws_elb.legacy.name
}

resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = var.subnets

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  network_mode          = "bridge"
  container_definitions = file("${path.module}/worker-containers.json")
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = 3
}
