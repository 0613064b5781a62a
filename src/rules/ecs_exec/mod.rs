//! Roles attached to tasks: the task execution role that ECS uses to pull images, write
//! logs and read secrets for the task. Facts from the Amazon ECS Developer Guide, "Amazon ECS
//! task execution IAM role".

pub mod execution_role_required;
