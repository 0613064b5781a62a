use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::iam::{Access, Match, Policies, allows, glob::matches};
use crate::model::{Model, PolicyDocument, Val};
use crate::rules::Check;

use super::identity_allows;

declare_rule! {
    /// ## What it does
    /// Finds identity-policy statements that `Allow` `iam:PassRole` — named, or through
    /// `iam:*` or `iam:Pass*` — on every role (`Resource: "*"` or `NotResource`) without a
    /// condition that limits it: `iam:PassedToService`, `iam:AssociatedResourceArn`, or a
    /// role tag (`iam:ResourceTag/…`). The bare `*` action is IAM-006's.
    ///
    /// ## Why is this bad?
    /// Passing a role to a service (a task definition, an EC2 instance, a Lambda function)
    /// lets that service act with the role. On every role, that includes the account's
    /// administrator roles: whoever holds this permission and can start anything can run
    /// code as any role. IAM Access Analyzer reports this as a security warning.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "Action": ["ecs:RegisterTaskDefinition", "iam:PassRole"], "Resource": "*"}
    /// ```
    ///
    /// Use instead: a statement of its own for `iam:PassRole`, on the task's roles, with
    /// `"Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}`.
    ///
    /// ## References
    /// - [Granting a user permissions to pass a role to an AWS service](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)
    pub PassRoleStar {
        id: "IAM-009",
        name: "pass-role-on-any-role",
        severity: Error,
        summary: "iam:PassRole on every role, unlimited by a condition",
        tags: ["iam", "security"],
        security_severity: Some("8.0"),
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
    }
}

/// Condition keys (lowercase prefixes) that limit which roles may be passed, or to which
/// services. Source: IAM User Guide, "Granting a user permissions to pass a role to an AWS
/// service" and the IAM condition context keys.
const LIMITING_KEYS: &[&str] = &[
    "iam:passedtoservice",
    "iam:associatedresourcearn",
    "iam:resourcetag/",
    "aws:resourcetag/",
];

impl Check for PassRoleStar {
    fn check(&self, model: &Model, sink: &mut Sink) {
        // Whether each policy, as a whole, still allows `iam:PassRole` on `*`: evaluated
        // once per document (statements come document by document), not per statement.
        let mut passes_every_role: Option<(&PolicyDocument, bool)> = None;
        for (document, statement) in identity_allows(model) {
            let limited = statement.conditions.iter().any(|c| {
                LIMITING_KEYS
                    .iter()
                    .any(|k| c.key.value.to_ascii_lowercase().starts_with(k))
            });
            if limited {
                continue;
            }
            let every_role = statement
                .on_every_resource()
                .or(statement.not_resource.as_ref().map(|n| n.key));
            let Some(every_role) = every_role else {
                continue;
            };
            let Some(action) = statement.action.as_ref().and_then(|a| {
                a.values.iter().filter_map(Val::known).find(|v| {
                    v.value != "*" && matches(&v.value, "iam:PassRole", true) == Match::Yes
                })
            }) else {
                continue;
            };
            let allowed = match passes_every_role {
                Some((seen, allowed)) if std::ptr::eq(seen, document) => allowed,
                _ => {
                    let policies = Policies {
                        documents: vec![document],
                        unseen: false,
                    };
                    // A `Deny` in the same policy takes it away.
                    let allowed = allows(&policies, "iam:PassRole", Some("*")) != Access::Denied;
                    passes_every_role = Some((document, allowed));
                    allowed
                }
            };
            if !allowed {
                continue;
            }
            sink.report_value(action, format!("`{}` allows passing every role in the account to any service", action.value))
                .label(every_role, "on every role")
                .help("Limit `iam:PassRole` to the roles to pass, and add an `iam:PassedToService` condition (`ecs-tasks.amazonaws.com` for task roles).");
        }
    }
}
