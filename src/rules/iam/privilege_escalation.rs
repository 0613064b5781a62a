use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::escalation::ESCALATIONS;
use crate::iam::{Access, Match, Policies, allows, glob::matches};
use crate::model::{Model, PolicyKind, Val};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds identity policies that grant, unconditionally and on every resource (`*`),
    /// every action of a known privilege-escalation method: `iam:CreatePolicyVersion`, `iam:PutRolePolicy`,
    /// `iam:PassRole` with `ec2:RunInstances`, `iam:PassRole` with
    /// `ecs:RegisterTaskDefinition` and `ecs:RunTask`, and the rest of the published list.
    /// Wildcards count (`iam:Put*`); `Deny` statements take actions away. A policy that
    /// allows `*` on `*` is IAM-006's and not repeated here. Grants limited to named
    /// resources (`iam:PassRole` on the task's own roles) are not reported.
    ///
    /// ## Why is this bad?
    /// Each method turns the permission into any permission: the holder writes itself a
    /// policy, or hands a more privileged role to something it controls. Granting it is
    /// granting administrator access in several steps.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "Action": ["iam:PutRolePolicy"], "Resource": "*"}
    /// ```
    ///
    /// Use instead: keep IAM write actions out of workload roles; deploy IAM changes from
    /// a pipeline role.
    ///
    /// ## References
    /// - [Rhino Security Labs: AWS IAM privilege escalation methods](https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)
    pub PrivilegeEscalation {
        id: "IAM-011",
        name: "privilege-escalation",
        severity: Error,
        summary: "Policy grants a known privilege-escalation combination",
        tags: ["iam", "security"],
        security_severity: Some("8.5"),
        reference: "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
    }
}

impl Check for PrivilegeEscalation {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for document in model
            .policy_documents()
            .filter(|d| d.kind == PolicyKind::Identity)
        {
            let policies = Policies {
                documents: vec![document],
                unseen: false,
            };
            let admin = document.statements.iter().filter(|s| s.allows()).any(|s| {
                s.on_every_resource().is_some()
                    && s.action
                        .iter()
                        .flat_map(|a| a.values.iter().filter_map(Val::value))
                        .any(|v| v == "*")
            });
            if admin {
                continue; // IAM-006.
            }
            // Per place: the methods found there.
            let mut found: Vec<(Span, String, Vec<&str>)> = Vec::new();
            let may_allow = |action: &&str| {
                let service = action.split(':').next().unwrap_or_default();
                document
                    .statements
                    .iter()
                    .any(|s| s.may_allow_service(service))
            };
            for escalation in ESCALATIONS {
                if !escalation.actions.iter().all(may_allow) {
                    continue;
                }
                let on_every_resource =
                    |action: &&str| allows(&policies, action, Some("*")) == Access::Allowed;
                if !escalation.actions.iter().all(on_every_resource) {
                    continue;
                }
                // Where the first action is granted.
                let Some(place) = document
                    .statements
                    .iter()
                    .filter(|s| s.allows())
                    .filter_map(|s| s.action.as_ref())
                    .flat_map(|a| a.values.iter().filter_map(Val::known))
                    .find(|v| matches(&v.value, escalation.actions[0], true) == Match::Yes)
                else {
                    continue;
                };
                let methods = escalation
                    .actions
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let method = format!("{methods} ({})", escalation.how);
                match found.iter_mut().find(|(span, _, _)| *span == place.span) {
                    Some((_, _, methods)) => methods.push(escalation.how),
                    None => found.push((place.span, method, Vec::new())),
                }
            }
            for (span, first, more) in found {
                let more = match more.len() {
                    0 => String::new(),
                    n => format!(", and {n} more way{}", if n == 1 { "" } else { "s" }),
                };
                sink.report(span, format!("This policy can raise its own privileges: {first}{more}"))
                    .help("Remove the IAM write or role-passing permissions from this policy, or limit them to specific resources.");
            }
        }
    }
}
