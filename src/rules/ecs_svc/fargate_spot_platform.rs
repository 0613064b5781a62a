use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a service does not place tasks on Fargate Spot (`FARGATE_SPOT` with a
    /// weight or base, in its strategy or its cluster's default) when its task definition
    /// runs on ARM64 or Windows.
    ///
    /// ## Why is this bad?
    /// "Linux tasks with the ARM64 architecture don't support the Fargate Spot capacity
    /// provider", and Windows containers on Fargate do not either (Amazon ECS Developer
    /// Guide, "Fargate capacity providers"). The share of tasks meant for Spot never starts.
    ///
    /// ## Example
    /// ```json
    /// "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 3}]
    /// ```
    /// for a task definition with `"runtimePlatform": {"cpuArchitecture": "ARM64"}`.
    ///
    /// Use instead: `FARGATE` for ARM64 and Windows tasks.
    ///
    /// ## References
    /// - [Amazon ECS: Fargate capacity providers](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html)
    pub SpotPlatform {
        id: "ECS-SVC-024",
        name: "fargate-spot-unsupported-platform",
        severity: Error,
        summary: "Fargate Spot for an ARM64 or Windows task",
        tags: ["fargate", "capacity", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html",
    }
}

impl Check for SpotPlatform {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let platform = known(&td.cpu_architecture)
                .filter(|a| a.value.eq_ignore_ascii_case("ARM64"))
                .map(|a| (a.span, "ARM64"))
                .or_else(|| {
                    known(&td.operating_system_family)
                        .filter(|_| td.is_windows())
                        .map(|os| (os.span, "Windows"))
                });
            let Some((platform_span, platform)) = platform else {
                continue;
            };
            let Some(spot) = model
                .strategy_of(service)
                .iter()
                .find(|i| i.fargate_name() == Some("FARGATE_SPOT") && i.places_tasks())
            else {
                continue;
            };
            sink.report(
                spot.capacity_provider
                    .as_ref()
                    .map_or(spot.span, |p| p.span()),
                format!(
                    "{} places tasks on Fargate Spot, which does not run {platform} tasks",
                    service.subject()
                ),
            )
            .primary("Fargate Spot")
            .label(platform_span, format!("{platform} task"))
            .help("Use the FARGATE capacity provider for these tasks.");
        }
    }
}
