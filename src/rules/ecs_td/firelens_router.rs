use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{ContainerDefinition, Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that FireLens comes in pairs: a container that sends its logs to FireLens (log
    /// driver `awsfirelens`) needs a log-router container (`firelensConfiguration`) in the
    /// same task, a log router needs at least one container that uses it, and FireLens
    /// runs on Linux only.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: "When awsfirelens log driver is specified in log
    /// configuration, a firelens configuration object must be configured in one of the
    /// containers", and "When a firelensConfiguration object is specified, at least one
    /// container has to be configured with the awsfirelens log driver". A common way to get
    /// there is to copy the application container from a FireLens example without its
    /// router.
    ///
    /// ## Example
    /// ```json
    /// "containerDefinitions": [
    ///   {"name": "app", "image": "app",
    ///    "logConfiguration": {"logDriver": "awsfirelens",
    ///                         "options": {"Name": "cloudwatch_logs"}}}]
    /// ```
    ///
    /// Use instead: add the router, `{"name": "log_router", "image":
    /// "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "essential": true,
    /// "firelensConfiguration": {"type": "fluentbit"}}`.
    ///
    /// ## References
    /// - [Amazon ECS: send logs to an AWS service or AWS Partner (FireLens)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html)
    pub FirelensRouter {
        id: "ECS-TD-028",
        name: "firelens-log-router-mismatch",
        severity: Error,
        summary: "awsfirelens log driver without a log router, or a log router nothing uses",
        tags: ["logging", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html",
    }
}

fn uses_firelens(container: &ContainerDefinition) -> bool {
    container
        .log_configuration
        .as_ref()
        .and_then(|l| known(&l.log_driver))
        .is_some_and(|d| d.value == "awsfirelens")
}

impl Check for FirelensRouter {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if td.containers_unknown {
                continue;
            }
            let router = td
                .containers
                .iter()
                .enumerate()
                .find_map(|(i, c)| c.firelens.as_ref().map(|f| (i, c, f)));
            // A log driver not known here (a parameter) may be awsfirelens.
            let drivers_known = td.containers.iter().all(|c| {
                c.log_configuration
                    .as_ref()
                    .is_none_or(|l| l.log_driver.as_ref().is_none_or(|d| d.known().is_some()))
            });
            match router {
                None => {
                    for (index, container) in td.containers.iter().enumerate() {
                        let Some(driver) = container
                            .log_configuration
                            .as_ref()
                            .and_then(|l| known(&l.log_driver))
                            .filter(|_| uses_firelens(container))
                        else {
                            continue;
                        };
                        sink.report_value(
                            driver,
                            format!(
                                "Container {} sends its logs to FireLens, but no container of the task is a FireLens log router",
                                container.name_or_index(index)
                            ),
                        )
                        .primary("awsfirelens log driver")
                        .help(format!(
                            "Add a log router container with {} (for example the `public.ecr.aws/aws-observability/aws-for-fluent-bit` image), or use another log driver.",
                            model.container_property("firelensConfiguration")
                        ));
                    }
                }
                Some((index, container, firelens)) => {
                    if drivers_known && !td.containers.iter().any(uses_firelens) {
                        sink.report(
                            firelens.span,
                            format!(
                                "Container {} is a FireLens log router, but no container sends its logs to it",
                                container.name_or_index(index)
                            ),
                        )
                        .primary("log router")
                        .help(format!(
                            "Set {} to `awsfirelens` on the containers whose logs it routes, or remove {}.",
                            model.container_property("logConfiguration.logDriver"),
                            model.container_property("firelensConfiguration")
                        ));
                    }
                    if let Some(os) = known(&td.operating_system_family).filter(|_| td.is_windows())
                    {
                        sink.report(
                            firelens.span,
                            format!(
                                "Container {} is a FireLens log router, but FireLens runs on Linux only",
                                container.name_or_index(index)
                            ),
                        )
                        .primary("log router")
                        .label(os.span, "Windows containers")
                        .help("Send Windows container logs with the `awslogs` driver, or run Fluent Bit as a service on the instance.");
                    }
                }
            }
        }
    }
}
