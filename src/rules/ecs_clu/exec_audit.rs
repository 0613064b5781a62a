use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds services with ECS Exec enabled whose sessions nobody can review: their cluster
    /// (declared in the same file) sets `ExecuteCommandConfiguration.Logging` to `NONE`, or
    /// leaves it `DEFAULT` — which writes the sessions to the task's `awslogs` log group — while
    /// no container of the task logs with `awslogs`.
    ///
    /// ## Why is this bad?
    /// ECS Exec opens a shell in a running container. Without session logs there is no record
    /// of the commands run in production, which most audits ask for. `OVERRIDE` with a log
    /// group or bucket of its own (encrypted with a KMS key) keeps them apart from the
    /// application's logs.
    ///
    /// ## Example
    /// ```yaml
    /// Configuration:
    ///   ExecuteCommandConfiguration:
    ///     Logging: NONE
    /// ```
    ///
    /// Use instead: `Logging: OVERRIDE` with `LogConfiguration` naming a CloudWatch Logs group
    /// or an S3 bucket.
    ///
    /// ## References
    /// - [Amazon ECS: logging and auditing with ECS Exec](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging)
    pub ExecAudit {
        id: "ECS-CLU-002",
        name: "ecs-exec-not-audited",
        severity: Note,
        summary: "ECS Exec enabled on a service whose cluster does not log the sessions",
        tags: ["security"],
        security_severity: Some("3.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging",
    }
}

impl Check for ExecAudit {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(exec) = service.execute_command() else {
                continue;
            };
            let Some(cluster) = model.cluster_of(service) else {
                continue;
            };
            let logging = match &cluster.exec_logging {
                None => None,
                Some(Val::Known(l)) => Some(l),
                Some(_) => continue,
            };
            let mode = logging.map_or("DEFAULT", |l| l.value.as_str());
            let why = if mode.eq_ignore_ascii_case("NONE") {
                "its cluster sets ECS Exec logging to `NONE`"
            } else if mode.eq_ignore_ascii_case("DEFAULT") {
                // DEFAULT writes to the task's awslogs group: is there one?
                let Some(td) = model.task_definition_of(service) else {
                    continue;
                };
                // A driver only known at deploy time may be awslogs.
                let awslogs = td.containers.iter().any(|c| {
                    c.log_configuration
                        .as_ref()
                        .is_some_and(|l| match &l.log_driver {
                            Some(Val::Known(d)) => d.value == "awslogs",
                            None => false,
                            Some(_) => true,
                        })
                });
                if awslogs || td.containers_unknown {
                    continue;
                }
                "its cluster's ECS Exec logging is `DEFAULT`, which writes to the task's `awslogs` group, and no container of the task uses `awslogs`"
            } else {
                continue;
            };
            let diagnostic = sink.report(
                exec.span,
                format!(
                    "{} allows ECS Exec, but no one can review the sessions: {why}",
                    service.subject()
                ),
            );
            diagnostic.primary("ECS Exec enabled");
            match logging {
                Some(l) => diagnostic.label(l.span, "session logging"),
                None => diagnostic.label(
                    cluster.id.as_ref().map_or(cluster.span, |id| id.span),
                    "no ECS Exec logging configured",
                ),
            };
            diagnostic.help(format!(
                "Set {} to `OVERRIDE` with a log group or bucket for the sessions.",
                model.property("configuration.executeCommandConfiguration.logging")
            ));
        }
    }
}
