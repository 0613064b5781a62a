use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::{TASK_SIZES, cpu_values, task_size};
use crate::model::{Model, known};
use crate::rules::Check;
use crate::text::or_list;

declare_rule! {
    /// ## What it does
    /// Checks that a Fargate task definition's task-level `cpu` and `memory` form a size
    /// Fargate offers. Applies whenever `requiresCompatibilities` includes `FARGATE`, even
    /// alongside `EC2`, or when a Fargate service in the same template runs the task
    /// definition; in a template, also for every allowed value of the parameters the sizes
    /// come from. Values may be written as CPU units or MiB (`256`, `"512"`) or with
    /// units (`"1 vCPU"`, `"2 GB"`, `"2GB"`).
    ///
    /// ## Why is this bad?
    /// `RegisterTaskDefinition` rejects the task definition: "No Fargate configuration exists
    /// for given values". Fargate sizes come in fixed pairs; 256 CPU units cannot have 4 GB.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    ///  "cpu": "256", "memory": "4096", "containerDefinitions": [...]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    ///  "cpu": "512", "memory": "4096", "containerDefinitions": [...]}
    /// ```
    ///
    /// | CPU units | memory |
    /// |---|---|
    /// | 256 | 512, 1024 or 2048 MiB |
    /// | 512 | 1024 to 4096 MiB in steps of 1024 |
    /// | 1024 | 2048 to 8192 MiB in steps of 1024 |
    /// | 2048 | 4096 to 16384 MiB in steps of 1024 |
    /// | 4096 | 8192 to 30720 MiB in steps of 1024 |
    /// | 8192 | 16384 to 61440 MiB in steps of 4096 |
    /// | 16384 | 32768 to 122880 MiB in steps of 8192 |
    ///
    /// 8 and 16 vCPU need Linux platform version 1.4.0 or later.
    ///
    /// ## References
    /// - [Amazon ECS: task CPU and memory](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)
    pub CpuMemoryCombination {
        id: "FARGATE-001",
        name: "invalid-fargate-cpu-memory",
        severity: Error,
        summary: "Fargate task CPU and memory are not a size Fargate offers",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
    }
}

impl Check for CpuMemoryCombination {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if model.fargate(td).is_none() {
                continue;
            }
            let Some(cpu) = known(&td.cpu) else { continue };
            let Some(size) = task_size(cpu.value) else {
                sink.report(
                    cpu.span,
                    format!(
                        "Fargate does not offer a task size of {} CPU units",
                        cpu.value
                    ),
                )
                .primary("not a Fargate CPU value")
                .origin(cpu, "the value")
                .help(format!(
                    "Use one of {} CPU units (or .25, .5, 1, 2, 4, 8 or 16 vCPU).",
                    cpu_values()
                ));
                continue;
            };
            let Some(memory) = known(&td.memory) else {
                continue;
            };
            if size.memory.allows(memory.value) {
                continue;
            }
            let fitting: Vec<String> = TASK_SIZES
                .iter()
                .filter(|s| s.memory.allows(memory.value))
                .map(|s| s.cpu.to_string())
                .collect();
            let alternative = if fitting.is_empty() {
                format!("No Fargate size has {} MiB of memory.", memory.value)
            } else {
                format!(
                    "{} MiB is available with {} CPU units.",
                    memory.value,
                    or_list(&fitting)
                )
            };
            sink.report(
                memory.span,
                format!(
                    "Fargate does not offer {} CPU units with {} MiB of memory ({} CPU units allow {})",
                    cpu.value,
                    memory.value,
                    cpu.value,
                    size.memory.describe()
                ),
            )
            .primary("memory is set here")
            .label(cpu.span, "CPU is set here")
            .origin(memory, "the memory value")
            .origin(cpu, "the CPU value")
            .help(format!(
                "Pick a memory value of {} for this CPU. {alternative}",
                size.memory.describe()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CpuMemoryCombination;
    use crate::facts::fargate::TASK_SIZES;
    use crate::rules::Declared;

    #[test]
    fn the_documented_table_is_the_facts_table() {
        let docs = CpuMemoryCombination::meta().docs();
        for size in TASK_SIZES {
            let row = format!("| {} | {} |", size.cpu, size.memory.describe());
            assert!(docs.contains(&row), "the docs lack `{row}`");
        }
    }
}
