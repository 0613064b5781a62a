variable "subnets" {
  type        = list(string)
  description = "Private subnets for the tasks"
}
