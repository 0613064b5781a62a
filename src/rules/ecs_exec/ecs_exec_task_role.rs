use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::ECS_EXEC_ACTIONS;
use crate::model::{Model, value};
use crate::rules::Check;

use super::{all_of, task_role};

declare_rule! {
    /// ## What it does
    /// Checks that a service with ECS Exec enabled (`enableExecuteCommand: true`) runs a
    /// task definition with a task role, and — when the role is declared in the same
    /// template or module — that its policies allow the four `ssmmessages` actions the SSM
    /// agent in the task needs, and `kms:Decrypt` on the key when the service's cluster
    /// encrypts ECS Exec sessions with one (`executeCommandConfiguration.kmsKeyId`).
    ///
    /// ## Why is this bad?
    /// ECS Exec opens its channels with the task role's credentials ("the task IAM role
    /// needs `ssmmessages:CreateControlChannel`, `CreateDataChannel`, `OpenControlChannel`
    /// and `OpenDataChannel`"). Without them the service deploys, but every
    /// `aws ecs execute-command` fails with `TargetNotConnectedException` — the most
    /// reported ECS Exec problem. With a cluster KMS key, "the task IAM role must have the
    /// `kms:Decrypt` permission" for that key too. Only what the policies certainly deny is
    /// reported.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "enableExecuteCommand": true, "taskDefinition": "web:3"}
    /// ```
    /// with a task definition that sets no `taskRoleArn`.
    ///
    /// Use instead: a task role allowed the four `ssmmessages` actions on `*`.
    ///
    /// ## References
    /// - [Amazon ECS: monitor containers with ECS Exec](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html)
    pub EcsExecTaskRole {
        id: "ECS-EXEC-010",
        name: "ecs-exec-task-role-missing-ssmmessages",
        severity: Error,
        summary: "ECS Exec enabled, but the task role is missing or cannot open SSM channels",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html",
    }
}

impl Check for EcsExecTaskRole {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(enabled) = service.execute_command() else {
                continue;
            };
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let subject = service.subject();
            if td.task_role_arn.is_none() {
                sink.report(
                    enabled.span,
                    format!(
                        "{subject} enables ECS Exec, but its task definition has no {}, whose credentials ECS Exec uses",
                        model.property("taskRoleArn")
                    ),
                )
                .primary("ECS Exec")
                .label(td.id.as_ref().map_or(td.span, |id| id.span), "no task role")
                .help(format!(
                    "Give the task definition a task role allowed {} on `*`.",
                    all_of(ECS_EXEC_ACTIONS)
                ));
                continue;
            }
            let Some(role) = task_role(model, td) else {
                continue;
            };
            let mut needs: Vec<(&str, Option<&str>)> =
                ECS_EXEC_ACTIONS.iter().map(|a| (*a, None)).collect();
            // A key of the template has an ARN only known at deploy time: any resource.
            let key = model
                .cluster_of(service)
                .and_then(|c| value(&c.exec_kms_key))
                .map(|key| key.starts_with("arn:").then_some(key.as_str()));
            if let Some(arn) = key {
                needs.push(("kms:Decrypt", arn));
            }
            let denied = role.denied(&needs);
            if denied.is_empty() {
                continue;
            }
            role.report(
                sink,
                enabled.span,
                "open ECS Exec sessions",
                &all_of(&denied),
                if key.is_some() {
                    "Allow the `ssmmessages` actions on `*`, and `kms:Decrypt` on the cluster's ECS Exec key, in the task role."
                } else {
                    "Allow the `ssmmessages` actions on `*` in the task role."
                },
            );
        }
    }
}
