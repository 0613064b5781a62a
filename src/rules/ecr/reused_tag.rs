use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecr::{moving_tag, private_image};
use crate::model::{Model, Repository, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds container images named by the tag `latest` (or by no tag, which means `latest`)
    /// in a repository the same file declares with `ImageTagMutability: IMMUTABLE`. The
    /// image links to the repository (`${Repository.RepositoryUri}:latest`,
    /// `"${aws_ecr_repository.web.repository_url}:latest"`) or names it in a private ECR
    /// address (`123456789012.dkr.ecr.eu-west-1.amazonaws.com/web`).
    ///
    /// ## Why is this bad?
    /// An immutable repository refuses a push to a tag it already holds
    /// (`ImageTagAlreadyExistsException`): the first build can push `latest`, every later one
    /// fails. Deploying by `latest` and keeping tags immutable cannot both hold.
    /// (`IMMUTABLE_WITH_EXCLUSION` lets named tags move and is not reported.)
    ///
    /// ## Example
    /// ```yaml
    /// Repository: {Type: AWS::ECR::Repository, Properties: {ImageTagMutability: IMMUTABLE}}
    /// # in the task definition:
    /// Image: !Sub ${Repository.RepositoryUri}:latest
    /// ```
    ///
    /// Use instead: a tag each build writes once — the commit id or a version, given as a
    /// parameter (`!Sub ${Repository.RepositoryUri}:${ImageTag}`).
    ///
    /// ## References
    /// - [Amazon ECR: preventing image tags from being overwritten](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)
    pub ReusedTag {
        id: "ECR-009",
        name: "immutable-repository-with-reused-tag",
        severity: Warning,
        summary: "Image deployed by `latest` from a repository whose tags are immutable",
        tags: ["ecr", "deployment"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
    }
}

impl Check for ReusedTag {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let images = model
            .task_definitions()
            .iter()
            .flat_map(|td| &td.containers)
            .filter_map(|c| c.image.as_ref().and_then(Val::known));
        for image in images {
            let Some(why) = moving_tag(&image.value) else {
                continue;
            };
            let Some(repository) = repository_of(model, &image.value) else {
                continue;
            };
            let Some(Val::Known(mutability)) = &repository.tag_mutability else {
                continue;
            };
            if mutability.value != "IMMUTABLE" {
                continue;
            }
            sink.report(
                image.span,
                format!(
                    "{} keeps its tags immutable, and this image {why}: every push of `latest` after the first fails",
                    super::subject(repository),
                ),
            )
            .primary("deployed by `latest`")
            .label(mutability.span, "tags cannot be overwritten")
            .help("Deploy a tag each build writes once (the commit id or a version, given as a parameter).");
        }
    }
}

/// The declared repository an image comes from: by a link to its URI, or by its name in a
/// private ECR address.
fn repository_of<'m>(model: &'m Model, image: &str) -> Option<&'m Repository> {
    let declared = || super::declared(model);
    if let Some(link) = image.strip_prefix("${") {
        let (id, attribute) = link.split_once('}')?.0.rsplit_once('.')?;
        if !matches!(attribute, "RepositoryUri" | "repository_url") {
            return None;
        }
        return declared().find(|r| r.id.as_ref().is_some_and(|i| i.value == id));
    }
    let name = private_image(image)?.repository;
    declared().find(|r| {
        r.name
            .as_ref()
            .and_then(Val::known)
            .is_some_and(|n| n.value == name)
    })
}
