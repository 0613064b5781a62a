//! Amazon EKS on Fargate: the Fargate profiles that decide which pods run on Fargate
//! (`AWS::EKS::FargateProfile`, `aws_eks_fargate_profile`).

use crate::source::span::Span;

use super::{LogicalId, Target, Val};

#[derive(Debug, Clone, Default)]
pub struct FargateProfile {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// Where each selector is written; `None` when the list is not wholly written out.
    pub selectors: Option<Vec<Span>>,
    pub pod_execution_role: Option<Val<Target>>,
    pub subnets: Vec<Val<Target>>,
}
