//! Service configuration: what `CreateService` rejects and deployments that cannot make
//! progress. Facts from the Amazon ECS API Reference (`CreateService`,
//! `DeploymentConfiguration`).

pub mod awsvpc_network_configuration;
pub mod capacity_provider_association_race;
pub mod capacity_provider_strategy;
pub mod circuit_breaker_controller;
pub mod circuit_breaker_disabled;
pub mod daemon_deployment_controller;
pub mod deployment_deadlock;
pub mod dynamic_port_health_check;
pub mod egress_route;
pub mod external_launch_type;
pub mod fargate_spot_platform;
pub mod launch_type_with_capacity_provider;
pub mod load_balancer_container;
pub mod load_balancer_entry;
pub mod network_configuration_without_awsvpc;
pub mod placement_constraint;
pub mod placement_strategy;
pub mod public_ip_on_ec2;
pub mod service_connect;
pub mod service_public_ip;
pub mod service_registry;
pub mod service_role;
pub mod spare_instance;
pub mod static_host_port_copies;
pub mod target_group_without_listener;
pub mod target_type;
pub mod unused_grace_period;
