//! Container instances: the EC2 instances an ECS cluster runs tasks on, and the capacity
//! providers and Auto Scaling groups that start them. Every task on an instance can read the
//! instance role's credentials from the instance metadata service, so the role should grant
//! what the ECS container agent needs and no more. Facts from the Amazon ECS Developer
//! Guide ("Amazon ECS container instance IAM role", "Auto Scaling group capacity
//! providers") and the AmazonEC2ContainerServiceforEC2Role managed policy
//! ([`crate::facts::managed_policies`]).

pub mod imds_reachable;
pub mod instance_role_admin;
pub mod instance_role_exceeds_baseline;
pub mod task_larger_than_instance;
pub mod termination_protection;
pub mod unusable_provider_group;
