use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Model, known};
use crate::rules::Check;

/// The least memory a container can be given: "the Docker daemon reserves a minimum of
/// 6 MiB of memory for a container" (task definition parameters, container memory).
const MINIMUM_CONTAINER_MIB: u32 = 6;

declare_rule! {
    /// ## What it does
    /// Checks that a task definition without task-level `memory` gives each container
    /// `memory` or `memoryReservation`, and warns when a container's memory is below the
    /// 6 MiB Docker reserves. Fargate task definitions need task-level memory (FARGATE-002)
    /// and are not checked here.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: "Invalid setting for container. At least one of
    /// 'memory' or 'memoryReservation' must be specified." A container below 6 MiB does not
    /// start.
    ///
    /// ## Example
    /// ```json
    /// {"family": "worker", "containerDefinitions": [{"name": "worker", "image": "worker"}]}
    /// ```
    ///
    /// Use instead: `"memory": 512` on the container, or task-level `"memory": "512"`.
    ///
    /// ## References
    /// - [Amazon ECS: task definition parameters, memory](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory)
    pub ContainerMemoryUnset {
        id: "ECS-TD-013",
        name: "container-memory-unset",
        severity: Error,
        summary: "Container with no memory limit or reservation in a task without task memory",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory",
    }
}

impl Check for ContainerMemoryUnset {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container) in td.containers.iter().enumerate() {
                for memory in [&container.memory, &container.memory_reservation]
                    .into_iter()
                    .filter_map(known)
                    .filter(|m| m.value < MINIMUM_CONTAINER_MIB)
                {
                    let diagnostic = sink.report_value(
                        memory,
                        format!(
                            "Container {} gets {} MiB, below the {MINIMUM_CONTAINER_MIB} MiB Docker reserves for a container",
                            container.name_or_index(index),
                            memory.value
                        ),
                    );
                    diagnostic.severity = Severity::Warning;
                    diagnostic.help(format!("Give it at least {MINIMUM_CONTAINER_MIB} MiB."));
                }
            }
            if td.memory.is_some() || model.fargate(td).is_some() {
                continue;
            }
            for (index, container) in td.containers.iter().enumerate() {
                if container.memory.is_some() || container.memory_reservation.is_some() {
                    continue;
                }
                // At the container's name where it has one, not the whole definition.
                let at = container.name.as_ref().map_or(container.span, |n| n.span());
                sink.report(
                    at,
                    format!(
                        "Container {} has neither {} nor {}, and the task sets no {}",
                        container.name_or_index(index),
                        model.container_property("memory"),
                        model.container_property("memoryReservation"),
                        model.property("memory")
                    ),
                )
                .help(format!(
                    "Set the container's {} or {}, or the task's {}.",
                    model.container_property("memory"),
                    model.container_property("memoryReservation"),
                    model.property("memory")
                ));
            }
        }
    }
}
