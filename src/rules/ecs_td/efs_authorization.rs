use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{EfsVolume, Model, Val, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks the EFS volumes that authorize their mount — with IAM
    /// (`authorizationConfig.iam: ENABLED`) or through an access point — for
    /// `transitEncryption: ENABLED`, and that a volume mounted through an access point sets
    /// no `rootDirectory` other than `/`.
    ///
    /// ## Why is this bad?
    /// The Amazon ECS guide on EFS volumes: "If Amazon EFS IAM authorization is used,
    /// transit encryption must be enabled", with an access point "transit encryption must be
    /// enabled", and "the root directory … must either be omitted or set to `/`", since the
    /// access point sets the directory. ECS rejects the task definition, or the mount fails
    /// when the task starts. Transit encryption defaults to `DISABLED`.
    ///
    /// ## Example
    /// ```json
    /// "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0",
    ///                            "authorizationConfig": {"iam": "ENABLED"}}
    /// ```
    ///
    /// Use instead: add `"transitEncryption": "ENABLED"`.
    ///
    /// ## References
    /// - [Amazon ECS: use Amazon EFS volumes](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html)
    /// - [Amazon ECS API: EFSVolumeConfiguration](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html)
    pub EfsAuthorization {
        id: "ECS-TD-031",
        name: "efs-authorization-without-transit-encryption",
        severity: Error,
        summary: "EFS volume with IAM authorization or an access point, without transit encryption",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
    }
}

/// Whether transit encryption may be on: set to ENABLED, or not known.
pub(super) fn may_encrypt(efs: &EfsVolume) -> bool {
    match &efs.transit_encryption {
        None => false,
        Some(Val::Known(t)) => t.value.eq_ignore_ascii_case("ENABLED"),
        Some(_) => true,
    }
}

/// What makes ECS require transit encryption on a volume, and where: IAM authorization,
/// else an access point.
pub(super) fn needs_encryption(efs: &EfsVolume) -> Option<(Span, &'static str)> {
    let iam = known(&efs.iam).filter(|i| i.value.eq_ignore_ascii_case("ENABLED"));
    iam.map(|i| (i.span, "IAM authorization")).or(efs
        .access_point_id
        .as_ref()
        .map(|a| (a.span(), "an access point")))
}

impl Check for EfsAuthorization {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let property = |name: &str| model.property(&format!("efsVolumeConfiguration.{name}"));
        for td in model.task_definitions() {
            for volume in &td.volumes {
                let Some(efs) = &volume.efs else {
                    continue;
                };
                let name = known(&volume.name)
                    .map(|n| format!("`{}`", n.value))
                    .unwrap_or_else(|| "of the task".into());
                let access_point = efs.access_point_id.as_ref().map(Val::span);
                if let Some((span, how)) = needs_encryption(efs)
                    && !may_encrypt(efs)
                {
                    let diagnostic = sink.report(
                        span,
                        format!(
                            "EFS volume {name} mounts with {how}, which needs transit encryption"
                        ),
                    );
                    diagnostic.primary(how);
                    match known(&efs.transit_encryption) {
                        Some(t) => diagnostic.label(t.span, "transit encryption off"),
                        None => diagnostic.label(efs.span, "transit encryption is off by default"),
                    };
                    diagnostic.help(format!(
                        "Set {} to `ENABLED`.",
                        property("transitEncryption")
                    ));
                }
                if let (Some(access_point), Some(root)) = (
                    access_point,
                    known(&efs.root_directory).filter(|r| r.value != "/"),
                ) {
                    sink.report(
                        root.span,
                        format!(
                            "EFS volume {name} mounts through an access point, so its root directory must be `/` or omitted, not `{}`",
                            root.value
                        ),
                    )
                    .primary("root directory")
                    .label(access_point, "access point")
                    .help(format!(
                        "Remove {}: the access point's own root directory applies.",
                        property("rootDirectory")
                    ));
                }
            }
        }
    }
}
