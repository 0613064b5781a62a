resource "aws_ecs_task_definition" "task_definition" {
  family             = "app"
  execution_role_arn = "arn:aws:iam::123456789012:role/app-execution"
  container_definitions = jsonencode([
    {
      name      = "api"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
      environment = [
        {
          name  = "DB_PASSWORD_FILE"
          value = "/run/secrets/db"
        },
        {
          name  = "DB_SECRET_ARN"
          value = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
        },
        {
          name  = "API_TOKEN"
          value = ""
        },
        {
          name  = "LOG_LEVEL"
          value = "info"
        },
      ]
      secrets = [
        {
          name      = "DB_PASSWORD"
          valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
        },
      ]
    },
  ])
}
