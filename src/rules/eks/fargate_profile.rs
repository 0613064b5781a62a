use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, trusts};
use crate::rules::Check;

use super::subject;

/// "You can add up to five selectors to each profile."
const MAX_SELECTORS: usize = 5;

/// The service principal that runs Fargate pods with the pod execution role.
const FARGATE_PODS: &str = "eks-fargate-pods.amazonaws.com";

declare_rule! {
    /// ## What it does
    /// Finds an EKS Fargate profile with more than five selectors, or whose pod execution
    /// role, declared in the same template or configuration, does not trust
    /// `eks-fargate-pods.amazonaws.com`.
    ///
    /// ## Why is this bad?
    /// "You can add up to five selectors to each profile": `CreateFargateProfile` rejects a
    /// sixth. The pod execution role is what Fargate's infrastructure assumes to pull images
    /// and register the pod's node; when its trust policy does not allow
    /// `eks-fargate-pods.amazonaws.com`, the profile is rejected or its pods never start.
    ///
    /// ## Example
    /// ```yaml
    /// PodExecutionRole:
    ///   Type: AWS::IAM::Role
    ///   Properties:
    ///     AssumeRolePolicyDocument:
    ///       Statement:
    ///         - Effect: Allow
    ///           Principal: {Service: ecs-tasks.amazonaws.com}
    ///           Action: sts:AssumeRole
    /// ```
    ///
    /// Use instead: `Principal: {Service: eks-fargate-pods.amazonaws.com}`, and at most five
    /// selectors per profile (another profile for more namespaces).
    ///
    /// ## References
    /// - [Amazon EKS: Define which Pods use AWS Fargate when launched](https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html)
    /// - [Amazon EKS: Pod execution IAM role](https://docs.aws.amazon.com/eks/latest/userguide/pod-execution-role.html)
    pub FargateProfileCheck {
        id: "EKS-002",
        name: "invalid-fargate-profile",
        severity: Error,
        summary: "EKS Fargate profile with more than five selectors, or a pod execution role Fargate cannot assume",
        tags: ["eks", "fargate", "iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html",
    }
}

impl Check for FargateProfileCheck {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for profile in model.fargate_profiles() {
            let subject = subject(profile);
            if let Some(selectors) = &profile.selectors
                && selectors.len() > MAX_SELECTORS
            {
                let diagnostic = sink.report(
                    selectors[MAX_SELECTORS],
                    format!(
                        "{subject} has {} selectors; EKS accepts at most {MAX_SELECTORS} per profile",
                        selectors.len()
                    ),
                );
                diagnostic.primary("the sixth selector");
                diagnostic.help("Move the other selectors to a second Fargate profile.");
            }
            let Some(role) = model.role(&profile.pod_execution_role) else {
                continue;
            };
            if trusts(role, FARGATE_PODS) {
                continue;
            }
            let at = profile
                .pod_execution_role
                .as_ref()
                .map_or(profile.anchor(), |r| r.span());
            sink.report(
                at,
                format!(
                    "{subject}'s pod execution role `{}` does not let `{FARGATE_PODS}` assume it",
                    role.logical_id().unwrap_or("?")
                ),
            )
            .label(role.anchor(), "the role")
            .help(format!(
                "Allow `sts:AssumeRole` to the service principal `{FARGATE_PODS}` in the role's trust policy."
            ));
        }
    }
}
