//! Amazon EKS on Fargate: Fargate profiles that EKS rejects or that leave pods `Pending`.
//! Facts from the Amazon EKS User Guide, "Define which Pods use AWS Fargate when launched".

pub mod fargate_profile;
pub mod public_subnet;

use crate::model::{FargateProfile, Resource, Subject};

/// "Fargate profile `Pods`", or "This Fargate profile" when it has no logical id.
fn subject(profile: &FargateProfile) -> Subject<'_> {
    Subject::new("Fargate profile", profile.logical_id())
}
