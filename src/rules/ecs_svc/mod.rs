//! Service configuration: what `CreateService` rejects and deployments that cannot make
//! progress. Facts from the Amazon ECS API Reference (`CreateService`,
//! `DeploymentConfiguration`).

pub mod deployment_deadlock;
pub mod launch_type_with_capacity_provider;
