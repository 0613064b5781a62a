//! What App Runner accepts as an instance size.

/// For each CPU value (CPU units) an App Runner instance may have, the memory values (MB)
/// it may be paired with.
///
/// Source: AWS App Runner API Reference, `InstanceConfiguration` (the `Cpu` and `Memory`
/// patterns: 256–4096 units or 0.25–4 vCPU; 512–12288 MB or 0.5–12 GB), and the App Runner
/// Developer Guide's supported configurations, which the AWS CDK's `Memory` constants
/// restate per CPU value ("0.5 GB (for 0.25 vCPU)", "4 GB (for 1 or 2 vCPU)", …).
pub const INSTANCE_SIZES: &[(u32, &[u32])] = &[
    (256, &[512, 1024]),
    (512, &[1024]),
    (1024, &[2048, 3072, 4096]),
    (2048, &[4096, 6144]),
    (4096, &[8192, 10240, 12288]),
];

/// The defaults when `Cpu` or `Memory` is omitted: 1 vCPU and 2 GB.
pub const DEFAULT_CPU: u32 = 1024;
pub const DEFAULT_MEMORY: u32 = 2048;

/// CPU units from `1024` or `1 vCPU`; `None` for anything the API's pattern does not take.
pub fn cpu_units(text: &str) -> Option<u32> {
    scaled(text, "vCPU", 1024)
}

/// Megabytes from `2048` or `2 GB`.
pub fn memory_mb(text: &str) -> Option<u32> {
    scaled(text, "GB", 1024)
}

/// `text` as a plain number, or as a number of `unit`s times `factor` (`0.25 vCPU`).
fn scaled(text: &str, unit: &str, factor: u32) -> Option<u32> {
    let text = text.trim();
    if let Some(amount) = text.strip_suffix(unit) {
        let amount: f64 = amount.trim().parse().ok()?;
        let value = amount * f64::from(factor);
        return (value.fract() == 0.0 && value > 0.0 && value <= f64::from(u32::MAX))
            .then_some(value as u32);
    }
    text.parse().ok()
}

/// The memory values (MB) allowed with `cpu` units, if App Runner offers that CPU value.
pub fn memory_for(cpu: u32) -> Option<&'static [u32]> {
    INSTANCE_SIZES
        .iter()
        .find(|(units, _)| *units == cpu)
        .map(|(_, memory)| *memory)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_spellings() {
        assert_eq!(cpu_units("0.25 vCPU"), Some(256));
        assert_eq!(cpu_units("4 vCPU"), Some(4096));
        assert_eq!(cpu_units("1024"), Some(1024));
        assert_eq!(memory_mb("0.5 GB"), Some(512));
        assert_eq!(memory_mb("12 GB"), Some(12288));
        assert_eq!(memory_mb("3072"), Some(3072));
        assert_eq!(cpu_units("fast"), None);
    }

    #[test]
    fn the_table_edges() {
        assert_eq!(memory_for(256), Some(&[512, 1024][..]));
        assert_eq!(memory_for(4096).and_then(|m| m.last()), Some(&12288));
        assert!(!memory_for(512).unwrap().contains(&2048));
        assert_eq!(memory_for(8192), None);
        assert!(memory_for(DEFAULT_CPU).unwrap().contains(&DEFAULT_MEMORY));
    }
}
