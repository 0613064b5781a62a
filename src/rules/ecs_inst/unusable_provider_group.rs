use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a capacity provider whose Auto Scaling group, declared in the same template or
    /// configuration, cannot serve it: a `MaxSize` of 0, or instance weighting
    /// (`WeightedCapacity` on an override of its mixed instances policy).
    ///
    /// ## Why is this bad?
    /// "An Auto Scaling group must have a MaxSize greater than zero to scale out", so tasks
    /// placed on the provider wait in `PROVISIONING` forever. And "the Auto Scaling group
    /// can't have instance weighting settings": managed scaling counts instances, not
    /// weights, and ECS refuses or mis-scales the group.
    ///
    /// ## Example
    /// ```yaml
    /// AutoScalingGroup:
    ///   Type: AWS::AutoScaling::AutoScalingGroup
    ///   Properties:
    ///     MinSize: 0
    ///     MaxSize: 0
    /// ```
    ///
    /// Use instead: a `MaxSize` above 0, and overrides without `WeightedCapacity`.
    ///
    /// ## References
    /// - [Amazon ECS: Auto Scaling group capacity providers](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html)
    pub UnusableProviderGroup {
        id: "ECS-INST-008",
        name: "unusable-capacity-provider-asg",
        severity: Error,
        summary: "Capacity provider whose Auto Scaling group cannot scale out or weights its instances",
        tags: ["capacity-providers", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html",
    }
}

impl Check for UnusableProviderGroup {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for provider in model.capacity_providers() {
            let Some(group) = model.linked(
                model.auto_scaling_groups(),
                provider.auto_scaling_group.as_ref(),
            ) else {
                continue;
            };
            let name = provider
                .logical_id()
                .map_or(String::new(), |id| format!(" `{id}`"));
            if let Some(Val::Known(max)) = &group.max_size
                && max.value == 0
            {
                sink.report(
                    max.span,
                    format!("Capacity provider{name} uses an Auto Scaling group with a maximum size of 0, which can never scale out to place its tasks"),
                )
                .label(provider.anchor(), "the capacity provider")
                .help(format!(
                    "Set {} above 0: managed scaling adds instances up to it.",
                    model.property("maxSize")
                ));
            }
            if let Some(weighted) = group.weighted_capacity {
                sink.report(
                    weighted,
                    format!("Capacity provider{name} uses an Auto Scaling group with instance weighting, which capacity providers do not support"),
                )
                .label(provider.anchor(), "the capacity provider")
                .help("Remove the weighted capacities from the mixed instances policy's overrides: managed scaling counts instances, not weights.");
            }
        }
    }
}
