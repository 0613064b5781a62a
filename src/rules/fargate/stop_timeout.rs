use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::MAX_STOP_TIMEOUT;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a container of a Fargate task asks for at most 120 seconds of
    /// `stopTimeout`.
    ///
    /// ## Why is this bad?
    /// "For tasks using the Fargate launch type, the max stop timeout value is 120 seconds";
    /// ECS rejects a longer one when the task definition is registered. Containers that need
    /// longer to drain must finish within the window or run on EC2, where the agent's
    /// `ECS_CONTAINER_STOP_TIMEOUT` applies.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"],
    ///  "containerDefinitions": [{"name": "worker", "image": "worker", "stopTimeout": 300}]}
    /// ```
    ///
    /// Use instead: `"stopTimeout": 120`.
    ///
    /// ## References
    /// - [Amazon ECS API: ContainerDefinition `stopTimeout`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html)
    pub StopTimeout {
        id: "FARGATE-020",
        name: "fargate-stop-timeout-too-long",
        severity: Error,
        summary: "Fargate container with a stopTimeout above 120 seconds",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html",
    }
}

impl Check for StopTimeout {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(fargate) = model.fargate(td) else {
                continue;
            };
            for (index, container) in td.containers.iter().enumerate() {
                let Some(timeout) =
                    known(&container.stop_timeout).filter(|t| t.value > MAX_STOP_TIMEOUT)
                else {
                    continue;
                };
                sink.report(
                    timeout.span,
                    format!(
                        "Container {} sets a stop timeout of {} seconds; Fargate allows at most {MAX_STOP_TIMEOUT}",
                        container.name_or_index(index),
                        timeout.value
                    ),
                )
                .primary("above 120 seconds")
                .label(fargate.span, &fargate.label)
                .help(format!(
                    "Set {} to {MAX_STOP_TIMEOUT} or less.",
                    model.container_property("stopTimeout")
                ));
            }
        }
    }
}
