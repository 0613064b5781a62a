use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Model, Val};
use crate::rules::Check;

use super::{condition_note, identity_allows};

declare_rule! {
    /// ## What it does
    /// Finds identity-policy statements that `Allow` the action `*` on the resource `*`:
    /// full administrator access. `Deny` statements are never reported; a statement with a
    /// `Condition` is reported as a warning, since the condition narrows but does not
    /// remove the grant.
    ///
    /// ## Why is this bad?
    /// Whoever holds the role — every container of a task, every process on an instance —
    /// can do anything in the account, including giving itself more access and deleting
    /// the evidence. A task needs the few actions its code calls.
    ///
    /// ## Example
    /// ```yaml
    /// PolicyDocument:
    ///   Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
    /// ```
    ///
    /// Use instead: the actions and resources the workload uses.
    ///
    /// ## References
    /// - [Security best practices in IAM: least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    pub AdminStar {
        id: "IAM-006",
        name: "allow-all-actions-on-all-resources",
        severity: Error,
        summary: "Allow * on * (full administrator access)",
        tags: ["iam", "security"],
        security_severity: Some("9.0"),
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    }
}

impl Check for AdminStar {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for (_, statement) in identity_allows(model) {
            let Some(action) = statement.action.as_ref().and_then(|a| {
                a.values
                    .iter()
                    .filter_map(Val::known)
                    .find(|v| v.value == "*")
            }) else {
                continue;
            };
            let Some(resource) = statement.on_every_resource() else {
                continue;
            };
            let diagnostic = sink.report_value(
                action,
                format!(
                    "This statement allows every action on every resource{}",
                    condition_note(statement)
                ),
            );
            diagnostic
                .primary("every action")
                .label(resource, "on every resource")
                .help("Grant the actions and resources the workload uses.");
            if statement.condition_key.is_some() {
                diagnostic.severity(Severity::Warning);
            }
        }
    }
}
