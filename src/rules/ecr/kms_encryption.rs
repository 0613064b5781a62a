use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

use super::{declared, report_setting, subject};

declare_rule! {
    /// ## What it does
    /// Finds ECR repositories encrypted with ECR's own AES-256 keys (the default) rather than
    /// a KMS key (`EncryptionConfiguration.EncryptionType` `KMS` or `KMS_DSSE`).
    ///
    /// ## Why is this bad?
    /// Images are encrypted at rest either way; with a KMS key the account decides who may
    /// decrypt them, can audit each use in CloudTrail and can disable the key. The setting
    /// can only be chosen when the repository is created.
    ///
    /// ## Example
    /// ```yaml
    /// Repository:
    ///   Type: AWS::ECR::Repository
    ///   Properties:
    ///     RepositoryName: web
    /// ```
    ///
    /// Use instead: `EncryptionConfiguration: {EncryptionType: KMS, KmsKey: !Ref Key}`.
    ///
    /// ## References
    /// - [Amazon ECR: encryption at rest](https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html)
    pub KmsEncryption {
        id: "ECR-005",
        name: "repository-not-kms-encrypted",
        severity: Note,
        summary: "ECR repository not encrypted with a KMS key",
        tags: ["ecr", "security"],
        security_severity: Some("2.0"),
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
    }
}

impl Check for KmsEncryption {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for repository in declared(model) {
            let kms = repository.encryption_type.as_ref().is_some_and(|t| {
                t.value().is_none_or(|t| {
                    t.eq_ignore_ascii_case("KMS") || t.eq_ignore_ascii_case("KMS_DSSE")
                })
            });
            if kms {
                continue;
            }
            if let Some(diagnostic) = report_setting(
                sink,
                repository,
                &repository.encryption_type,
                format!(
                    "{} is encrypted with ECR's own keys, not a KMS key",
                    subject(repository)
                ),
            ) {
                diagnostic.help(format!(
                    "Set {} to `KMS` with a key of your own (only possible when the repository is created).",
                    model.property("encryptionConfiguration.encryptionType")
                ));
            }
        }
    }
}
