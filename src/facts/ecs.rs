//! Facts about ECS task definitions that hold on every launch type.

/// Parses a task-level `cpu` value into CPU units.
///
/// Source: Amazon ECS API Reference, `RegisterTaskDefinition` — "cpu: ... can be expressed as
/// an integer using CPU units (for example, `1024`) or as a string using vCPUs (for example,
/// `1 vCPU` or `1 vcpu`) ... it's converted to an integer indicating the CPU units".
pub fn parse_cpu_units(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Some(number) = strip_suffix_ignore_case(text, "vcpu") {
        return scaled(number.trim_end(), 1024);
    }
    text.parse().ok()
}

/// Parses a task-level `memory` value into MiB.
///
/// Source: Amazon ECS API Reference, `RegisterTaskDefinition` — "memory: ... can be expressed
/// as an integer using MiB (for example, `1024`) or as a string using GB (for example, `1GB`
/// or `1 GB`) ... it's converted to an integer indicating the MiB".
pub fn parse_memory_mib(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Some(number) = strip_suffix_ignore_case(text, "gb") {
        return scaled(number.trim_end(), 1024);
    }
    text.parse().ok()
}

/// `deploymentConfiguration` defaults for a REPLICA service with the rolling (`ECS`)
/// deployment controller: at most 200 % of the desired count running or pending, at least
/// 100 % healthy. Source: ECS API Reference, `DeploymentConfiguration` (`maximumPercent`,
/// `minimumHealthyPercent`).
pub const DEFAULT_MAXIMUM_PERCENT: u32 = 200;
pub const DEFAULT_MINIMUM_HEALTHY_PERCENT: u32 = 100;

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let split = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(split) && text[split..].eq_ignore_ascii_case(suffix))
        .then(|| &text[..split])
}

/// `"0.25"` × 1024 = 256; refuses anything that is not a whole number of units.
fn scaled(number: &str, factor: u32) -> Option<u32> {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let units = value * f64::from(factor);
    (units.fract() == 0.0 && units > 0.0 && units <= f64::from(u32::MAX)).then_some(units as u32)
}

/// At most this many `environmentFiles` per container. Source: Amazon ECS Developer Guide,
/// "Pass an individual environment variable to an Amazon ECS container" / taskdef-envfiles
/// ("You can specify up to ten environment files"; the file "must use the `.env` file
/// extension").
pub const MAX_ENVIRONMENT_FILES: usize = 10;

/// Placement limits. Source: Amazon ECS API Reference, `CreateService`:
/// `placementConstraints` ("You can specify a maximum of 10 constraints for each task. This
/// limit includes constraints in the task definition and those specified at runtime"),
/// and `PlacementConstraint` `expression` ("The expression can have a maximum length of
/// 2000 characters").
pub const MAX_PLACEMENT_CONSTRAINTS: usize = 10;
pub const MAX_PLACEMENT_EXPRESSION: usize = 2000;

/// The fields a `binpack` strategy packs by. Source: Amazon ECS API Reference,
/// `PlacementStrategy` `field` ("For the binpack placement strategy, valid values are cpu and
/// memory").
pub const BINPACK_FIELDS: &[&str] = &["cpu", "memory"];

/// Target groups one service may register with. Source: Amazon ECS Developer Guide, "Amazon
/// ECS service quotas" ("Target groups per service: 5").
pub const MAX_TARGET_GROUPS_PER_SERVICE: usize = 5;

/// Where the SSM agent that ECS Exec injects writes inside the container: a container with
/// a read-only root file system needs writable volumes here. Sources: Amazon ECS Developer
/// Guide, "Monitor Amazon ECS containers with ECS Exec" ("isn't supported" with
/// `readonlyRootFilesystem`), and the maintainers' workaround in aws/containers-roadmap#1359.
pub const ECS_EXEC_AGENT_PATHS: &[&str] = &[
    "/managed-agents",
    "/var/lib/amazon/ssm",
    "/var/log/amazon/ssm",
];

/// What the task role needs for ECS Exec. Source: Amazon ECS Developer Guide, "Monitor
/// Amazon ECS containers with ECS Exec", IAM permissions required for ECS Exec.
pub const ECS_EXEC_ACTIONS: &[&str] = &[
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
];

/// Containers one task definition may declare. Source: Amazon ECS Developer Guide, "Amazon
/// ECS service quotas" ("Containers per task definition: 10"); `RegisterTaskDefinition`
/// fails with "Too many containers".
pub const MAX_CONTAINERS: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_strings() {
        assert_eq!(parse_cpu_units("256"), Some(256));
        assert_eq!(parse_cpu_units("1 vCPU"), Some(1024));
        assert_eq!(parse_cpu_units("1 vcpu"), Some(1024));
        assert_eq!(parse_cpu_units("2vCPU"), Some(2048));
        assert_eq!(parse_cpu_units(".25 vCPU"), Some(256));
        assert_eq!(parse_cpu_units("0.5 vCPU"), Some(512));
        assert_eq!(parse_cpu_units("16 vCPU"), Some(16384));
        assert_eq!(parse_cpu_units("vCPU"), None);
        assert_eq!(parse_cpu_units("1.5"), None);
        assert_eq!(parse_cpu_units("-1 vCPU"), None);
        assert_eq!(parse_cpu_units("fast"), None);
    }

    #[test]
    fn memory_strings() {
        assert_eq!(parse_memory_mib("512"), Some(512));
        assert_eq!(parse_memory_mib("2 GB"), Some(2048));
        assert_eq!(parse_memory_mib("2GB"), Some(2048));
        assert_eq!(parse_memory_mib("0.5GB"), Some(512));
        assert_eq!(parse_memory_mib("120 gb"), Some(122_880));
        assert_eq!(parse_memory_mib("2 MB"), None);
    }
}
