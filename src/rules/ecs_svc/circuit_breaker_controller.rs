use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a service enables the deployment circuit breaker or CloudWatch alarm
    /// rollback only with the rolling-update (`ECS`) deployment controller.
    ///
    /// ## Why is this bad?
    /// Both roll a failed rolling deployment back, and ECS rejects them with the
    /// `CODE_DEPLOY` (blue/green through CodeDeploy) and `EXTERNAL` controllers, which deploy
    /// on their own ("The deployment circuit breaker is only supported for Amazon ECS
    /// services that use the rolling update (ECS) deployment controller"): `CreateService`
    /// fails. CodeDeploy has its own automatic rollback and alarms.
    ///
    /// ## Example
    /// ```json
    /// {"deploymentController": {"type": "CODE_DEPLOY"},
    ///  "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}}}
    /// ```
    ///
    /// Use instead: drop the circuit breaker and configure rollback in the CodeDeploy
    /// deployment group.
    ///
    /// ## References
    /// - [Amazon ECS: deployment circuit breaker](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html)
    /// - [Amazon ECS: CloudWatch alarms for deployments](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html)
    pub CircuitBreakerController {
        id: "ECS-SVC-013",
        name: "circuit-breaker-non-rolling-controller",
        severity: Error,
        summary: "Deployment circuit breaker or alarm rollback with the CODE_DEPLOY or EXTERNAL controller",
        tags: ["deployment", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html",
    }
}

impl Check for CircuitBreakerController {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(controller) = known(&service.deployment_controller)
                .filter(|c| c.value == "CODE_DEPLOY" || c.value == "EXTERNAL")
            else {
                continue;
            };
            let Some(deployment) = &service.deployment_configuration else {
                continue;
            };
            for (field, what, path) in [
                (
                    &deployment.circuit_breaker,
                    "the deployment circuit breaker",
                    "deploymentConfiguration.deploymentCircuitBreaker",
                ),
                (
                    &deployment.alarms,
                    "alarm-based rollback",
                    "deploymentConfiguration.alarms",
                ),
            ] {
                let Some(enabled) = known(field).filter(|e| e.value) else {
                    continue;
                };
                sink.report_value(
                    enabled,
                    format!(
                        "{} enables {what}, which the {} deployment controller does not take",
                        service.subject(),
                        controller.value
                    ),
                )
                .primary("enabled here")
                .label(controller.span, "deployment controller")
                .help(format!(
                    "Remove {}, or use the ECS (rolling update) controller; {} deployments roll back on their own terms.",
                    model.property(path),
                    controller.value
                ));
            }
        }
    }
}
