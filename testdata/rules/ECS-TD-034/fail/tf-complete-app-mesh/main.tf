resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  cpu                      = "512"
  memory                   = "1024"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      portMappings = [
        {
          containerPort = 8080
        },
      ]
    },
    {
      name      = "envoy"
      image     = "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod"
      essential = true
      user      = "1337"
    },
  ])

  proxy_configuration {
    type           = "APPMESH"
    container_name = "envoy"
    properties = {
      IgnoredUID         = "1337"
      AppPorts           = "8080"
      ProxyIngressPort   = "15000"
      ProxyEgressPort    = "15001"
      EgressIgnoredIPs   = "169.254.170.2,169.254.169.254"
      EgressIgnoredPorts = "22"
    }
  }
}
