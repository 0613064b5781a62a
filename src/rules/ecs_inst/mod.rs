//! The container instance role: the instance profile of the EC2 instances an ECS cluster
//! runs tasks on. Every task on the instance can read its credentials from the instance
//! metadata service, so it should grant what the ECS container agent needs and no more.
//! Facts from the Amazon ECS Developer Guide, "Amazon ECS container instance IAM role", and
//! the AmazonEC2ContainerServiceforEC2Role managed policy ([`crate::facts::managed_policies`]).

pub mod imds_reachable;
pub mod instance_role_admin;
pub mod instance_role_exceeds_baseline;
