resource "aws_iam_policy" "queue_access" {
  name   = "queue"
  policy = jsonencode("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"sqs:SendMessage\", \"Resource\": \"*\",}\n  ]\n}\n")
}

resource "aws_iam_role_policy_attachment" "queue_access_0" {
  role       = "worker"
  policy_arn = aws_iam_policy.queue_access.arn
}
