[
  {
    "name": "${name}",
    "image": "public.ecr.aws/docker/library/busybox:1.36",
    "essential": true,
    "portMappings": [{ "containerPort": ${port}, "hostPort": 9091 }]
  }
]
