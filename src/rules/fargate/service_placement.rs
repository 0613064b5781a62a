use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a Fargate service (by `launchType`, capacity provider, or its cluster's default
    /// strategy) with `placementConstraints` or a placement strategy (`placementStrategy`,
    /// CloudFormation's `PlacementStrategies`).
    ///
    /// ## Why is this bad?
    /// Placement chooses among container instances, and Fargate has none: "Task placement
    /// strategies and constraints aren't supported for tasks using the Fargate launch type"
    /// (ECS Developer Guide, task placement). The request is rejected.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "launchType": "FARGATE",
    ///  "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}]}
    /// ```
    ///
    /// Use instead: drop the placement settings; Fargate spreads a service's tasks across
    /// the subnets (Availability Zones) of its `awsvpcConfiguration`.
    ///
    /// ## References
    /// - [Amazon ECS: task placement](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html)
    pub ServicePlacement {
        id: "FARGATE-017",
        name: "fargate-service-placement",
        severity: Error,
        summary: "Placement constraints or strategies on a Fargate service",
        tags: ["fargate", "placement", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html",
    }
}

impl Check for ServicePlacement {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(fargate) = model.service_fargate_by(service) else {
                continue;
            };
            let placements = [
                ("placement constraints", service.placement_constraints),
                ("a placement strategy", service.placement_strategy),
            ];
            for (what, span) in placements {
                let Some(span) = span else { continue };
                sink.report(
                    span,
                    format!(
                        "{} sets {what}, which Fargate does not support ({})",
                        service.subject(),
                        fargate.describe()
                    ),
                )
                .primary("not supported on Fargate")
                .label(fargate.span(), "this puts the service on Fargate")
                .help("Remove it: Fargate spreads tasks across the subnets of the service's network configuration.");
            }
        }
    }
}
