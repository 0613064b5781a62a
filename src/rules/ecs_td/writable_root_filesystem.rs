use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds Linux containers whose root file system is writable: `readonlyRootFilesystem`
    /// is not `true`. Windows containers cannot have a read-only root file system, and a task
    /// run by a service with ECS Exec needs a writable one for the SSM agent; neither is
    /// reported. Off by default: most images write somewhere, and making them read-only is
    /// work to plan, not a fault. Turn it on with `extend-select: [ECS-TD-021]`.
    ///
    /// ## Why is this bad?
    /// A process that is taken over can change the container's binaries and configuration
    /// and keep what it installs until the task stops. A read-only root with volumes for the
    /// paths the application writes limits that.
    ///
    /// ## Example
    /// ```json
    /// {"containerDefinitions": [{"name": "api", "image": "api:3.1"}]}
    /// ```
    ///
    /// Use instead: `"readonlyRootFilesystem": true`, and a volume (`mountPoints`) for each
    /// directory the application writes, such as `/tmp`.
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: `readonlyRootFilesystem`](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security)
    pub WritableRootFilesystem {
        id: "ECS-TD-021",
        name: "writable-root-filesystem",
        severity: Note,
        summary: "Linux container with a writable root file system",
        tags: ["security"],
        security_severity: Some("3.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
        enabled_by_default: false,
    }
}

impl Check for WritableRootFilesystem {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let exec = model
                .services_running(td)
                .any(|s| s.execute_command().is_some());
            if td.is_windows() || exec {
                continue;
            }
            for (index, container) in td.containers.iter().enumerate() {
                let span = match &container.readonly_root_filesystem {
                    Some(Val::Known(read_only)) if !read_only.value => read_only.span,
                    None => container.name.as_ref().map_or(container.span, Val::span),
                    _ => continue,
                };
                sink.report(
                    span,
                    format!(
                        "Container {} can write to its root file system",
                        container.name_or_index(index)
                    ),
                )
                .help(format!(
                    "Set {} to true and mount a volume where the application writes.",
                    model.container_property("readonlyRootFilesystem")
                ));
            }
        }
    }
}
