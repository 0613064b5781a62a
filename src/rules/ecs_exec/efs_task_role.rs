use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::iam::{Access, Policies, allows};
use crate::model::{EfsVolume, FileSystem, Model, PolicyDocument, TaskDefinition, Volume, known};
use crate::rules::Check;
use crate::source::span::Span;

use super::{all_of, task_role};

declare_rule! {
    /// ## What it does
    /// Checks that a task definition whose EFS volume authorizes with IAM
    /// (`authorizationConfig.iam: ENABLED`) has a task role (`taskRoleArn`). When the file
    /// system is declared in the same template or module with a file system policy that
    /// grants `elasticfilesystem:ClientMount` to nobody, and the task role is declared there
    /// too, it also checks (as a warning) that the role's own policies allow
    /// `elasticfilesystem:ClientMount`, and `ClientWrite` when a container mounts the volume
    /// writable.
    ///
    /// ## Why is this bad?
    /// With IAM authorization the EFS mount helper presents the task role's credentials
    /// ("Amazon EFS IAM authorization uses the task IAM role"); without a task role there are
    /// none, and the mount — hence the task — fails when it starts. The execution role does
    /// not serve here. A file system without a policy lets any client that reaches a mount
    /// target in; once it has one, a client needs `ClientMount` from the file system policy
    /// or from its identity policies ("Using IAM to control file system data access"), so a
    /// task role allowed neither cannot mount.
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
    /// - [Amazon EFS: using IAM to control file system data access](https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html)
    pub EfsTaskRole {
        id: "ECS-EXEC-006",
        name: "efs-iam-authorization-without-task-role",
        severity: Error,
        summary: "EFS volume with IAM authorization and no task role, or a task role that cannot mount it",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
    }
}

impl Check for EfsTaskRole {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (volume, efs, iam) in td.volumes.iter().filter_map(|volume| {
                let efs = volume.efs.as_ref()?;
                let iam = known(&efs.iam).filter(|i| i.value.eq_ignore_ascii_case("ENABLED"))?;
                Some((volume, efs, iam))
            }) {
                if td.task_role_arn.is_some() {
                    check_task_role(model, td, volume, efs, iam.span, sink);
                    continue;
                }
                sink.report(
                    iam.span,
                    format!(
                        "EFS volume {} mounts with the task role's credentials, but the task definition has no {}",
                        volume_name(volume),
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

fn volume_name(volume: &Volume) -> String {
    known(&volume.name).map_or_else(|| "of the task".into(), |n| format!("`{}`", n.value))
}

/// The task role of `td`, mounting `volume` with IAM authorization: a warning when the
/// file system's policy grants mounting to nobody and the role's policies certainly do not
/// allow what the mount needs.
fn check_task_role(
    model: &Model,
    td: &TaskDefinition,
    volume: &Volume,
    efs: &EfsVolume,
    at: Span,
    sink: &mut Sink,
) {
    let Some(file_system) = model.file_system(efs) else {
        return;
    };
    let Some(policy) = policy_granting_no_mount(file_system) else {
        return;
    };
    let Some(role) = task_role(model, td) else {
        return;
    };
    let mut needs = vec![("elasticfilesystem:ClientMount", None)];
    if writable(td, volume) {
        needs.push(("elasticfilesystem:ClientWrite", None));
    }
    let denied = role.denied(&needs);
    if denied.is_empty() {
        return;
    }
    role.report(
        sink,
        at,
        &format!(
            "{} EFS volume {}",
            if denied.contains(&"elasticfilesystem:ClientMount") {
                "mount"
            } else {
                "write to"
            },
            volume_name(volume)
        ),
        &all_of(&denied),
        "Allow these actions on the file system in the task role, or grant them to the role in the file system policy.",
    )
    .label(policy.span, "the file system policy grants `ClientMount` to nobody")
    .severity(Severity::Warning);
}

/// The file system's policy, when no statement of it can allow
/// `elasticfilesystem:ClientMount` to any principal. Without a policy EFS's default grants
/// every client full access.
fn policy_granting_no_mount(file_system: &FileSystem) -> Option<&PolicyDocument> {
    let policy = file_system.policy.as_ref()?;
    let policies = Policies {
        documents: vec![policy],
        unseen: false,
    };
    (allows(&policies, "elasticfilesystem:ClientMount", None) == Access::Denied).then_some(policy)
}

/// Whether some container mounts `volume` writable (or perhaps writable).
fn writable(td: &TaskDefinition, volume: &Volume) -> bool {
    let Some(name) = known(&volume.name) else {
        return true;
    };
    td.containers
        .iter()
        .flat_map(|c| &c.mount_points)
        .filter(|m| m.source_volume.value() == Some(&name.value))
        .any(|m| m.writable() != Some(false))
}
