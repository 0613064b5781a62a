use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::{DEFAULT_MAXIMUM_PERCENT, DEFAULT_MINIMUM_HEALTHY_PERCENT};
use crate::model::{Model, Service, Val, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a rolling deployment of a REPLICA service can make progress: its
    /// `maximumPercent` must leave room to start a new task, or its `minimumHealthyPercent`
    /// room to stop an old one, for the service's `desiredCount`.
    ///
    /// ## Why is this bad?
    /// ECS rounds `maximumPercent` of the desired count down and `minimumHealthyPercent` up.
    /// With one desired task, `maximumPercent: 150` still allows only one task and
    /// `minimumHealthyPercent: 100` requires that one to stay: the deployment can neither
    /// start a replacement nor stop the old task, and it stalls until it times out or the
    /// circuit breaker rolls it back. `100`/`100` stalls for every desired count.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "desiredCount": 1,
    ///  "deploymentConfiguration": {"maximumPercent": 150, "minimumHealthyPercent": 100}}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: DeploymentConfiguration](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html)
    pub DeploymentDeadlock {
        id: "ECS-SVC-010",
        name: "deployment-cannot-progress",
        severity: Error,
        summary: "Rolling deployment whose percentages leave no room to start or stop a task",
        tags: ["deployment", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html",
    }
}

/// A deployment percentage: its value, and where it is set (`None` for the default).
pub(super) type Percent = (u32, Option<Span>);

impl Check for DeploymentDeadlock {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            if !service.is_rolling_replica() {
                continue;
            }
            let Some(config) = &service.deployment_configuration else {
                continue;
            };
            let (Some(max), Some(min)) = (
                percent(config.maximum_percent.as_ref(), DEFAULT_MAXIMUM_PERCENT),
                percent(
                    config.minimum_healthy_percent.as_ref(),
                    DEFAULT_MINIMUM_HEALTHY_PERCENT,
                ),
            ) else {
                continue;
            };
            let desired = known(&service.desired_count);
            let stalls = match desired {
                Some(d) if d.value == 0 => false,
                Some(d) => !can_start(d.value, max.0) && !can_stop(d.value, min.0),
                // Unknown count: report only what stalls for every count.
                None => max.0 <= 100 && min.0 >= 100,
            };
            if !stalls {
                continue;
            }
            report(sink, service, max, min, desired.map(|d| (d.value, d.span)));
        }
    }
}

pub(super) fn percent(field: Option<&Val<u32>>, default: u32) -> Option<Percent> {
    match field {
        None => Some((default, None)),
        Some(Val::Known(p)) => Some((p.value, Some(p.span))),
        Some(_) => None,
    }
}

/// Room to start one more task: ECS allows floor(desired × max / 100) tasks.
fn can_start(desired: u32, max: u32) -> bool {
    u64::from(desired) * u64::from(max) / 100 > u64::from(desired)
}

/// Room to stop one task: ECS keeps ceil(desired × min / 100) tasks healthy.
pub(super) fn can_stop(desired: u32, min: u32) -> bool {
    (u64::from(desired) * u64::from(min)).div_ceil(100) < u64::from(desired)
}

fn report(
    sink: &mut Sink,
    service: &Service,
    max: Percent,
    min: Percent,
    desired: Option<(u32, Span)>,
) {
    let message = match desired {
        Some((d, _)) => format!(
            "{} cannot complete a rolling deployment: with {d} desired task{s}, maximumPercent {} allows at most {} task{s} and minimumHealthyPercent {} keeps {} running, so no task can be started or stopped",
            service.subject(),
            max.0,
            u64::from(d) * u64::from(max.0) / 100,
            min.0,
            (u64::from(d) * u64::from(min.0)).div_ceil(100),
            s = if d == 1 { "" } else { "s" },
        ),
        None => format!(
            "{} cannot complete a rolling deployment: maximumPercent {} and minimumHealthyPercent {} leave no room to start a new task or stop an old one",
            service.subject(),
            max.0,
            min.0
        ),
    };
    // Point at the explicit percentages; both are defaults only when the count is at fault.
    let diagnostic = match (max.1, min.1) {
        (Some(max_span), min_span) => {
            let d = sink.report(max_span, message);
            d.primary("maximum set here");
            if let Some(span) = min_span {
                d.label(span, "minimum set here");
            }
            d
        }
        (None, Some(min_span)) => sink.report(min_span, message).primary("minimum set here"),
        (None, None) => sink.report(service.span, message),
    };
    if let Some((_, span)) = desired {
        diagnostic.label(span, "desired count set here");
    }
    diagnostic.help(
        "Raise maximumPercent so a new task can start before an old one stops (200 doubles \
         capacity during the deployment), or lower minimumHealthyPercent so an old task can stop first.",
    );
}

#[cfg(test)]
mod tests {
    use super::{can_start, can_stop};

    #[test]
    fn rounding_edges() {
        assert!(!can_start(1, 150) && !can_stop(1, 100));
        assert!(can_start(1, 200));
        assert!(can_start(2, 150) && !can_stop(2, 100));
        assert!(!can_start(3, 133) && can_start(3, 134));
        assert!(can_stop(1, 0) && can_stop(4, 75) && !can_stop(4, 76));
        assert!(!can_start(10, 100) && !can_stop(10, 100));
    }
}
