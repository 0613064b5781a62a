use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service with `schedulingStrategy: DAEMON` and the `CODE_DEPLOY` or `EXTERNAL`
    /// deployment controller.
    ///
    /// ## Why is this bad?
    /// "Tasks using the Fargate launch type or the CODE_DEPLOY or EXTERNAL deployment
    /// controller types don't support the DAEMON scheduling strategy" (ECS API,
    /// CreateService): the request is rejected.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "agent", "schedulingStrategy": "DAEMON",
    ///  "deploymentController": {"type": "CODE_DEPLOY"}, ...}
    /// ```
    ///
    /// Use instead: the rolling `ECS` deployment controller for daemon services.
    ///
    /// ## References
    /// - [Amazon ECS API: CreateService `schedulingStrategy`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    pub DaemonDeploymentController {
        id: "ECS-SVC-017",
        name: "daemon-unsupported-deployment-controller",
        severity: Error,
        summary: "DAEMON scheduling with the CODE_DEPLOY or EXTERNAL deployment controller",
        tags: ["deployment", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    }
}

impl Check for DaemonDeploymentController {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(strategy) = service.daemon() else {
                continue;
            };
            let Some(controller) = known(&service.deployment_controller)
                .filter(|c| matches!(c.value.as_str(), "CODE_DEPLOY" | "EXTERNAL"))
            else {
                continue;
            };
            sink.report_value(
                controller,
                format!(
                    "{} uses the {} deployment controller, which does not support DAEMON scheduling",
                    service.subject(),
                    controller.value
                ),
            )
            .primary("deployment controller")
            .label(strategy.span, "DAEMON scheduling")
            .help("Use the `ECS` deployment controller (rolling updates) for a daemon service, or REPLICA scheduling.");
        }
    }
}
