//! The `awslogs` log driver's options.

/// Whether a task definition must set an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    Always,
    OnFargate,
    /// Required on Fargate; elsewhere Docker's driver falls back to the container
    /// instance's region from EC2 instance metadata ("awslogs-region … If not specified, the
    /// region is taken from the EC2 instance metadata", Docker's awslogs driver page), so
    /// its absence there is worth a warning, not an error.
    OnFargateElseFallback,
    No,
}

/// Every option ECS documents for the `awslogs` driver, and when it is required.
///
/// Source: Amazon ECS API Reference, `LogConfiguration` `options` ("awslogs-region —
/// Required: Yes", "awslogs-group — Required: Yes", "awslogs-stream-prefix — Required: Yes,
/// when using Fargate", plus `awslogs-create-group`, `awslogs-datetime-format`,
/// `awslogs-multiline-pattern`, `mode`, `max-buffer-size`) — the set cfn-lint's E3046 also
/// allows. ECS rejects other names at registration ("Log driver awslogs disallows options:
/// log_key").
pub const AWSLOGS_OPTIONS: &[(&str, Required)] = &[
    ("awslogs-group", Required::Always),
    ("awslogs-region", Required::OnFargateElseFallback),
    ("awslogs-stream-prefix", Required::OnFargate),
    ("awslogs-create-group", Required::No),
    ("awslogs-datetime-format", Required::No),
    ("awslogs-multiline-pattern", Required::No),
    ("mode", Required::No),
    ("max-buffer-size", Required::No),
];

/// Options Docker's awslogs driver takes that ECS does not document (Docker's "Amazon
/// CloudWatch Logs logging driver" page). Whether ECS passes them through is not documented
/// either **[unsure]**, so using one is a warning.
pub const DOCKER_ONLY_AWSLOGS_OPTIONS: &[&str] = &[
    "awslogs-endpoint",
    "awslogs-stream",
    "awslogs-create-stream",
    "awslogs-credentials-endpoint",
    "awslogs-format",
    "awslogs-force-flush-interval-seconds",
    "awslogs-max-buffer-size",
    "tag",
];
