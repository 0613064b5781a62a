use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service with `schedulingStrategy: DAEMON` that runs on Fargate (by
    /// `launchType`, capacity provider, or its cluster's default strategy).
    ///
    /// ## Why is this bad?
    /// A daemon service places one task on each container instance; Fargate has no
    /// instances. "Tasks using the Fargate launch type ... don't support the DAEMON
    /// scheduling strategy", and `CreateService` fails.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "agent", "launchType": "FARGATE", "schedulingStrategy": "DAEMON", ...}
    /// ```
    ///
    /// Use instead: `REPLICA` scheduling on Fargate, or a sidecar container in each task
    /// for per-task agents.
    ///
    /// ## References
    /// - [Amazon ECS API: CreateService `schedulingStrategy`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    pub DaemonService {
        id: "FARGATE-016",
        name: "fargate-daemon-service",
        severity: Error,
        summary: "DAEMON scheduling on Fargate",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    }
}

impl Check for DaemonService {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(strategy) = service.daemon() else {
                continue;
            };
            let Some(fargate) = model.service_fargate_by(service) else {
                continue;
            };
            sink.report_value(
                strategy,
                format!(
                    "{} uses the DAEMON scheduling strategy, which Fargate does not support ({})",
                    service.subject(),
                    fargate.describe()
                ),
            )
            .primary("DAEMON scheduling")
            .label(fargate.span(), "this puts the service on Fargate")
            .help("Use REPLICA scheduling, or run the daemon on EC2 container instances.");
        }
    }
}
