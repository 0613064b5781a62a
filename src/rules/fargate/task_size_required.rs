use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a task definition requiring Fargate (or run by a Fargate service in the
    /// same template) sets both task-level `cpu` and `memory`.
    ///
    /// ## Why is this bad?
    /// On Fargate the task size is what you are billed for and what Fargate provisions; it
    /// cannot be derived from the containers. `RegisterTaskDefinition` rejects a Fargate task
    /// definition without them.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    ///  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    ///  "cpu": "256", "memory": "512",
    ///  "containerDefinitions": [{"name": "web", "image": "nginx"}]}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: RegisterTaskDefinition, `cpu` and `memory`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html)
    pub TaskSizeRequired {
        id: "FARGATE-002",
        name: "fargate-task-size-missing",
        severity: Error,
        summary: "Fargate task definition without task-level cpu or memory",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    }
}

impl Check for TaskSizeRequired {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(fargate) = model.fargate(td) else {
                continue;
            };
            let missing: Vec<&str> = [("cpu", td.cpu.is_none()), ("memory", td.memory.is_none())]
                .into_iter()
                .filter_map(|(name, missing)| missing.then_some(name))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let what = missing
                .iter()
                .map(|m| model.property(m))
                .collect::<Vec<_>>()
                .join(" and ");
            sink.report(fargate.span, format!("This Fargate task definition does not set task-level {what}"))
                .primary(&fargate.label)
                .help(format!(
                    "Set task-level {} and {} to a size Fargate offers, e.g. \"256\" CPU units with \"512\" MiB.",
                    model.property("cpu"),
                    model.property("memory")
                ));
        }
    }
}
