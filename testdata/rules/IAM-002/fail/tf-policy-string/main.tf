resource "aws_iam_policy" "queue_access" {
  name   = "queue"
  policy = jsonencode("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Efect\": \"Allow\", \"Action\": \"sqs:SendMessage\", \"Resource\": \"*\"}]}")
}

resource "aws_iam_role_policy_attachment" "queue_access_0" {
  role       = "worker"
  policy_arn = aws_iam_policy.queue_access.arn
}
