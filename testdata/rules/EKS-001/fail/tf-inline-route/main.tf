# A route table written with its routes inside it: the `route` block to the internet
# gateway makes every subnet associated with the table public.
variable "pod_execution_role_arn" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  count          = 2
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eks_fargate_profile" "apps" {
  cluster_name           = "prod"
  fargate_profile_name   = "apps"
  pod_execution_role_arn = var.pod_execution_role_arn
  subnet_ids             = aws_subnet.public[*].id

  selector {
    namespace = "default"
  }
}
