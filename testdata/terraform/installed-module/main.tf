# A registry module that `terraform init` installed: its resources are read from where
# `.terraform/modules/modules.json` says it is.
module "ecs" {
  source  = "example/ecs-service/aws"
  version = "1.2.0"

  cpu    = 1024
  memory = 512
}
