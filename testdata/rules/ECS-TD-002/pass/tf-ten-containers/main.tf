resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name      = "c0"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 64
    },
    {
      name      = "c1"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c2"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c3"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c4"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c5"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c6"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c7"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c8"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
    {
      name      = "c9"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = false
      memory    = 64
    },
  ])
}
