resource "aws_ecs_service" "service" {
  name            = "service"
  task_definition = "web:1"
  desired_count   = 2
  launch_type     = "EC2"

  capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}
