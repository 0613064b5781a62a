//! Application Auto Scaling of ECS services: scalable targets and scaling policies that AWS
//! rejects or that never scale. Facts from the Application Auto Scaling API reference
//! (`RegisterScalableTarget`, `PredefinedMetricSpecification`) and the Amazon ECS Developer
//! Guide ("Automatically scale your Amazon ECS service").

pub mod desired_count_range;
pub mod ecs_scalable_target;
pub mod request_count_scaling;
pub mod scalable_target_range;
