resource "aws_ecs_cluster" "cluster" {
  name = "cluster"
}

resource "aws_ecs_cluster_capacity_providers" "cluster" {
  cluster_name       = aws_ecs_cluster.cluster.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_ecs_service" "agent" {
  name                = "agent"
  cluster             = aws_ecs_cluster.cluster.name
  task_definition     = "agent:3"
  scheduling_strategy = "DAEMON"
}
