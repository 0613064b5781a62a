resource "aws_ecs_service" "agent" {
  name                = "agent"
  task_definition     = "agent:2"
  scheduling_strategy = "DAEMON"

  deployment_controller {
    type = "CODE_DEPLOY"
  }
}
