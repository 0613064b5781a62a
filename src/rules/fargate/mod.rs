//! Fargate compatibility: task definitions and services that Fargate will reject.
//! Facts from the Amazon ECS Developer Guide, "Amazon ECS task definition differences for
//! Fargate", and the Fargate task-size table (see [`crate::facts::fargate`]).

pub mod classic_load_balancer;
pub mod cpu_memory_combination;
pub mod daemon_service;
pub mod ephemeral_storage;
pub mod firelens_config_file;
pub mod log_driver;
pub mod network_mode_awsvpc;
pub mod platform_version;
pub mod service_placement;
pub mod service_task_compatibility;
pub mod stop_timeout;
pub mod task_size_required;
pub mod unsupported_parameter;
pub mod windows_task_size;
