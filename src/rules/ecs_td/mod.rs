//! Task-definition validity and placement: what ECS rejects at registration, port mappings
//! that stop tasks from being placed — and hygiene (privileges, host access, secrets in the
//! environment), split into rules of their own so that selecting the errors never selects
//! advice. Facts from the Amazon ECS API Reference
//! (`ContainerDefinition`, `PortMapping`) and the task definition parameters guide.

pub mod awslogs_options;
pub mod completion_dependency;
pub mod container_memory_unset;
pub mod container_resources;
pub mod depends_on_cycle;
pub mod duplicate_host_port;
pub mod efs_authorization;
pub mod efs_transit_encryption;
pub mod environment_files;
pub mod firelens_router;
pub mod healthy_dependency;
pub mod host_namespaces;
pub mod host_port_must_match;
pub mod memory_reservation;
pub mod mutable_image_reference;
pub mod network_mode_parameters;
pub mod no_essential_container;
pub mod plaintext_secret;
pub mod privileged_container;
pub mod proxy_configuration;
pub mod same_task_and_execution_role;
pub mod secret_reference;
pub mod sensitive_host_mount;
pub mod static_host_port;
pub mod too_many_containers;
pub mod ulimits;
pub mod unknown_container_reference;
pub mod windows_parameters;
pub mod writable_root_filesystem;
