use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::facts::awslogs::{AWSLOGS_OPTIONS, DOCKER_ONLY_AWSLOGS_OPTIONS, Required};
use crate::model::{Model, Val, known};
use crate::rules::Check;
use crate::suggest::closest;
use crate::text::and_list;

declare_rule! {
    /// ## What it does
    /// Checks the options of the `awslogs` log driver: `awslogs-group` is required,
    /// `awslogs-region` and `awslogs-stream-prefix` are required on Fargate (elsewhere a
    /// missing region is a warning: Docker falls back to the container instance's region),
    /// and every option is one ECS documents: a near miss of a real one (`awslogs-groups`)
    /// gets a suggestion, an option only Docker documents (`awslogs-endpoint`, `tag`) is a
    /// warning.
    ///
    /// ## Why is this bad?
    /// The ECS API reference lists `awslogs-group` and `awslogs-region` as "Required: Yes"
    /// and `awslogs-stream-prefix` as required on Fargate. Without them the container
    /// cannot start its log driver. ECS rejects any option outside its list when the task
    /// definition is registered ("Log driver awslogs disallows options: log_key").
    ///
    /// ## Example
    /// ```json
    /// "logConfiguration": {"logDriver": "awslogs",
    ///                      "options": {"awslogs-groups": "/ecs/web"}}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "logConfiguration": {"logDriver": "awslogs",
    ///                      "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1",
    ///                                  "awslogs-stream-prefix": "web"}}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: LogConfiguration `options`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html)
    /// - [Amazon ECS: send logs to CloudWatch](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html)
    pub AwslogsOptions {
        id: "ECS-TD-017",
        name: "invalid-awslogs-options",
        severity: Error,
        summary: "awslogs log driver with a required option missing, or an option it does not take",
        tags: ["logging", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
    }
}

impl Check for AwslogsOptions {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let fargate = model.fargate(td);
            for (index, container) in td.containers.iter().enumerate() {
                let Some(config) = &container.log_configuration else {
                    continue;
                };
                let Some(driver) = known(&config.log_driver).filter(|d| d.value == "awslogs")
                else {
                    continue;
                };
                let options = match &config.options {
                    None => &[][..],
                    Some(Val::Known(options)) => &options.value[..],
                    Some(_) => continue,
                };
                for option in options {
                    report_unknown(model, sink, &option.name, option.name_span);
                }
                let unset = |name: &str| !options.iter().any(|o| o.name == name);
                let missing: Vec<String> = AWSLOGS_OPTIONS
                    .iter()
                    .filter(|(_, required)| match required {
                        Required::Always => true,
                        Required::OnFargate | Required::OnFargateElseFallback => fargate.is_some(),
                        Required::No => false,
                    })
                    .filter(|(name, _)| unset(name))
                    .map(|(name, _)| format!("`{name}`"))
                    .collect();
                let fallback: Vec<&str> = AWSLOGS_OPTIONS
                    .iter()
                    .filter(|(name, required)| {
                        *required == Required::OnFargateElseFallback
                            && fargate.is_none()
                            && unset(name)
                    })
                    .map(|(name, _)| *name)
                    .collect();
                if missing.is_empty() {
                    for name in fallback {
                        let diagnostic = sink.report_value(
                            driver,
                            format!(
                                "The awslogs log driver of container {} sets no `{name}`: Docker takes the container instance's region, which may not be where the log group is",
                                container.name_or_index(index)
                            ),
                        );
                        diagnostic.severity = Severity::Warning;
                        diagnostic.primary("awslogs driver");
                        diagnostic.help(format!(
                            "Set `{name}` in {} to the log group's region.",
                            model.container_property("logConfiguration.options")
                        ));
                    }
                    continue;
                }
                let diagnostic = sink.report_value(
                    driver,
                    format!(
                        "The awslogs log driver of container {} needs {}, which {} not set",
                        container.name_or_index(index),
                        and_list(&missing),
                        if missing.len() == 1 { "is" } else { "are" }
                    ),
                );
                diagnostic.primary("awslogs driver");
                if let Some(fargate) = &fargate
                    && missing.iter().any(|m| m == "`awslogs-stream-prefix`")
                {
                    diagnostic.label(
                        fargate.span,
                        format!(
                            "{} (the stream prefix is required on Fargate)",
                            fargate.label
                        ),
                    );
                }
                diagnostic.help(format!(
                    "Set the missing options in {}.",
                    model.container_property("logConfiguration.options")
                ));
            }
        }
    }
}

/// Reports an option ECS does not document: with a suggestion when it is a near miss of one,
/// as a warning when only Docker documents it.
fn report_unknown(model: &Model, sink: &mut Sink, name: &str, span: crate::source::span::Span) {
    if AWSLOGS_OPTIONS.iter().any(|(o, _)| *o == name) {
        return;
    }
    let documented = AWSLOGS_OPTIONS.iter().map(|(o, _)| *o);
    if DOCKER_ONLY_AWSLOGS_OPTIONS.contains(&name) {
        let diagnostic = sink.report(
            span,
            format!("ECS does not document the awslogs option `{name}`, which only Docker's driver takes"),
        );
        diagnostic.severity = Severity::Warning;
        diagnostic.primary("not an ECS awslogs option");
        diagnostic.help(format!(
            "ECS may reject the task definition; the options it documents are {}.",
            and_list(&documented.map(|o| format!("`{o}`")).collect::<Vec<_>>())
        ));
        return;
    }
    let meant = closest(
        name,
        documented
            .clone()
            .chain(DOCKER_ONLY_AWSLOGS_OPTIONS.iter().copied()),
    );
    let diagnostic = sink.report(span, format!("`{name}` is not an awslogs option"));
    diagnostic.primary("unknown option");
    match meant {
        Some(meant) => diagnostic.help(format!("Did you mean `{meant}`?")),
        None => diagnostic.help(format!(
            "ECS rejects the task definition (\"Log driver awslogs disallows options\"); {} takes {}.",
            model.container_property("logConfiguration.options"),
            and_list(&documented.map(|o| format!("`{o}`")).collect::<Vec<_>>())
        )),
    };
}
