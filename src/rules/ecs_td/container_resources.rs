use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;
use crate::source::span::Located;

declare_rule! {
    /// ## What it does
    /// Checks that the containers of a task definition fit in the task: with task-level
    /// `cpu`, the containers' `cpu` must not add up to more; with task-level `memory`, no
    /// container's `memory` may be above it, and the containers' reservations
    /// (`memoryReservation`, else `memory`) must not add up to more. Values that are not
    /// known are left out of the sums, so what is reported is certain.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: "The sum of all container cpu values must be less
    /// than or equal to the task cpu value", and a container's memory "must not exceed the
    /// task memory value" (task definition parameters). A sidecar added to a task sized for
    /// one container is the usual cause.
    ///
    /// ## Example
    /// ```json
    /// {"cpu": "256", "memory": "512", "containerDefinitions": [
    ///   {"name": "app", "cpu": 256, "memory": 512}, {"name": "envoy", "cpu": 64, "memory": 128}]}
    /// ```
    ///
    /// Use instead: a task size that holds both (`"cpu": "512", "memory": "1024"`), or smaller
    /// containers.
    ///
    /// ## References
    /// - [Amazon ECS: task definition parameters, task size](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size)
    pub ContainerResources {
        id: "ECS-TD-015",
        name: "container-resources-exceed-task",
        severity: Error,
        summary: "Containers reserve more CPU or memory than the task has",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size",
    }
}

impl Check for ContainerResources {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if let Some(task_cpu) = known(&td.cpu) {
                let cpus = td.containers.iter().filter_map(|c| known(&c.cpu)).collect();
                let total = Total {
                    task: task_cpu,
                    parts: cpus,
                    unit: "CPU units",
                };
                total.report(
                    sink,
                    &model.property("cpu"),
                    "task CPU",
                    "Raise the task size, or lower the containers' CPU.",
                );
            }
            let Some(task_memory) = known(&td.memory) else {
                continue;
            };
            for (index, container) in td.containers.iter().enumerate() {
                if let Some(memory) = known(&container.memory)
                    && memory.value > task_memory.value
                {
                    sink.report_value(
                        memory,
                        format!(
                            "Container {} may use {} MiB, more than the task's {} of {} MiB",
                            container.name_or_index(index),
                            memory.value,
                            model.property("memory"),
                            task_memory.value
                        ),
                    )
                    .primary("container memory")
                    .label(task_memory.span, "task memory")
                    .help("Raise the task's memory, or lower the container's.");
                }
            }
            let reserved: Vec<_> = td
                .containers
                .iter()
                .filter_map(|c| known(&c.memory_reservation).or(known(&c.memory)))
                .collect();
            if reserved.len() > 1 {
                let total = Total {
                    task: task_memory,
                    parts: reserved,
                    unit: "MiB",
                };
                total.report(
                    sink,
                    &model.property("memory"),
                    "task memory",
                    "Raise the task's memory, or lower the containers' reservations.",
                );
            }
        }
    }
}

/// What the containers reserve of one task-level resource.
struct Total<'a> {
    task: &'a Located<u32>,
    parts: Vec<&'a Located<u32>>,
    unit: &'static str,
}

impl Total<'_> {
    /// Reports the sum when it is more than the task has, labelling each part.
    fn report(&self, sink: &mut Sink, property: &str, what: &str, help: &str) {
        let sum: u64 = self.parts.iter().map(|p| u64::from(p.value)).sum();
        if sum <= u64::from(self.task.value) {
            return;
        }
        let unit = self.unit;
        let diagnostic = sink.report_value(
            self.task,
            format!(
                "The containers reserve {sum} {unit}, more than the task's {property} of {} {unit}",
                self.task.value
            ),
        );
        diagnostic.primary(what);
        for part in &self.parts {
            diagnostic.label(part.span, format!("{} {unit}", part.value));
        }
        diagnostic.help(help);
    }
}
