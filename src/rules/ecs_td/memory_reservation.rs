use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a container that sets both `memory` (the hard limit) and
    /// `memoryReservation` (the soft limit) sets the hard limit above the soft one.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: "If you specify both, `memory` must be greater than
    /// `memoryReservation`" (task definition parameters, container memory).
    ///
    /// ## Example
    /// ```json
    /// {"name": "app", "image": "app", "memory": 512, "memoryReservation": 512}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"name": "app", "image": "app", "memory": 1024, "memoryReservation": 512}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: task definition parameters, memory](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory)
    pub MemoryReservation {
        id: "ECS-TD-014",
        name: "memory-not-above-reservation",
        severity: Error,
        summary: "Container memory limit not above its memory reservation",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory",
    }
}

impl Check for MemoryReservation {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container) in td.containers.iter().enumerate() {
                let (Some(memory), Some(reservation)) = (
                    known(&container.memory),
                    known(&container.memory_reservation),
                ) else {
                    continue;
                };
                if memory.value > reservation.value {
                    continue;
                }
                sink.report_value(
                    memory,
                    format!(
                        "Container {} sets {} to {} MiB, which is not above its {} of {} MiB",
                        container.name_or_index(index),
                        model.container_property("memory"),
                        memory.value,
                        model.container_property("memoryReservation"),
                        reservation.value
                    ),
                )
                .primary("the hard limit")
                .label(reservation.span, "the soft limit")
                .help(format!(
                    "Raise {} above the reservation, or drop one of them.",
                    model.container_property("memory")
                ));
            }
        }
    }
}
