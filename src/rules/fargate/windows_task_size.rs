use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::{TASK_SIZES, task_size};
use crate::model::{Model, known};
use crate::rules::Check;
use crate::text::or_list;

declare_rule! {
    /// ## What it does
    /// Checks that a Fargate task running Windows containers
    /// (`runtimePlatform.operatingSystemFamily` `WINDOWS_SERVER_*`) uses 1, 2 or 4 vCPU. The
    /// task is on Fargate when it requires `FARGATE` or a Fargate service in the same
    /// template runs it.
    ///
    /// ## Why is this bad?
    /// Fargate offers Windows containers only the 1, 2 and 4 vCPU sizes: "The CPU units
    /// cannot be less than 1 vCPU when you use Windows containers on Fargate", and 8 and
    /// 16 vCPU exist for Linux only. Registration or the task launch fails.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024",
    ///  "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, ...}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "cpu": "1024", "memory": "2048",
    ///  "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, ...}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: task CPU and memory](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html)
    pub WindowsTaskSize {
        id: "FARGATE-003",
        name: "invalid-fargate-windows-task-size",
        severity: Error,
        summary: "Fargate Windows task with a CPU size Fargate offers only to Linux",
        tags: ["fargate", "windows", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
    }
}

impl Check for WindowsTaskSize {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if model.fargate(td).is_none() || !td.is_windows() {
                continue;
            }
            let Some(cpu) = known(&td.cpu) else { continue };
            // Sizes missing from the table are FARGATE-001's finding.
            if task_size(cpu.value).is_none_or(|size| size.windows) {
                continue;
            }
            let windows: Vec<String> = TASK_SIZES
                .iter()
                .filter(|s| s.windows)
                .map(|s| s.cpu.to_string())
                .collect();
            let diagnostic = sink.report(
                cpu.span,
                format!(
                    "Fargate does not offer {} CPU units to Windows containers",
                    cpu.value
                ),
            );
            diagnostic
                .primary("CPU is set here")
                .origin(cpu, "the value");
            if let Some(os) = known(&td.operating_system_family) {
                diagnostic.label(os.span, "Windows is chosen here");
            }
            diagnostic.help(format!(
                "Windows tasks on Fargate take {} CPU units.",
                or_list(&windows)
            ));
        }
    }
}
