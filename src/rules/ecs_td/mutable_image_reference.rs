use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecr::moving_tag;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds container images named without a tag, or by the tag `latest`. An image whose
    /// tag a CloudFormation parameter or Terraform variable without a default gives is left
    /// alone: the pipeline chooses it at deploy time. A default of `latest` is reported, as
    /// it is what deploys unless the pipeline overrides it. A digest (`@sha256:…`) is the
    /// most exact reference and is never reported. Off by default:
    /// examples and sample templates use `latest` everywhere; turn it on with
    /// `extend-select: [ECS-TD-025]`.
    ///
    /// ## Why is this bad?
    /// `latest` (which an image without a tag means) moves: each task that starts, after a
    /// scale-out or a replaced instance, may pull a different image than the tasks already
    /// running, and a rollback to the same task definition does not bring the old image back.
    /// ECS resolves a tag to a digest when a deployment starts, but only for that deployment.
    ///
    /// ## Example
    /// ```json
    /// {"containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:latest"}]}
    /// ```
    ///
    /// Use instead: a version tag the build never reuses (`nginx:1.27.3`, the commit id) or
    /// a digest.
    ///
    /// ## References
    /// - [Amazon ECS: container image resolution](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability)
    pub MutableImageReference {
        id: "ECS-TD-025",
        name: "mutable-image-reference",
        severity: Note,
        summary: "Container image named by `latest` or without a tag",
        tags: ["reproducibility"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability",
        enabled_by_default: false,
    }
}

impl Check for MutableImageReference {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container) in td.containers.iter().enumerate() {
                let Some(image) = container
                    .image
                    .as_ref()
                    .and_then(Val::known)
                    .filter(|i| !i.value.is_empty())
                else {
                    continue;
                };
                let Some(why) = moving_tag(&image.value) else {
                    continue;
                };
                sink.report(
                    image.span,
                    format!(
                        "The image of container {} {why}, a tag that moves",
                        container.name_or_index(index)
                    ),
                )
                .help("Name a version tag the build never reuses, or a digest (`@sha256:…`).");
            }
        }
    }
}
