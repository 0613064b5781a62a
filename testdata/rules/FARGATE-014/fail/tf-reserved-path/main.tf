resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "256"
  memory                   = "512"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
  container_definitions = jsonencode([
    {
      name      = "log_router"
      image     = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
      essential = true
      firelensConfiguration = {
        type = "fluentbit"
        options = {
          config-file-type  = "file"
          config-file-value = "/fluent-bit/etc/fluent-bit.conf"
        }
      }
    },
    {
      name      = "app"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      logConfiguration = {
        logDriver = "awsfirelens"
        options = {
          Name           = "cloudwatch_logs"
          region         = "eu-west-1"
          log_group_name = "/ecs/app"
        }
      }
    },
  ])
}
