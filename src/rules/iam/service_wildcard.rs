use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::iam_actions::{self, AccessLevel};
use crate::model::{Model, Val};
use crate::rules::Check;

use super::{condition_note, identity_allows};

declare_rule! {
    /// ## What it does
    /// Finds identity-policy statements that `Allow` every action of a service (`s3:*`),
    /// or every action at all on particular resources (`*` with a resource other than `*`,
    /// which IAM-006 does not cover). The message counts what the wildcard grants,
    /// including permissions-management actions, from the action catalogue.
    ///
    /// ## Why is this bad?
    /// `s3:*` on a bucket also deletes it, rewrites its policy and turns off its
    /// encryption; `iam:*` is administrator access by another name. Wildcards also grant
    /// every action AWS adds to the service later.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"}
    /// ```
    ///
    /// Use instead: `["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]`.
    ///
    /// ## References
    /// - [Security best practices in IAM: least privilege](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    pub ServiceWildcard {
        id: "IAM-007",
        name: "service-wide-wildcard",
        severity: Warning,
        summary: "Allow of every action of a service (`s3:*`)",
        tags: ["iam", "security"],
        security_severity: Some("5.0"),
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    }
}

impl Check for ServiceWildcard {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for (_, statement) in identity_allows(model) {
            let Some(actions) = &statement.action else {
                continue;
            };
            for value in actions.values.iter().filter_map(Val::known) {
                let message = if value.value == "*" {
                    if statement.on_every_resource().is_some() {
                        continue; // IAM-006
                    }
                    "`*` allows every action of every service on these resources".to_string()
                } else {
                    let Some(service) = value
                        .value
                        .strip_suffix(":*")
                        .and_then(iam_actions::service)
                    else {
                        continue;
                    };
                    let management = service
                        .actions()
                        .iter()
                        .filter(|a| a.level == AccessLevel::PermissionsManagement)
                        .count();
                    let management = match management {
                        0 => String::new(),
                        n => format!(", {n} of them permissions management"),
                    };
                    format!(
                        "`{}` allows all {} actions of `{}`{management}",
                        value.value,
                        service.actions().len(),
                        service.prefix
                    )
                };
                sink.report_value(value, format!("{message}{}", condition_note(statement)))
                    .help("List the actions the workload calls.");
            }
        }
    }
}
