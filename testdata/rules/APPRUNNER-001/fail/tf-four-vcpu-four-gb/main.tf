resource "aws_apprunner_service" "service" {
  service_name = "web"

  source_configuration {
    auto_deployments_enabled = false

    image_repository {
      image_identifier      = "public.ecr.aws/nginx/nginx:1.27"
      image_repository_type = "ECR_PUBLIC"
    }
  }

  instance_configuration {
    cpu    = "4 vCPU"
    memory = "4 GB"
  }
}
