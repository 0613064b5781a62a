use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service deployed by rolling updates (the `ECS` deployment controller, REPLICA
    /// scheduling) with neither the deployment circuit breaker nor CloudWatch alarms to stop
    /// a failing deployment.
    ///
    /// ## Why is this bad?
    /// Without a rollback trigger, a deployment whose tasks never become healthy goes on
    /// replacing them for hours: CloudFormation waits (up to its three-hour timeout) and
    /// Terraform waits for steady state, while the service runs on whatever old tasks are
    /// left. The circuit breaker stops the deployment after repeated failures and, with
    /// `rollback`, returns to the last working task definition.
    ///
    /// ## Example
    /// ```yaml
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     DesiredCount: 2
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     DeploymentConfiguration:
    ///       DeploymentCircuitBreaker:
    ///         Enable: true
    ///         Rollback: true
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: How the deployment circuit breaker detects failures](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html)
    pub CircuitBreakerDisabled {
        id: "ECS-SVC-012",
        name: "circuit-breaker-disabled",
        severity: Note,
        summary: "Rolling deployments with neither the circuit breaker nor alarms to stop a failing one",
        tags: ["deployment", "reliability"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html",
        enabled_by_default: false,
    }
}

impl Check for CircuitBreakerDisabled {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services().iter().filter(|s| s.is_rolling_replica()) {
            let deployment = service.deployment_configuration.as_ref();
            let trigger = |field: Option<&Option<Val<bool>>>| match field.and_then(Option::as_ref) {
                None => Some(None),
                Some(Val::Known(on)) if !on.value => Some(Some(on.span)),
                // On, or not known.
                Some(_) => None,
            };
            let (Some(breaker), Some(_)) = (
                trigger(deployment.map(|d| &d.circuit_breaker)),
                trigger(deployment.map(|d| &d.alarms)),
            ) else {
                continue;
            };
            let at = breaker
                .or(deployment.map(|d| d.span))
                .unwrap_or_else(|| service.anchor());
            sink.report(
                at,
                format!(
                    "{} has no deployment circuit breaker or alarms, so a deployment whose tasks never get healthy is not stopped or rolled back",
                    service.subject()
                ),
            )
            .help(format!(
                "Set {} with `enable` and `rollback` true.",
                model.property("deploymentConfiguration.deploymentCircuitBreaker")
            ));
        }
    }
}
