resource "aws_ecs_task_definition" "task_definition" {
  family       = "task_definition"
  network_mode = "bridge"
  container_definitions = jsonencode([
    {
      name   = "web"
      image  = "nginx:1.27"
      memory = 256
      portMappings = [
        {
          containerPort = 80
          hostPort      = 8080
        },
      ]
    },
    {
      name   = "admin"
      image  = "nginx:1.27"
      memory = 128
      portMappings = [
        {
          containerPort = 9000
          hostPort      = 8080
        },
      ]
    },
  ])
}
