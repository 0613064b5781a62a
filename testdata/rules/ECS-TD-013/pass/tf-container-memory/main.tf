resource "aws_ecs_task_definition" "task_definition" {
  family                   = "worker"
  requires_compatibilities = ["EC2"]
  container_definitions = jsonencode([
    {
      name              = "worker"
      image             = "public.ecr.aws/docker/library/busybox:1.36"
      memoryReservation = 128
    },
  ])
}
