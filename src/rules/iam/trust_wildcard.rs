use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

use super::unconditional_trust;

declare_rule! {
    /// ## What it does
    /// Finds role trust policies that let anyone assume the role: `"Principal": "*"` or
    /// `{"AWS": "*"}` in an `Allow` statement without a `Condition`.
    ///
    /// ## Why is this bad?
    /// Any AWS account — anyone with credentials — can call `sts:AssumeRole` and act with
    /// the role's permissions. A condition (`aws:PrincipalOrgID`, `sts:ExternalId`,
    /// `aws:SourceAccount`) that limits who may is understood, and not reported.
    ///
    /// ## Example
    /// ```yaml
    /// AssumeRolePolicyDocument:
    ///   Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: sts:AssumeRole}]
    /// ```
    ///
    /// Use instead: `Principal: {Service: ecs-tasks.amazonaws.com}`, or the account or role
    /// ARNs that need it.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Principal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    pub TrustWildcard {
        id: "IAM-012",
        name: "trust-policy-allows-anyone",
        severity: Error,
        summary: "Role trust policy that lets any principal assume the role",
        tags: ["iam", "security"],
        security_severity: Some("9.0"),
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    }
}

impl Check for TrustWildcard {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for statement in unconditional_trust(model) {
            if let Some(anyone) = statement.principal.as_ref().and_then(|p| p.anyone()) {
                sink.report(anyone, "Any AWS principal, in any account, may assume this role")
                    .help("Name the service or accounts that assume the role, or add a condition such as `aws:PrincipalOrgID`.");
            }
        }
    }
}
