use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Model, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a scalable target whose `MinCapacity` is above its `MaxCapacity`, and (a
    /// warning) one whose minimum equals its maximum while scaling policies are attached.
    ///
    /// ## Why is this bad?
    /// `RegisterScalableTarget` rejects a minimum above the maximum, so the stack fails.
    /// With both equal the target registers, but no policy can ever change the count: the
    /// policies are dead configuration, and the service does not scale when it should.
    ///
    /// ## Example
    /// ```yaml
    /// ScalableTarget:
    ///   Type: AWS::ApplicationAutoScaling::ScalableTarget
    ///   Properties:
    ///     MinCapacity: 4
    ///     MaxCapacity: 2
    /// ```
    ///
    /// Use instead: `MinCapacity` ≤ `MaxCapacity`, and a range wider than one value when
    /// policies scale the target.
    ///
    /// ## References
    /// - [Application Auto Scaling API: RegisterScalableTarget](https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html)
    pub ScalableTargetRange {
        id: "ASG-001",
        name: "invalid-scalable-target-range",
        severity: Error,
        summary: "Scalable target whose minimum capacity is above its maximum, or equal to it under scaling policies",
        tags: ["scaling", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html",
    }
}

impl Check for ScalableTargetRange {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for target in model.scalable_targets() {
            let Some((min, max)) = target.range() else {
                continue;
            };
            let subject = target.subject();
            if min.value > max.value {
                sink.report(
                    min.span,
                    format!(
                        "{subject} has a minimum capacity of {} above its maximum of {}; Application Auto Scaling rejects it",
                        min.value, max.value
                    ),
                )
                .primary("minimum")
                .label(max.span, "maximum")
                .help(format!(
                    "Make {} at most {}.",
                    model.property("minCapacity"),
                    model.property("maxCapacity")
                ));
            } else if min.value == max.value
                && let Some(policy) = model.scaling_policies_of(target).next()
            {
                sink.report(
                    max.span,
                    format!(
                        "{subject} has a minimum and maximum capacity of {}, so its scaling policies can never change the count",
                        min.value
                    ),
                )
                .severity(Severity::Warning)
                .label(min.span, "the same minimum")
                .label(policy.anchor(), "a scaling policy of this target")
                .help("Raise the maximum above the minimum, or remove the scaling policies.");
            }
        }
    }
}
