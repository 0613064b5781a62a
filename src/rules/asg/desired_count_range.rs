use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service whose `DesiredCount` lies outside the `MinCapacity`–`MaxCapacity`
    /// range of the scalable target that scales it, both declared in the same template or
    /// configuration.
    ///
    /// ## Why is this bad?
    /// Application Auto Scaling moves the desired count into the range at its next scaling
    /// activity: the service starts with one count and soon runs another, which nobody
    /// chose. Each deployment of the template sets the count back, and the service swings
    /// again.
    ///
    /// ## Example
    /// ```yaml
    /// Service:
    ///   Properties:
    ///     DesiredCount: 1
    /// ScalableTarget:
    ///   Properties:
    ///     MinCapacity: 2
    ///     MaxCapacity: 10
    /// ```
    ///
    /// Use instead: a desired count inside the range (`DesiredCount: 2`).
    ///
    /// ## References
    /// - [Amazon ECS: Automatically scale your Amazon ECS service](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html)
    pub DesiredCountRange {
        id: "ASG-005",
        name: "desired-count-outside-scaling-range",
        severity: Warning,
        summary: "Service desired count outside its scalable target's capacity range",
        tags: ["scaling", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html",
    }
}

impl Check for DesiredCountRange {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for target in model.scalable_targets().iter().filter(|t| t.is_ecs()) {
            let Some((min, max)) = target.range() else {
                continue;
            };
            let Some(service) = model.service_scaled_by(target) else {
                continue;
            };
            let Some(desired) = service.desired_count.as_ref().and_then(|d| d.known()) else {
                continue;
            };
            if min.value > max.value || (min.value..=max.value).contains(&desired.value) {
                continue;
            }
            let (bound, side) = if desired.value < min.value {
                (min, "up")
            } else {
                (max, "down")
            };
            sink.report(
                desired.span,
                format!(
                    "{} asks for {} task{}, outside the {}–{} range of its scalable target{}; Application Auto Scaling moves it {side} to {} at its next activity",
                    service.subject(),
                    desired.value,
                    if desired.value == 1 { "" } else { "s" },
                    min.value,
                    max.value,
                    target.logical_id().map_or(String::new(), |id| format!(" `{id}`")),
                    bound.value
                ),
            )
            .label(bound.span, "the range's bound")
            .help(format!(
                "Set {} between {} and {}.",
                model.property("desiredCount"),
                min.value,
                max.value
            ));
        }
    }
}
