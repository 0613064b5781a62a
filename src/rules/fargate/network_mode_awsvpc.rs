use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a task definition requiring Fargate (or run by a Fargate service in the
    /// same template) uses the `awsvpc` network mode.
    ///
    /// ## Why is this bad?
    /// "Fargate tasks always use the awsvpc network mode." When `networkMode` is omitted it
    /// defaults to `bridge`, which Fargate rejects, so the task definition cannot run there.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
    ///  "containerDefinitions": [...]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
    ///  "cpu": "256", "memory": "512", "containerDefinitions": [...]}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: task definition differences for Fargate](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html)
    pub NetworkModeAwsvpc {
        id: "FARGATE-004",
        name: "fargate-network-mode-not-awsvpc",
        severity: Error,
        summary: "Fargate task definition whose network mode is not awsvpc",
        tags: ["fargate", "networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    }
}

impl Check for NetworkModeAwsvpc {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(fargate) = model.fargate(td) else {
                continue;
            };
            match &td.network_mode {
                None => {
                    sink.report(
                        fargate.span,
                        format!(
                            "This Fargate task definition sets no {}, so it defaults to `bridge`, which Fargate does not support",
                            model.property("networkMode")
                        ),
                    )
                    .primary(&fargate.label)
                    .help(help(model));
                }
                Some(Val::Known(mode)) if mode.value != NetworkMode::Awsvpc => {
                    sink.report_value(
                        mode,
                        format!(
                            "Fargate tasks must use the `awsvpc` network mode, not `{}`",
                            mode.value.as_str()
                        ),
                    )
                    .primary("network mode set here")
                    .label(fargate.span, &fargate.label)
                    .help(help(model));
                }
                Some(_) => {}
            }
        }
    }
}

fn help(model: &Model) -> String {
    format!("Set {} to \"awsvpc\".", model.property("networkMode"))
}
