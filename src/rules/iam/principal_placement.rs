use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, PolicyKind};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that each element is in the kind of policy it belongs to: no `Principal` or
    /// `NotPrincipal` in an identity policy (a role's `Policies`, `AWS::IAM::Policy`); a
    /// `Principal` in every statement of a trust policy (`AssumeRolePolicyDocument`) and
    /// no `Resource` there; a `Principal` in every statement of a resource policy; and no
    /// `NotPrincipal` with `Allow`.
    ///
    /// ## Why is this bad?
    /// IAM rejects each of these: "Policy document should not specify a principal" for an
    /// identity policy, "Has prohibited field Resource" for a trust policy, "Missing
    /// required field Principal" for a trust or resource policy. AWS documents that
    /// `NotPrincipal` "must be used with `"Effect":"Deny"`"; with `Allow` it grants to every
    /// principal but the listed ones.
    ///
    /// ## Example
    /// ```yaml
    /// AssumeRolePolicyDocument:
    ///   Statement:
    ///     - Effect: Allow
    ///       Principal: {Service: ecs-tasks.amazonaws.com}
    ///       Action: sts:AssumeRole
    ///       Resource: "*"
    /// ```
    ///
    /// Use instead: drop `Resource`; the role is the resource.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    /// - [IAM JSON policy elements: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    pub PrincipalPlacement {
        id: "IAM-005",
        name: "principal-placement",
        severity: Error,
        summary: "Principal or Resource in the wrong kind of policy, or NotPrincipal with Allow",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    }
}

impl Check for PrincipalPlacement {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for document in model.policy_documents() {
            let kind = document.kind.describe();
            for statement in &document.statements {
                let principals = [&statement.principal, &statement.not_principal];
                match document.kind {
                    PolicyKind::Identity => {
                        for principal in principals.into_iter().flatten() {
                            sink.report(
                                principal.key,
                                format!("This is {kind}: it applies to whoever it is attached to, and IAM rejects a principal in it"),
                            )
                            .help("Remove the principal; to say who may assume a role, use its trust policy (`AssumeRolePolicyDocument`).");
                        }
                    }
                    PolicyKind::Trust | PolicyKind::Resource => {
                        if principals.iter().all(|p| p.is_none()) {
                            sink.report(
                                statement.span,
                                format!("The statement has no `Principal`, which {kind} requires"),
                            );
                        }
                    }
                }
                if document.kind == PolicyKind::Trust
                    && let Some((resource, _)) = statement.resources()
                {
                    sink.report(
                        resource.key,
                        "This is a trust policy: the role itself is the resource, and IAM rejects a `Resource` here",
                    )
                    .help("Remove it.");
                }
                if let Some(not_principal) = &statement.not_principal
                    && statement.allows()
                {
                    sink.report(
                        not_principal.key,
                        "`NotPrincipal` with `Allow` grants to every principal except those listed; AWS supports it only with `Deny`",
                    )
                    .help("Name the principals to allow in `Principal` instead.");
                }
            }
        }
    }
}
