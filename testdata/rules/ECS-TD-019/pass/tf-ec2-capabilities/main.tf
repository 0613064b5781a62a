resource "aws_ecs_task_definition" "task_definition" {
  family                   = "app"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name       = "web"
      image      = "public.ecr.aws/nginx/nginx:1.27"
      essential  = true
      memory     = 256
      privileged = false
      linuxParameters = {
        capabilities = {
          add = ["NET_ADMIN"]
        }
      }
    },
  ])
}
