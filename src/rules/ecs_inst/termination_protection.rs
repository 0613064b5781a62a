use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a capacity provider with managed termination protection `ENABLED` and managed
    /// scaling `DISABLED`.
    ///
    /// ## Why is this bad?
    /// "When using managed termination protection, managed scaling must also be used
    /// otherwise managed termination protection doesn't work." The setting reads as if
    /// instances running tasks were kept from scale-in, but nothing protects them: a
    /// scale-in terminates instances with running tasks.
    ///
    /// ## Example
    /// ```yaml
    /// AutoScalingGroupProvider:
    ///   AutoScalingGroupArn: !Ref AutoScalingGroup
    ///   ManagedTerminationProtection: ENABLED
    ///   ManagedScaling:
    ///     Status: DISABLED
    /// ```
    ///
    /// Use instead: `ManagedScaling: {Status: ENABLED}`, or no managed termination
    /// protection.
    ///
    /// ## References
    /// - [Amazon ECS API: AutoScalingGroupProvider `managedTerminationProtection`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AutoScalingGroupProvider.html)
    pub TerminationProtection {
        id: "ECS-INST-007",
        name: "managed-termination-protection-without-managed-scaling",
        severity: Warning,
        summary: "Managed termination protection with managed scaling turned off, where it does nothing",
        tags: ["capacity-providers", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AutoScalingGroupProvider.html",
    }
}

impl Check for TerminationProtection {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for provider in model.capacity_providers() {
            let (Some(Val::Known(protection)), Some(Val::Known(scaling))) = (
                &provider.managed_termination_protection,
                &provider.managed_scaling,
            ) else {
                continue;
            };
            if protection.value != "ENABLED" || scaling.value != "DISABLED" {
                continue;
            }
            sink.report(
                protection.span,
                format!(
                    "Capacity provider{} turns on managed termination protection with managed scaling off, so no instance is protected from scale-in",
                    provider.id.as_ref().map_or(String::new(), |id| format!(" `{}`", id.value))
                ),
            )
            .label(scaling.span, "managed scaling off")
            .help(format!(
                "Set {} to `ENABLED`, or turn managed termination protection off.",
                model.property("autoScalingGroupProvider.managedScaling.status")
            ));
        }
    }
}
