resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<-EOF
    [
      {
        "name": "app",
        "image": "public.ecr.aws/docker/library/httpd:2.4",
        "memory": "512",
        "portMappings": [{"containerPort": 80}]
      }
    ]
  EOF
}
