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

/// Every option the `awslogs` driver takes, and when it is required.
///
/// Sources: Amazon ECS API Reference, `LogConfiguration` `options` ("awslogs-region —
/// Required: Yes", "awslogs-group — Required: Yes", "awslogs-stream-prefix — Required: Yes,
/// when using Fargate", plus `awslogs-create-group`, `awslogs-datetime-format`,
/// `awslogs-multiline-pattern`, `mode`, `max-buffer-size`); Docker's "Amazon CloudWatch Logs
/// logging driver" page for the options ECS passes through to Docker (`awslogs-endpoint`,
/// `awslogs-stream`, `awslogs-credentials-endpoint`, `awslogs-format`, `tag`, ...).
pub const AWSLOGS_OPTIONS: &[(&str, Required)] = &[
    ("awslogs-group", Required::Always),
    ("awslogs-region", Required::OnFargateElseFallback),
    ("awslogs-stream-prefix", Required::OnFargate),
    ("awslogs-create-group", Required::No),
    ("awslogs-datetime-format", Required::No),
    ("awslogs-multiline-pattern", Required::No),
    ("mode", Required::No),
    ("max-buffer-size", Required::No),
    ("awslogs-endpoint", Required::No),
    ("awslogs-stream", Required::No),
    ("awslogs-create-stream", Required::No),
    ("awslogs-credentials-endpoint", Required::No),
    ("awslogs-format", Required::No),
    ("awslogs-force-flush-interval-seconds", Required::No),
    ("awslogs-max-buffer-size", Required::No),
    ("tag", Required::No),
];
