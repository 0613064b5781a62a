resource "aws_ecs_service" "service" {
  name            = "service"
  cluster         = "prod"
  task_definition = "api:3"
  desired_count   = 2
  launch_type     = "EC2"
}
