use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::{iam_actions, managed_policies};
use crate::iam::{Access, Policies, allows};
use crate::model::{
    INSTANCE_ROLE_POLICY, InstanceRole, Model, PolicyDocument, Resource, Statement, Val,
};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds container instance roles — the role of the instance profile of instances that
    /// join an ECS cluster (through a capacity provider's Auto Scaling group, or
    /// `ECS_CLUSTER` in the launch template's user data), or a role that trusts EC2 and
    /// carries AmazonEC2ContainerServiceforEC2Role — that allow actions beyond that managed
    /// policy, and lists them: the written action or wildcard, or the managed policy that
    /// grants it. Wildcards are expanded against the action catalogue, so `ecs:Submit*` is
    /// within the baseline and `ecs:*` is not.
    ///
    /// ## Why is this bad?
    /// Every container on the instance can read the instance profile's credentials from the
    /// instance metadata service (169.254.169.254) unless that is blocked, and a task whose
    /// task role cannot be found falls back to them. Whatever the instance role may do,
    /// every task on the host may do. Permissions a workload needs belong in its task role.
    ///
    /// ## Example
    /// ```yaml
    /// InstanceRole:
    ///   Type: AWS::IAM::Role
    ///   Properties:
    ///     ManagedPolicyArns:
    ///       - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
    ///     Policies:
    ///       - PolicyName: app
    ///         PolicyDocument:
    ///           Statement: [{Effect: Allow, Action: ["s3:*", "dynamodb:PutItem"], Resource: "*"}]
    /// ```
    ///
    /// Use instead: the managed policy alone on the instance role; `s3` and `dynamodb` in
    /// the task role of the service that needs them. Block task access to IMDS
    /// (`ECS_AWSVPC_BLOCK_IMDS=true` for awsvpc tasks, an iptables rule for bridge mode).
    ///
    /// ## References
    /// - [Amazon ECS container instance IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html)
    /// - [Amazon ECS task IAM role: restricting access to the instance role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
    pub InstanceRoleExceedsBaseline {
        id: "ECS-INST-001",
        name: "instance-role-exceeds-agent-needs",
        severity: Warning,
        summary: "Container instance role grants more than the ECS agent needs",
        tags: ["iam", "security"],
        security_severity: Some("6.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html",
    }
}

/// The most excess grants a message names; the rest are counted.
const SHOWN: usize = 6;

impl Check for InstanceRoleExceedsBaseline {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let Some((_, baseline)) = managed_policies::by_arn(&format!(
            "arn:aws:iam::aws:policy/service-role/{INSTANCE_ROLE_POLICY}"
        )) else {
            return;
        };
        let baseline = Policies {
            documents: vec![baseline],
            unseen: false,
        };
        for instance in model.ecs_instance_roles() {
            let excess = excess(model, &instance, &baseline);
            if excess.is_empty() {
                continue;
            }
            let names: Vec<&str> = excess.iter().map(|e| e.what.as_str()).collect();
            let listed = crate::text::and_list_cut(&names, SHOWN);
            let role = instance.role;
            let name = role.logical_id().unwrap_or_default();
            let diagnostic = sink.report(
                role.anchor(),
                format!("The container instance role `{name}` allows more than the ECS agent needs ({INSTANCE_ROLE_POLICY}): {listed}. Every task on these instances can use these credentials through the instance metadata service"),
            );
            diagnostic.label(instance.span, instance.why.clone());
            for grant in excess.iter().filter_map(|e| e.span) {
                diagnostic.label(grant, "beyond what the agent needs");
            }
            diagnostic.help(format!(
                "Keep only AmazonEC2ContainerServiceforEC2Role on the instance role and grant the rest through task roles ({}); block task access to the instance metadata service.",
                model.property("taskRoleArn")
            ));
        }
    }
}

/// One grant beyond the baseline: what it is, and where it is written (for inline ones).
struct Excess {
    what: String,
    span: Option<Span>,
}

/// The role's grants that allow an action the baseline does not.
fn excess(model: &Model, instance: &InstanceRole, baseline: &Policies) -> Vec<Excess> {
    let role = instance.role;
    let mut found = Vec::new();
    let written = role
        .inline_policies
        .iter()
        .chain(model.policies_of(role).filter_map(|p| p.document.as_ref()));
    for document in written {
        written_excess(document, baseline, &mut found);
    }
    for arn in &role.managed_policy_arns {
        let Some(arn) = arn.known() else { continue };
        match managed_policies::by_arn(&arn.value) {
            Some((name, _)) if name == INSTANCE_ROLE_POLICY => {}
            Some((name, document)) => {
                let mut inner = Vec::new();
                written_excess(document, baseline, &mut inner);
                if !inner.is_empty() {
                    found.push(Excess {
                        what: format!("managed policy {name}"),
                        span: Some(arn.span),
                    });
                }
            }
            None => {
                let name = managed_policies::name_of(&arn.value).unwrap_or(&arn.value);
                found.push(Excess {
                    what: format!("whatever managed policy {name} allows"),
                    span: Some(arn.span),
                });
            }
        }
    }
    found
}

/// The `Allow` grants of one document that go beyond the baseline.
fn written_excess(document: &PolicyDocument, baseline: &Policies, found: &mut Vec<Excess>) {
    for statement in document.statements.iter().filter(|s| s.allows()) {
        if let Some(not_action) = &statement.not_action {
            found.push(Excess {
                what: "every action but those in `NotAction`".into(),
                span: Some(not_action.key),
            });
            continue;
        }
        for action in statement_actions(statement) {
            if beyond(&action.value, baseline) {
                let span = (action.span != Span::default()).then_some(action.span);
                found.push(Excess {
                    what: format!("`{}`", action.value),
                    span,
                });
            }
        }
    }
}

fn statement_actions(
    statement: &Statement,
) -> impl Iterator<Item = &crate::source::span::Located<String>> {
    statement
        .action
        .iter()
        .flat_map(|a| a.values.iter().filter_map(Val::known))
}

/// Whether an action pattern allows an action the baseline does not: `*`, or one of the
/// catalogue's actions it matches. A pattern the catalogue does not know is IAM-004's.
fn beyond(pattern: &str, baseline: &Policies) -> bool {
    if pattern == "*" {
        return true;
    }
    iam_actions::expand(pattern).any(|(service, action)| {
        let qualified = format!("{}:{}", service.prefix, action.name);
        allows(baseline, &qualified, None) == Access::Denied
    })
}
