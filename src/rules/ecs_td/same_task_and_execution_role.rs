use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Target, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds task definitions whose `taskRoleArn` and `executionRoleArn` name the same role
    /// (the same ARN, or a link to the same role resource).
    ///
    /// ## Why is this bad?
    /// The two roles serve different principals. The execution role is what ECS uses
    /// before the task starts — pulling images, reading every secret of the task; the task
    /// role is what the application code gets. One role for both hands the containers the
    /// secrets' read permission and ECR access at run time, and grants ECS whatever the
    /// application needs. Separate roles keep each to its job.
    ///
    /// ## Example
    /// ```json
    /// {"executionRoleArn": "arn:aws:iam::123456789012:role/web",
    ///  "taskRoleArn": "arn:aws:iam::123456789012:role/web", ...}
    /// ```
    ///
    /// Use instead: an execution role with AmazonECSTaskExecutionRolePolicy and the secret
    /// reads, and a task role with the application's permissions.
    ///
    /// ## References
    /// - [Amazon ECS task IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
    pub SameTaskAndExecutionRole {
        id: "ECS-TD-026",
        name: "task-role-is-execution-role",
        severity: Warning,
        summary: "Task role and execution role are the same role",
        tags: ["iam", "security"],
        security_severity: Some("4.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
    }
}

impl Check for SameTaskAndExecutionRole {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let (Some(task), Some(execution)) =
                (known(&td.task_role_arn), known(&td.execution_role_arn))
            else {
                continue;
            };
            if task.value != execution.value || !names_a_role(&task.value) {
                continue;
            }
            sink.report_value(
                task,
                format!("The task role is the execution role `{}`: the application gets what ECS needs to start it, and ECS what the application needs", task.value),
            )
            .label(execution.span, "the execution role")
            .help("Use two roles: an execution role for ECS (image pulls, logs, secrets) and a task role for the application.");
        }
    }
}

/// A link to a role resource, or a written role ARN or name (not a placeholder such as
/// `<ROLE_ARN>` that a deploy script fills in). Role names are `[\w+=,.@-]+`
/// (IAM API reference, CreateRole `RoleName`).
fn names_a_role(target: &Target) -> bool {
    match target {
        Target::Resource(_) => true,
        Target::Named(name) => {
            let role = name.rsplit('/').next().unwrap_or(name);
            !role.is_empty()
                && role
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
        }
    }
}
