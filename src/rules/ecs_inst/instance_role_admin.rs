use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::iam::{Access, allows};
use crate::model::{Model, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds container instance roles (see ECS-INST-001 for how they are recognised) that
    /// allow, on every resource, an action that amounts to administrator access: `*`,
    /// `iam:PassRole`, `sts:AssumeRole`, `iam:PutRolePolicy`, `iam:AttachRolePolicy`,
    /// `iam:CreateAccessKey` — through any of its inline, attached or AWS managed policies
    /// (AdministratorAccess, PowerUserAccess), with wildcards and `Deny` evaluated.
    ///
    /// ## Why is this bad?
    /// Every container on the instance can read the instance role's credentials from the
    /// instance metadata service. With one of these permissions any of them — a
    /// compromised dependency in any service the cluster runs — can take over the account.
    ///
    /// ## Example
    /// ```yaml
    /// ManagedPolicyArns:
    ///   - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
    ///   - arn:aws:iam::aws:policy/AdministratorAccess
    /// ```
    ///
    /// Use instead: AmazonEC2ContainerServiceforEC2Role alone; give administrative
    /// pipelines their own roles.
    ///
    /// ## References
    /// - [Amazon ECS container instance IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html)
    pub InstanceRoleAdmin {
        id: "ECS-INST-002",
        name: "instance-role-admin-access",
        severity: Error,
        summary: "Container instance role with administrator-level permissions",
        tags: ["iam", "security"],
        security_severity: Some("9.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html",
    }
}

/// Actions that, on every resource, let the holder give itself any permission.
const ADMIN_LEVEL: &[&str] = &[
    "iam:PassRole",
    "sts:AssumeRole",
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "iam:CreateAccessKey",
];

impl Check for InstanceRoleAdmin {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for instance in model.ecs_instance_roles() {
            let policies = model.role_policies(instance.role);
            let granted: Vec<String> = ADMIN_LEVEL
                .iter()
                .filter(|a| allows(&policies, a, Some("*")) == Access::Allowed)
                .map(|a| format!("`{a}`"))
                .collect();
            if granted.is_empty() {
                continue;
            }
            let every = allows(&policies, "ec2:TerminateInstances", Some("*")) == Access::Allowed
                && allows(&policies, "s3:DeleteBucket", Some("*")) == Access::Allowed;
            let what = if every {
                format!(
                    "administrator access (including {})",
                    crate::text::and_list(&granted)
                )
            } else {
                format!("{} on every resource", crate::text::and_list(&granted))
            };
            let role = instance.role;
            let name = role.logical_id().unwrap_or_default();
            sink.report(
                role.anchor(),
                format!("The container instance role `{name}` allows {what}: any container on these instances can take over the account"),
            )
            .label(instance.span, instance.why.clone())
            .help("Remove these permissions from the instance role; grant workloads what they need through task roles.");
        }
    }
}
