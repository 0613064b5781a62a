variable "private_subnets" {
  type = string
}

resource "aws_iam_role" "pod_execution_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"]
}

resource "aws_eks_fargate_profile" "fargate_profile" {
  cluster_name           = "prod"
  fargate_profile_name   = "apps"
  pod_execution_role_arn = aws_iam_role.pod_execution_role.arn
  subnet_ids             = var.private_subnets

  selector {
    namespace = "default"
  }
}
