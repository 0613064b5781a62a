//! Amazon EKS on Fargate: Fargate profiles that EKS rejects or that leave pods `Pending`.
//! Facts from the Amazon EKS User Guide, "Define which Pods use AWS Fargate when launched".

pub mod fargate_profile;
pub mod public_subnet;

use crate::model::{FargateProfile, Resource};

/// "Fargate profile `Pods`", or "This Fargate profile" when it has no logical id.
fn subject(profile: &FargateProfile) -> String {
    match profile.logical_id() {
        Some(id) => format!("Fargate profile `{id}`"),
        None => "This Fargate profile".to_string(),
    }
}
