use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service that sets both `launchType` and a `capacityProviderStrategy`.
    ///
    /// ## Why is this bad?
    /// "If a `capacityProviderStrategy` is specified, the `launchType` parameter must be
    /// omitted." `CreateService` rejects the request, so the deployment fails before any task
    /// starts.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "launchType": "FARGATE",
    ///  "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}
    /// ```
    ///
    /// Use instead: the capacity provider strategy alone (or the launch type alone):
    /// ```json
    /// {"serviceName": "web",
    ///  "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: CreateService `capacityProviderStrategy`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    pub LaunchTypeWithCapacityProvider {
        id: "ECS-SVC-003",
        name: "launch-type-with-capacity-provider",
        severity: Error,
        summary: "Service that sets both launchType and capacityProviderStrategy",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    }
}

impl Check for LaunchTypeWithCapacityProvider {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let (Some(launch_type), Some(first)) = (
                &service.launch_type,
                service.capacity_provider_strategy.first(),
            ) else {
                continue;
            };
            sink.report(
                launch_type.span(),
                format!(
                    "{} sets both {} and {}, which the ECS API rejects",
                    service.subject(),
                    model.property("launchType"),
                    model.property("capacityProviderStrategy")
                ),
            )
            .primary("launch type set here")
            .label(
                first
                    .capacity_provider
                    .as_ref()
                    .map_or(first.span, |p| p.span()),
                "capacity provider strategy set here",
            )
            .help(format!(
                "Keep one: remove {} to place tasks by the capacity provider strategy.",
                model.property("launchType")
            ));
        }
    }
}
