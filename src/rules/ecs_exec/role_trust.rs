use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, Val, trusts};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Follows a task definition's `executionRoleArn` and `taskRoleArn` to the roles its
    /// template declares, and checks that each role's trust policy lets ECS tasks
    /// (`ecs-tasks.amazonaws.com`) call `sts:AssumeRole`. Values only known at deploy time
    /// count as trusting.
    ///
    /// ## Why is this bad?
    /// ECS cannot assume the role: registration or the task fails ("ECS was unable to
    /// assume the role … Please verify that the role being passed has the proper trust
    /// relationship"). A role copied from an EC2 instance role trusts
    /// `ec2.amazonaws.com`, which is the common cause.
    ///
    /// ## Example
    /// ```yaml
    /// AssumeRolePolicyDocument:
    ///   Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
    /// ```
    ///
    /// Use instead: `Principal: {Service: ecs-tasks.amazonaws.com}`.
    ///
    /// ## References
    /// - [Amazon ECS task execution IAM role: trust relationship](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html)
    /// - [Amazon ECS task IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
    pub RoleTrust {
        id: "ECS-EXEC-005",
        name: "role-not-assumable-by-ecs-tasks",
        severity: Error,
        summary: "Execution or task role that ECS tasks cannot assume",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
    }
}

impl Check for RoleTrust {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (field, what) in [
                (&td.execution_role_arn, "execution role"),
                (&td.task_role_arn, "task role"),
            ] {
                let Some(role) = model.role(field) else {
                    continue;
                };
                if trusts(role, "ecs-tasks.amazonaws.com") {
                    continue;
                }
                let Some(trust) = &role.trust else {
                    continue;
                };
                let name = role.logical_id().unwrap_or_default();
                sink.report(
                    field.as_ref().map_or(td.span, Val::span),
                    format!("The {what} `{name}` does not let ECS tasks assume it: its trust policy has no `Allow` of `sts:AssumeRole` for `ecs-tasks.amazonaws.com`"),
                )
                .label(trust.statement_key.unwrap_or(trust.span), "the role's trust policy")
                .help(format!(
                    "Add a statement `{{Effect: Allow, Principal: {{Service: ecs-tasks.amazonaws.com}}, Action: sts:AssumeRole}}` to its {}.",
                    model.property("assumeRolePolicyDocument")
                ));
            }
        }
    }
}
