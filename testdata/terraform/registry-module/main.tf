# A registry module: its inputs and resources are unknown here, so nothing is reported.
module "ecs_service" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "~> 5.0"

  name        = "api"
  cpu         = 256
  memory      = 4096
  launch_type = "FARGATE"
}
