use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, PolicyKind};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds `Allow` statements written with `NotAction` or `NotResource`.
    ///
    /// ## Why is this bad?
    /// They grant everything except what is listed — including every action and resource
    /// AWS adds later. `"NotAction": "iam:*"` with `Allow` is PowerUserAccess: all of EC2,
    /// S3, Secrets Manager and the rest. AWS recommends `Not` elements only with `Deny`.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
    /// ```
    ///
    /// Use instead: `Action` with what is needed; keep `NotAction` for `Deny` statements.
    ///
    /// ## References
    /// - [IAM JSON policy elements: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    /// - [IAM JSON policy elements: NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)
    pub NotElementsWithAllow {
        id: "IAM-010",
        name: "not-action-or-resource-with-allow",
        severity: Warning,
        summary: "Allow with NotAction or NotResource grants everything else",
        tags: ["iam", "security"],
        security_severity: Some("5.0"),
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
    }
}

impl Check for NotElementsWithAllow {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let statements = model
            .policy_documents()
            .filter(|d| d.kind != PolicyKind::Trust)
            .flat_map(|d| &d.statements)
            .filter(|s| s.allows());
        for statement in statements {
            for (element, name, what) in [
                (&statement.not_action, "NotAction", "every action"),
                (&statement.not_resource, "NotResource", "every resource"),
            ] {
                if let Some(element) = element {
                    sink.report(
                        element.key,
                        format!("`Allow` with `{name}` grants {what} except those listed, including those AWS adds later"),
                    )
                    .help(format!("List what to allow, or use `{name}` in a `Deny` statement."));
                }
            }
        }
    }
}
