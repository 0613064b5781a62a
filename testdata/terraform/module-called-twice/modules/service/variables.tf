variable "name" {
  type = string
}

variable "cpu" {
  type    = number
  default = 256
}

variable "memory" {
  type    = number
  default = 512
}

variable "image" {
  type    = string
  default = "public.ecr.aws/docker/library/httpd:2.4"
}
