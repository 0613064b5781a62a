use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::MAX_CONTAINERS;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a task definition declares at most ten containers.
    ///
    /// ## Why is this bad?
    /// Ten containers per task definition is a fixed ECS quota; `RegisterTaskDefinition`
    /// fails with "ClientException: Too many containers." Sidecars add up: a log router, a
    /// proxy, an agent per tool.
    ///
    /// ## Example
    /// A task definition with eleven entries in `containerDefinitions`.
    ///
    /// Use instead: split the task, or move per-host agents to a daemon service.
    ///
    /// ## References
    /// - [Amazon ECS service quotas](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html)
    pub TooManyContainers {
        id: "ECS-TD-002",
        name: "too-many-containers",
        severity: Error,
        summary: "Task definition with more than ten containers",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html",
    }
}

impl Check for TooManyContainers {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if td.containers.len() <= MAX_CONTAINERS {
                continue;
            }
            let extra = &td.containers[MAX_CONTAINERS];
            sink.report(
                td.containers_span.unwrap_or(td.span),
                format!(
                    "This task definition declares {} containers; ECS registers at most {MAX_CONTAINERS}",
                    td.containers.len()
                ),
            )
            .primary("too many containers")
            .label(
                extra.name.as_ref().map_or(extra.span, |n| n.span()),
                "the eleventh",
            )
            .help("Split the task, or run per-host agents as a daemon service.");
        }
    }
}
