use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that at least one container of a task definition is essential. `essential`
    /// defaults to `true` when omitted, so only definitions whose every container says
    /// `"essential": false` are reported.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: a task must have an essential container, whose exit
    /// stops the task.
    ///
    /// ## Example
    /// ```json
    /// "containerDefinitions": [
    ///   {"name": "app", "image": "app", "essential": false},
    ///   {"name": "log-router", "image": "fluent-bit", "essential": false}]
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "containerDefinitions": [
    ///   {"name": "app", "image": "app"},
    ///   {"name": "log-router", "image": "fluent-bit", "essential": false}]
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: ContainerDefinition `essential`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html)
    pub NoEssentialContainer {
        id: "ECS-TD-001",
        name: "no-essential-container",
        severity: Error,
        summary: "Task definition in which no container is essential",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    }
}

impl Check for NoEssentialContainer {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            // `is_essential` counts an omitted or unknown `essential` as true, so this reports
            // only when every container says `essential: false`.
            if td.containers.is_empty() || td.containers.iter().any(|c| c.is_essential()) {
                continue;
            }
            let falses: Vec<_> = td
                .containers
                .iter()
                .filter_map(|c| known(&c.essential))
                .collect();
            let Some(first) = falses.first() else {
                continue;
            };
            let diagnostic = sink.report_value(
                first,
                format!(
                    "No container in this task definition is essential ({} of {} set {} to false)",
                    falses.len(),
                    td.containers.len(),
                    model.container_property("essential")
                ),
            );
            diagnostic.primary("not essential");
            for other in &falses[1..] {
                diagnostic.label(other.span, "not essential");
            }
            diagnostic.help(format!(
                "Mark the main container essential (remove its {} of false; it defaults to true).",
                model.container_property("essential")
            ));
        }
    }
}
