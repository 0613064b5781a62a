use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a task definition whose EFS volume authorizes with IAM
    /// (`authorizationConfig.iam: ENABLED`) has a task role (`taskRoleArn`).
    ///
    /// ## Why is this bad?
    /// With IAM authorization the EFS mount helper presents the task role's credentials
    /// ("Amazon EFS IAM authorization uses the task IAM role"); without a task role there are
    /// none, and the mount — hence the task — fails when it starts. The execution role does
    /// not serve here.
    ///
    /// ## Example
    /// ```json
    /// {"volumes": [{"name": "data", "efsVolumeConfiguration": {
    ///     "fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED",
    ///     "authorizationConfig": {"iam": "ENABLED"}}}], ...}
    /// ```
    ///
    /// Use instead: add `"taskRoleArn"` with a role allowed `elasticfilesystem:ClientMount`
    /// (and `ClientWrite` to write).
    ///
    /// ## References
    /// - [Amazon ECS: use Amazon EFS volumes](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html)
    pub EfsTaskRole {
        id: "ECS-EXEC-006",
        name: "efs-iam-authorization-without-task-role",
        severity: Error,
        summary: "EFS volume with IAM authorization in a task definition without a task role",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
    }
}

impl Check for EfsTaskRole {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in &model.task_definitions {
            if td.task_role_arn.is_some() {
                continue;
            }
            for volume in &td.volumes {
                let Some(iam) = volume
                    .efs
                    .as_ref()
                    .and_then(|e| known(&e.iam))
                    .filter(|i| i.value.eq_ignore_ascii_case("ENABLED"))
                else {
                    continue;
                };
                sink.report(
                    iam.span,
                    format!(
                        "EFS volume {} mounts with the task role's credentials, but the task definition has no {}",
                        known(&volume.name).map_or_else(|| "of the task".into(), |n| format!("`{}`", n.value)),
                        model.property("taskRoleArn")
                    ),
                )
                .primary("IAM authorization")
                .help(format!(
                    "Set {} to a role allowed `elasticfilesystem:ClientMount` (and `elasticfilesystem:ClientWrite` to write) on the file system.",
                    model.property("taskRoleArn")
                ));
            }
        }
    }
}
