data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

resource "aws_iam_policy" "reports_policy" {
  name = "reports_policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        NotAction = ["s3:HeadBucket", "s3:GetObject"]
        Resource  = "arn:${data.aws_partition.current.partition}:s3:::reports-${data.aws_caller_identity.current.account_id}/*"
      },
    ]
  })
}
