use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

use super::{declared, report_setting, subject};

declare_rule! {
    /// ## What it does
    /// Finds ECR repositories that do not scan images when they are pushed
    /// (`ImageScanningConfiguration.ScanOnPush` is `false` or omitted).
    ///
    /// ## Why is this bad?
    /// An image with known vulnerabilities goes to production without anyone being told.
    /// The setting on the repository is ECR's older basic scanning; the better control is
    /// scanning configured once for the registry (`AWS::ECR::RegistryScanningConfiguration`,
    /// `aws_ecr_registry_scanning_configuration`), whose enhanced mode (Amazon Inspector)
    /// also rescans images as new vulnerabilities are published. When the registry scans,
    /// suppress this note or turn the rule off.
    ///
    /// ## Example
    /// ```yaml
    /// ImageScanningConfiguration:
    ///   ScanOnPush: false
    /// ```
    ///
    /// Use instead: `ScanOnPush: true`, or registry-level scanning.
    ///
    /// ## References
    /// - [Amazon ECR: scan images for software vulnerabilities](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html)
    pub ScanOnPush {
        id: "ECR-004",
        name: "scan-on-push-disabled",
        severity: Note,
        summary: "ECR repository that does not scan images on push",
        tags: ["ecr", "security"],
        security_severity: Some("3.0"),
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
    }
}

impl Check for ScanOnPush {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for repository in declared(model) {
            let scans = repository
                .scan_on_push
                .as_ref()
                .is_some_and(|s| s.value() != Some(&false));
            if scans {
                continue;
            }
            if let Some(diagnostic) = report_setting(
                sink,
                repository,
                &repository.scan_on_push,
                format!(
                    "{} does not scan images when they are pushed",
                    subject(repository)
                ),
            ) {
                diagnostic.help(format!(
                    "Set {} to true, or better, configure enhanced scanning for the registry.",
                    model.property("imageScanningConfiguration.scanOnPush")
                ));
            }
        }
    }
}
