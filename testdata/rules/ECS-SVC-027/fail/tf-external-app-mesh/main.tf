resource "aws_ecs_task_definition" "task_definition" {
  family                   = "task_definition"
  network_mode             = "bridge"
  requires_compatibilities = ["EXTERNAL"]
  container_definitions = jsonencode([
    {
      name      = "web"
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      memory    = 256
      portMappings = [
        {
          containerPort = 8080
        },
      ]
    },
    {
      name      = "envoy"
      image     = "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.1-prod"
      essential = true
      memory    = 256
      user      = "1337"
    },
  ])

  proxy_configuration {
    type           = "APPMESH"
    container_name = "envoy"
    properties = {
      IgnoredUID         = "1337"
      ProxyIngressPort   = "15000"
      ProxyEgressPort    = "15001"
      AppPorts           = "8080"
      EgressIgnoredIPs   = "169.254.170.2,169.254.169.254"
      EgressIgnoredPorts = "22"
    }
  }
}

resource "aws_ecs_service" "service" {
  name            = "service"
  cluster         = "edge"
  task_definition = aws_ecs_task_definition.task_definition.arn
  desired_count   = 1
  launch_type     = "EXTERNAL"
}
