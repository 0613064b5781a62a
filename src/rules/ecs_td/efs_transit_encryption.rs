use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

use super::efs_authorization::{may_encrypt, needs_encryption};

declare_rule! {
    /// ## What it does
    /// Finds EFS volumes mounted without transit encryption (`transitEncryption` is
    /// `DISABLED` by default). Where ECS requires it — IAM authorization or an access point —
    /// ECS-TD-031 reports the error; this rule covers the volumes ECS accepts.
    ///
    /// ## Why is this bad?
    /// Without it the NFS traffic between the task and the file system crosses the VPC in
    /// clear text. Enabling it costs a TLS tunnel that the ECS agent or Fargate sets up.
    ///
    /// ## Example
    /// ```json
    /// {"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1234"}}]}
    /// ```
    ///
    /// Use instead: `"transitEncryption": "ENABLED"` in `efsVolumeConfiguration`.
    ///
    /// ## References
    /// - [Amazon ECS: specifying an Amazon EFS file system in a task definition](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html)
    pub EfsTransitEncryption {
        id: "ECS-TD-023",
        name: "efs-volume-without-transit-encryption",
        severity: Warning,
        summary: "EFS volume mounted without transit encryption",
        tags: ["security"],
        security_severity: Some("5.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
    }
}

impl Check for EfsTransitEncryption {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for volume in &td.volumes {
                let Some(efs) = &volume.efs else {
                    continue;
                };
                if may_encrypt(efs) || needs_encryption(efs).is_some() {
                    continue;
                }
                let name = known(&volume.name)
                    .map(|n| format!("`{}`", n.value))
                    .unwrap_or_else(|| "of the task".into());
                let (span, primary) = match known(&efs.transit_encryption) {
                    Some(t) => (t.span, "transit encryption off"),
                    None => (efs.span, "transit encryption is off by default"),
                };
                sink.report(
                    span,
                    format!("EFS volume {name} is mounted without transit encryption"),
                )
                .primary(primary)
                .help(format!(
                    "Set {} to `ENABLED`.",
                    model.property("efsVolumeConfiguration.transitEncryption")
                ));
            }
        }
    }
}
