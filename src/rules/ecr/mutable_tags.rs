use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

use super::{declared, report_setting, subject};

declare_rule! {
    /// ## What it does
    /// Finds ECR repositories whose image tags can be overwritten: `ImageTagMutability` is
    /// `MUTABLE` or omitted (the default). `IMMUTABLE`, and `IMMUTABLE_WITH_EXCLUSION`
    /// (moving tags such as `latest` left mutable by a filter), are not reported; nor is
    /// `MUTABLE_WITH_EXCLUSION`, whose filters make the chosen tags immutable.
    ///
    /// ## Why is this bad?
    /// A pushed tag can be replaced by another image, by a pipeline rerun or by anyone with
    /// `ecr:PutImage`. Tasks started later — after a scale-out or a replaced instance — then
    /// run different code under the same task definition, and an image that was scanned and
    /// approved can be swapped after the fact.
    ///
    /// ## Example
    /// ```yaml
    /// Repository:
    ///   Type: AWS::ECR::Repository
    ///   Properties:
    ///     RepositoryName: web
    /// ```
    ///
    /// Use instead: `ImageTagMutability: IMMUTABLE`, and a new tag per build.
    ///
    /// ## References
    /// - [Amazon ECR: preventing image tags from being overwritten](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)
    pub MutableTags {
        id: "ECR-003",
        name: "mutable-image-tags",
        severity: Warning,
        summary: "ECR repository whose image tags can be overwritten",
        tags: ["ecr", "security"],
        security_severity: Some("4.0"),
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
    }
}

impl Check for MutableTags {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for repository in declared(model) {
            let mutable = match &repository.tag_mutability {
                None => true,
                Some(setting) => setting
                    .value()
                    .is_some_and(|v| v.eq_ignore_ascii_case("MUTABLE")),
            };
            if !mutable {
                continue;
            }
            let Some(diagnostic) = report_setting(
                sink,
                repository,
                &repository.tag_mutability,
                format!(
                    "{} lets a pushed tag be replaced by another image",
                    subject(repository)
                ),
            ) else {
                continue;
            };
            if repository.tag_mutability.is_none() {
                diagnostic.primary("tags are mutable by default");
            }
            diagnostic.help(format!(
                "Set {} to `IMMUTABLE` (or `IMMUTABLE_WITH_EXCLUSION` to keep `latest` moving).",
                model.property("imageTagMutability")
            ));
        }
    }
}
