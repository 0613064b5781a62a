# One service module, called for two services with different sizes: only the worker's
# size is one Fargate does not offer.
module "api" {
  source = "./modules/service"
  name   = "api"
  cpu    = 512
  memory = 1024
}

module "worker" {
  source = "./modules/service"
  name   = "worker"
  cpu    = 256
  memory = 4096
}
