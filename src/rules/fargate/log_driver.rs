use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::LOG_DRIVERS;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that containers of a task definition requiring Fargate (or run by a Fargate
    /// service in the same template, as cfn-lint's E3713 checks) use a log driver Fargate
    /// supports: `awslogs`, `splunk` or `awsfirelens`.
    ///
    /// ## Why is this bad?
    /// Fargate has no Docker daemon for drivers such as `json-file`, `syslog`, `fluentd`,
    /// `gelf` or `journald`; the task definition is rejected for Fargate. To ship logs
    /// elsewhere, run a FireLens sidecar and use `awsfirelens`.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"],
    ///  "containerDefinitions": [{"name": "web", "image": "nginx",
    ///    "logConfiguration": {"logDriver": "json-file"}}], ...}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web",
    ///   "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"}}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: LogConfiguration](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html)
    pub LogDriver {
        id: "FARGATE-010",
        name: "fargate-unsupported-log-driver",
        severity: Error,
        summary: "Log driver that Fargate does not support",
        tags: ["fargate", "logging", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
    }
}

impl Check for LogDriver {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(fargate) = model.fargate(td) else {
                continue;
            };
            for (index, container) in td.containers.iter().enumerate() {
                let Some(log) = &container.log_configuration else {
                    continue;
                };
                let Some(driver) = known(&log.log_driver) else {
                    continue;
                };
                if LOG_DRIVERS.contains(&driver.value.as_str()) {
                    continue;
                }
                sink.report_value(
                    driver,
                    format!(
                        "Fargate does not support the `{}` log driver (container {})",
                        driver.value,
                        container.name_or_index(index)
                    ),
                )
                .label(fargate.span, &fargate.label)
                .help("Use `awslogs`, `splunk`, or `awsfirelens` with a FireLens sidecar.");
            }
        }
    }
}
