//! What Fargate accepts.

use crate::text::or_list;

/// Valid task sizes on Fargate: for each task CPU value (CPU units), the memory values (MiB)
/// it may be paired with, as `(first, last, step)`, and whether Windows containers may use it.
///
/// Source: Amazon ECS Developer Guide, "Task CPU and memory" / "Troubleshoot Amazon ECS task
/// definition invalid CPU or memory errors" (task-cpu-memory-error.html), Linux and Windows
/// columns; 8 and 16 vCPU need Linux platform version 1.4.0 or later. The table ends at 16
/// vCPU: the `RegisterTaskDefinition` reference (`memory`: "Between 32GB and 120 GB in 8 GB
/// increments - Available cpu values: 16384 (16 vCPU)") lists no larger Fargate size, checked
/// again 2026-12-04; a 32 vCPU task is reported until AWS documents one.
pub const TASK_SIZES: &[TaskSize] = &[
    TaskSize {
        cpu: 256,
        memory: Memory::List(&[512, 1024, 2048]),
        windows: false,
    },
    TaskSize {
        cpu: 512,
        memory: Memory::Range {
            first: 1024,
            last: 4096,
            step: 1024,
        },
        windows: false,
    },
    TaskSize {
        cpu: 1024,
        memory: Memory::Range {
            first: 2048,
            last: 8192,
            step: 1024,
        },
        windows: true,
    },
    TaskSize {
        cpu: 2048,
        memory: Memory::Range {
            first: 4096,
            last: 16384,
            step: 1024,
        },
        windows: true,
    },
    TaskSize {
        cpu: 4096,
        memory: Memory::Range {
            first: 8192,
            last: 30720,
            step: 1024,
        },
        windows: true,
    },
    TaskSize {
        cpu: 8192,
        memory: Memory::Range {
            first: 16384,
            last: 61440,
            step: 4096,
        },
        windows: false,
    },
    TaskSize {
        cpu: 16384,
        memory: Memory::Range {
            first: 32768,
            last: 122880,
            step: 8192,
        },
        windows: false,
    },
];

#[derive(Debug, Clone, Copy)]
pub struct TaskSize {
    pub cpu: u32,
    pub memory: Memory,
    /// Whether Fargate offers this size to Windows containers (1, 2 and 4 vCPU only).
    pub windows: bool,
}

#[derive(Debug, Clone, Copy)]
pub enum Memory {
    List(&'static [u32]),
    Range { first: u32, last: u32, step: u32 },
}

impl Memory {
    pub fn allows(self, mib: u32) -> bool {
        match self {
            Memory::List(values) => values.contains(&mib),
            Memory::Range { first, last, step } => {
                (first..=last).contains(&mib) && (mib - first).is_multiple_of(step)
            }
        }
    }

    /// "512, 1024 or 2048 MiB" / "2048 to 8192 MiB in steps of 1024".
    pub fn describe(self) -> String {
        match self {
            Memory::List(values) => {
                let values: Vec<String> = values.iter().map(u32::to_string).collect();
                format!("{} MiB", or_list(&values))
            }
            Memory::Range { first, last, step } => {
                format!("{first} to {last} MiB in steps of {step}")
            }
        }
    }
}

pub fn task_size(cpu: u32) -> Option<&'static TaskSize> {
    TASK_SIZES.iter().find(|size| size.cpu == cpu)
}

/// The CPU values Fargate offers, for messages: "256, 512, 1024, 2048, 4096, 8192 or 16384".
pub fn cpu_values() -> String {
    let values: Vec<String> = TASK_SIZES.iter().map(|s| s.cpu.to_string()).collect();
    or_list(&values)
}

/// Log drivers Fargate supports.
/// Source: ECS API Reference, `LogConfiguration.logDriver` ("For tasks on AWS Fargate, the
/// supported log drivers are `awslogs`, `splunk`, and `awsfirelens`").
pub const LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];

/// The longest `stopTimeout` Fargate takes, seconds. Source: Amazon ECS API Reference,
/// `ContainerDefinition` `stopTimeout` ("For tasks using the Fargate launch type, the max stop
/// timeout value is 120 seconds").
pub const MAX_STOP_TIMEOUT: u32 = 120;

/// The highest `nofile` ulimit Fargate takes. Source: Amazon ECS Developer Guide, "Amazon
/// ECS task definition differences for Fargate" (`ulimits`: "the nofile resource limit …
/// can be set up to 1048576").
pub const MAX_NOFILE: u32 = 1_048_576;

/// The only capability a Fargate container may add. Source: Amazon ECS API Reference,
/// `KernelCapabilities` `add` ("Tasks launched on Fargate only support adding the
/// `SYS_PTRACE` kernel capability").
pub const ADDABLE_CAPABILITY: &str = "SYS_PTRACE";

/// Task ephemeral storage, GiB. Source: Amazon ECS API Reference, `EphemeralStorage`
/// `sizeInGiB` ("The minimum supported value is 21 GiB and the maximum supported value is
/// 200 GiB").
pub const EPHEMERAL_STORAGE_GIB: std::ops::RangeInclusive<u32> = 21..=200;

/// Fargate Linux platform versions that are retired: a service pinned to one cannot start
/// tasks. Source: Amazon ECS Developer Guide, "Fargate Linux platform versions" (1.0.0–1.2.0
/// retired; `LATEST` is 1.4.0). Windows' only version is 1.0.0.
pub const RETIRED_LINUX_PLATFORM_VERSIONS: &[&str] = &["1.0.0", "1.1.0", "1.2.0"];

/// The Linux platform version the newer task features need (same source, and the feature
/// pages: EFS volumes, ephemeral storage, 8 and 16 vCPU, `pidMode`, `systemControls`,
/// `SYS_PTRACE`, environment files, ECS Exec).
pub const FEATURES_PLATFORM_VERSION: (u32, u32, u32) = (1, 4, 0);

/// Where a FireLens configuration file cannot come from: Fargate takes only `file`
/// (`FirelensConfiguration` `options`: "Tasks hosted on Fargate only support the file
/// configuration file type"), and the router's own default files are reserved (Amazon ECS
/// Developer Guide, "Example task definitions" for FireLens).
pub const FIRELENS_RESERVED_CONFIG_PATHS: &[&str] = &[
    "/fluent-bit/etc/fluent-bit.conf",
    "/fluentd/etc/fluent.conf",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_edges() {
        let allowed = |cpu, mem| task_size(cpu).is_some_and(|s| s.memory.allows(mem));
        assert!(allowed(256, 512) && allowed(256, 2048));
        assert!(!allowed(256, 3072) && !allowed(256, 4096) && !allowed(256, 256));
        assert!(
            allowed(512, 1024) && allowed(512, 4096) && !allowed(512, 5120) && !allowed(512, 512)
        );
        assert!(
            allowed(1024, 2048)
                && allowed(1024, 8192)
                && !allowed(1024, 1024)
                && !allowed(1024, 9216)
        );
        assert!(
            allowed(2048, 4096)
                && allowed(2048, 16384)
                && !allowed(2048, 17408)
                && !allowed(2048, 4000)
        );
        assert!(allowed(4096, 8192) && allowed(4096, 30720) && !allowed(4096, 31744));
        assert!(allowed(8192, 16384) && allowed(8192, 20480) && allowed(8192, 61440));
        assert!(!allowed(8192, 17408) && !allowed(8192, 65536));
        assert!(allowed(16384, 32768) && allowed(16384, 40960) && allowed(16384, 122880));
        assert!(!allowed(16384, 36864) && !allowed(16384, 131072));
        assert!(
            task_size(3072).is_none() && task_size(128).is_none() && task_size(32768).is_none()
        );
    }

    #[test]
    fn row_counts_match_the_aws_table() {
        let count = |cpu: u32| match task_size(cpu).unwrap().memory {
            Memory::List(v) => v.len() as u32,
            Memory::Range { first, last, step } => (last - first) / step + 1,
        };
        let counts: Vec<u32> = TASK_SIZES.iter().map(|s| count(s.cpu)).collect();
        assert_eq!(counts, vec![3, 4, 7, 13, 23, 12, 12]);
    }

    #[test]
    fn descriptions() {
        assert_eq!(
            task_size(256).unwrap().memory.describe(),
            "512, 1024 or 2048 MiB"
        );
        assert_eq!(
            task_size(1024).unwrap().memory.describe(),
            "2048 to 8192 MiB in steps of 1024"
        );
        assert_eq!(cpu_values(), "256, 512, 1024, 2048, 4096, 8192 or 16384");
    }
}
