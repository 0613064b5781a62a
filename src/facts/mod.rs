//! AWS's limits and combinations, each encoded once with the document it comes from.

pub mod app_runner;
pub mod awslogs;
pub mod ecr;
pub mod ecr_lifecycle;
pub mod ecs;
pub mod escalation;
pub mod fargate;
pub mod iam_actions;
pub mod instance_types;
pub mod managed_policies;
