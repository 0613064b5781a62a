//! Amazon ECR repositories: what ECR rejects in their lifecycle policies. Facts from the
//! Amazon ECR User Guide, in `facts::ecr_lifecycle`.

pub mod lifecycle_policy;
