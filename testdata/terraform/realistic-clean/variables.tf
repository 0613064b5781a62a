variable "name" {
  description = "Name of the service"
  type        = string
  default     = "orders"
}

variable "environment" {
  type    = string
  default = "production"

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "sizes" {
  description = "Task size per environment"
  type        = map(object({ cpu = number, memory = number }))
  default = {
    staging    = { cpu = 256, memory = 512 }
    production = { cpu = 1024, memory = 2048 }
  }
}

variable "image_tag" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "secrets" {
  description = "Environment variable name => Secrets Manager ARN"
  type        = map(string)
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
