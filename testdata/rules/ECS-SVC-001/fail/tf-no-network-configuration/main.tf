resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "awsvpc"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name   = "api"
      image  = "public.ecr.aws/docker/library/httpd:2.4"
      memory = 256
    },
  ])
}

resource "aws_ecs_service" "service" {
  name            = "service"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 2
  launch_type     = "EC2"
}
