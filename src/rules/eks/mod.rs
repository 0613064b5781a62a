//! Amazon EKS on Fargate: Fargate profiles that EKS rejects or that leave pods `Pending`.
//! Facts from the Amazon EKS User Guide, "Define which Pods use AWS Fargate when launched".

pub mod fargate_profile;
