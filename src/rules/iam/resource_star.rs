use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::iam_actions;
use crate::model::{Model, Val};
use crate::rules::Check;

use super::{deploy_time, identity_allows};

declare_rule! {
    /// ## What it does
    /// Finds identity-policy statements that `Allow` actions on `Resource: "*"` when those
    /// actions can be limited to particular resources — the action catalogue records, for
    /// every action, whether it supports resource-level permissions. Actions that only take
    /// `*` (`ecr:GetAuthorizationToken`, `ec2:Describe*`) are not reported. Off by default:
    /// real repositories have it by the hundred; turn it on with
    /// `extend-select: [IAM-008]` for a least-privilege review.
    ///
    /// ## Why is this bad?
    /// `s3:GetObject` on `*` reads every object in every bucket of the account, where the
    /// task needs one bucket. Naming the resources is the cheapest least-privilege win.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "*"}
    /// ```
    ///
    /// Use instead: `"Resource": ["arn:aws:s3:::reports/*", "arn:aws:sqs:eu-west-1:123456789012:jobs"]`.
    ///
    /// ## References
    /// - [Service Authorization Reference: resource types](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    pub ResourceStar {
        id: "IAM-008",
        name: "resource-star-for-scopable-actions",
        severity: Note,
        summary: "Resource * for actions that can be limited to specific resources",
        tags: ["iam", "security"],
        security_severity: Some("3.0"),
        reference: "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
        enabled_by_default: false,
    }
}

/// The most actions a message names; the rest are counted.
const SHOWN: usize = 4;

impl Check for ResourceStar {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for (_, statement) in identity_allows(model) {
            let Some(star) = statement.on_every_resource() else {
                continue;
            };
            let Some(actions) = &statement.action else {
                continue;
            };
            let scopable: Vec<&str> = actions
                .values
                .iter()
                .filter_map(Val::value)
                .filter(|a| a.as_str() != "*" && !deploy_time(a))
                .filter(|a| iam_actions::expand(a).any(|(_, action)| action.resource_level))
                .map(String::as_str)
                .collect();
            if scopable.is_empty() {
                continue;
            }
            let named: Vec<String> = scopable
                .iter()
                .take(SHOWN)
                .map(|a| format!("`{a}`"))
                .collect();
            let listed = match scopable.len().saturating_sub(SHOWN) {
                0 => crate::text::and_list(&named),
                n => format!("{} and {n} more", named.join(", ")),
            };
            let them = if scopable.len() == 1 { "it" } else { "them" };
            sink.report(
                star,
                format!(
                    "{listed} can be limited to specific resources, but this statement allows {them} on every resource"
                ),
            )
            .help("Name the resources the workload uses (ARNs, with wildcards where needed).");
        }
    }
}
