resource "aws_iam_policy" "worker_policy" {
  name = "worker"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "sqs:*"
        Resource = aws_sqs_queue.queue.arn
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "worker_policy_0" {
  role       = "worker"
  policy_arn = aws_iam_policy.worker_policy.arn
}

resource "aws_sqs_queue" "queue" {
  name = "queue"
}
