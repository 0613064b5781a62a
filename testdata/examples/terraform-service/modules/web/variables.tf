variable "name" {
  type = string
}

variable "cluster" {
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

variable "subnets" {
  type = list(string)
}

variable "elb_name" {
  type    = string
  default = null
}
