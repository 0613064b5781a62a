use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds containers that run with `privileged: true` on EC2 or external instances.
    /// Fargate rejects the parameter outright (FARGATE-005), and Windows does not support it
    /// (ECS-TD-033); this rule covers where it is accepted.
    ///
    /// ## Why is this bad?
    /// A privileged container gets every Linux capability and the host's devices: a process
    /// that escapes it owns the container instance, every other task on it and the instance
    /// role's credentials. AWS's guide: "We recommend against running containers with
    /// privileged". checkov's CKV_AWS_334 means to catch this but reads the key `privilege`.
    ///
    /// ## Example
    /// ```json
    /// {"containerDefinitions": [{"name": "agent", "image": "agent:1.4", "privileged": true}]}
    /// ```
    ///
    /// Use instead: add only the capabilities the process needs, with
    /// `linuxParameters.capabilities.add` (for example `["NET_ADMIN"]`), and drop `privileged`.
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: `privileged`](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security)
    pub PrivilegedContainer {
        id: "ECS-TD-019",
        name: "privileged-container",
        severity: Warning,
        summary: "Container runs privileged on EC2 or external instances",
        tags: ["security"],
        security_severity: Some("7.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
    }
}

impl Check for PrivilegedContainer {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            // Fargate and Windows reject the parameter: their own rules say so, as errors.
            if td.is_windows() || model.fargate(td).is_some() {
                continue;
            }
            for (index, container) in td.containers.iter().enumerate() {
                let Some(privileged) = known(&container.privileged).filter(|p| p.value) else {
                    continue;
                };
                sink.report_value(
                    privileged,
                    format!(
                        "Container {} runs privileged: it gets every capability and the host's devices",
                        container.name_or_index(index)
                    ),
                )
                .primary("privileged")
                .help(format!(
                    "Remove {} and add only the capabilities the process needs with {}.",
                    model.container_property("privileged"),
                    model.container_property("linuxParameters.capabilities.add")
                ));
            }
        }
    }
}
