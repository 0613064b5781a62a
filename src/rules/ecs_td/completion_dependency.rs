use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a container waits for the `COMPLETE` or `SUCCESS` of another container
    /// only when that container is not essential (`essential` defaults to true).
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: a container that must exit before another starts
    /// cannot be essential, since an essential container's exit stops the whole task
    /// ("dependency condition COMPLETE/SUCCESS ... cannot be essential"; the
    /// `ContainerDependency` API reference).
    ///
    /// ## Example
    /// ```json
    /// "containerDefinitions": [
    ///   {"name": "migrate", "image": "app", "command": ["migrate"]},
    ///   {"name": "app", "image": "app",
    ///    "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}]
    /// ```
    ///
    /// Use instead: `"essential": false` on `migrate`.
    ///
    /// ## References
    /// - [Amazon ECS API: ContainerDependency](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html)
    pub CompletionDependency {
        id: "ECS-TD-011",
        name: "completion-dependency-on-essential-container",
        severity: Error,
        summary: "Container waits for the completion of an essential container",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
    }
}

impl Check for CompletionDependency {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container, dependency, target) in td.dependencies() {
                let Some(condition) = known(&dependency.condition).filter(|c| {
                    c.value.eq_ignore_ascii_case("COMPLETE")
                        || c.value.eq_ignore_ascii_case("SUCCESS")
                }) else {
                    continue;
                };
                let Some(name) = known(&dependency.container_name) else {
                    continue;
                };
                if !target.is_essential() {
                    continue;
                }
                let diagnostic = sink.report_value(
                        condition,
                        format!(
                            "Container {} waits for `{}` to {}, but `{}` is essential, so its exit stops the task",
                            container.name_or_index(index),
                            name.value,
                            condition.value.to_ascii_uppercase(),
                            name.value
                        ),
                    );
                diagnostic.primary("completion dependency");
                match known(&target.essential) {
                    Some(essential) => diagnostic.label(essential.span, "essential"),
                    None => diagnostic.label(
                        target.name.as_ref().map_or(target.span, |n| n.span()),
                        format!(
                            "{} is true by default",
                            model.container_property("essential")
                        ),
                    ),
                };
                diagnostic.help(format!(
                    "Set {} to false on `{}`.",
                    model.container_property("essential"),
                    name.value
                ));
            }
        }
    }
}
