//! Roles attached to tasks: the task execution role that ECS uses to pull images, write
//! logs and read secrets for the task, and the task role its containers use. Facts from the
//! Amazon ECS Developer Guide, "Amazon ECS task execution IAM role" and "Amazon ECS task IAM
//! role".
//!
//! The permission rules follow the template's graph from a task definition to the role it
//! declares and ask the evaluator ([`crate::iam`]); they report only what is certainly
//! denied, so a role with policies ecslint cannot see is never reported.

pub mod ecs_exec_task_role;
pub mod efs_task_role;
pub mod execution_role_ecr;
pub mod execution_role_logs;
pub mod execution_role_required;
pub mod execution_role_s3;
pub mod execution_role_secrets;
pub mod read_only_root;
pub mod role_trust;

use crate::diagnostic::{Diagnostic, Sink};
use crate::iam::{Access, Policies, allows};
use crate::model::{Model, Resource, Role, Target, TaskDefinition, Val};
use crate::source::span::Span;

/// A role a task definition names (its execution or task role), when the template declares
/// it, with the policies in force for it and where the task definition names it.
struct TaskRole<'a> {
    role: &'a Role,
    /// "execution role" or "task role".
    kind: &'static str,
    reference: Span,
    policies: Policies<'a>,
}

fn execution_role<'a>(model: &'a Model, td: &'a TaskDefinition) -> Option<TaskRole<'a>> {
    task_role_named(model, &td.execution_role_arn, "execution role")
}

fn task_role<'a>(model: &'a Model, td: &'a TaskDefinition) -> Option<TaskRole<'a>> {
    task_role_named(model, &td.task_role_arn, "task role")
}

fn task_role_named<'a>(
    model: &'a Model,
    field: &'a Option<Val<Target>>,
    kind: &'static str,
) -> Option<TaskRole<'a>> {
    let role = model.role(field)?;
    Some(TaskRole {
        role,
        kind,
        reference: field.as_ref().map(Val::span)?,
        policies: model.role_policies(role),
    })
}

/// Each task definition whose images and `awslogs` logs ECS handles with the execution role
/// (on Fargate, external or managed instances; see [`Model::execution_role_platform`]), with
/// that platform and the role, when the template declares it.
fn on_execution_role_platform(
    model: &Model,
) -> impl Iterator<Item = (&TaskDefinition, &'static str, TaskRole<'_>)> {
    model.task_definitions().iter().filter_map(|td| {
        let platform = model.execution_role_platform(td)?;
        Some((td, platform, execution_role(model, td)?))
    })
}

/// "`a`, `b` and `c`".
fn all_of(actions: &[&str]) -> String {
    let quoted: Vec<String> = actions.iter().map(|a| format!("`{a}`")).collect();
    crate::text::and_list(&quoted)
}

impl TaskRole<'_> {
    /// The actions, each on its resource (`None`: on any), that the role is certainly not
    /// allowed.
    fn denied<'n>(&self, needs: &[(&'n str, Option<&str>)]) -> Vec<&'n str> {
        needs
            .iter()
            .filter(|(action, resource)| {
                allows(&self.policies, action, *resource) == Access::Denied
            })
            .map(|(action, _)| *action)
            .collect()
    }

    /// Reports that the role's policies do not allow `missing` (a list of actions) for
    /// `purpose`, at `span`.
    fn report<'s>(
        &self,
        sink: &'s mut Sink,
        span: Span,
        purpose: &str,
        missing: &str,
        help: &str,
    ) -> &'s mut Diagnostic {
        sink.report(
            span,
            format!(
                "The {} `{}` cannot {purpose}: its policies do not allow {missing}",
                self.kind,
                self.role.logical_id().unwrap_or_default()
            ),
        )
        .label(self.reference, format!("the task's {}", self.kind))
        .label(self.role.anchor(), "declared here")
        .help(help.to_string())
    }
}
