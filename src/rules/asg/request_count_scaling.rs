use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, PredefinedMetric, Resource, ScalingPolicy, Service, Val};
use crate::rules::Check;

/// The predefined metric that counts requests per target of an ALB target group.
const REQUEST_COUNT: &str = "ALBRequestCountPerTarget";

declare_rule! {
    /// ## What it does
    /// Finds target tracking on `ALBRequestCountPerTarget` that cannot work: without a
    /// `ResourceLabel`, with a label that is not an ALB target group's
    /// (`app/<load-balancer>/<id>/targetgroup/<target-group>/<id>`), for a service with no
    /// target group or one deployed blue/green by CodeDeploy — and a `ResourceLabel` on any
    /// other metric.
    ///
    /// ## Why is this bad?
    /// Application Auto Scaling needs the label to find the request count, accepts it only
    /// for this metric, and reads it only from an Application Load Balancer target group
    /// attached to the service. "The ALBRequestCountPerTarget metric for target tracking
    /// scaling policies is not supported for the blue/green deployment type." The policy is
    /// rejected, or it never scales.
    ///
    /// ## Example
    /// ```yaml
    /// PredefinedMetricSpecification:
    ///   PredefinedMetricType: ALBRequestCountPerTarget
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// PredefinedMetricSpecification:
    ///   PredefinedMetricType: ALBRequestCountPerTarget
    ///   ResourceLabel: !Join ['/', [!GetAtt LoadBalancer.LoadBalancerFullName, !GetAtt TargetGroup.TargetGroupFullName]]
    /// ```
    ///
    /// ## References
    /// - [Application Auto Scaling API: PredefinedMetricSpecification](https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html)
    /// - [Amazon ECS: Target tracking scaling policies](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html)
    pub RequestCountScaling {
        id: "ASG-003",
        name: "invalid-request-count-scaling",
        severity: Error,
        summary: "Request-count scaling without an ALB target group label, or on a service that cannot report it",
        tags: ["scaling", "load-balancing", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html",
    }
}

impl Check for RequestCountScaling {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for policy in model.scaling_policies() {
            let Some(metric) = &policy.predefined_metric else {
                continue;
            };
            let Some(Val::Known(metric_type)) = &metric.metric_type else {
                continue;
            };
            let label = model.property(
                "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.resourceLabel",
            );
            if metric_type.value != REQUEST_COUNT {
                if let Some(resource_label) = &metric.resource_label {
                    sink.report(
                        resource_label.span(),
                        format!(
                            "A resource label is accepted only with `{REQUEST_COUNT}`, not with `{}`",
                            metric_type.value
                        ),
                    )
                    .label(metric_type.span, "the metric")
                    .help(format!("Remove {label}."));
                }
                continue;
            }
            label_problem(metric, sink, &label);
            if let Some(service) = model
                .linked(model.scalable_targets(), policy.target.as_ref())
                .and_then(|target| model.service_scaled_by(target))
            {
                service_problem(model, policy, metric, service, sink);
            }
        }
    }
}

/// A missing label, or one known not to be an ALB target group's.
fn label_problem(metric: &PredefinedMetric, sink: &mut Sink, label: &str) {
    let Some(resource_label) = &metric.resource_label else {
        sink.report(
            metric.span,
            format!("`{REQUEST_COUNT}` needs a resource label naming the ALB target group to count requests of"),
        )
        .help(format!(
            "Set {label} to `app/<load-balancer>/<id>/targetgroup/<target-group>/<id>`: the load balancer's and the target group's full names joined by `/`."
        ));
        return;
    };
    let Val::Known(text) = resource_label else {
        return;
    };
    let segments: Vec<&str> = text.value.split('/').collect();
    let why = match segments.first() {
        Some(&"net") => {
            "it names a Network Load Balancer, and only Application Load Balancers count requests"
        }
        _ if text.value.contains("${") => return,
        _ if segments.len() != 6
            || segments[0] != "app"
            || segments[3] != "targetgroup"
            || segments.iter().any(|s| s.is_empty()) =>
        {
            "it is not of the form `app/<load-balancer>/<id>/targetgroup/<target-group>/<id>`"
        }
        _ => return,
    };
    sink.report(
        text.span,
        format!(
            "The resource label `{}` names no ALB target group: {why}",
            text.value
        ),
    );
}

/// A service that cannot report requests per target.
fn service_problem(
    model: &Model,
    policy: &ScalingPolicy,
    metric: &PredefinedMetric,
    service: &Service,
    sink: &mut Sink,
) {
    let at = metric.metric_type.as_ref().map_or(metric.span, Val::span);
    if let Some(Val::Known(controller)) = &service.deployment_controller
        && controller.value == "CODE_DEPLOY"
    {
        sink.report(
            at,
            format!(
                "{} is deployed blue/green by CodeDeploy, where `{REQUEST_COUNT}` scaling is not supported",
                service.subject()
            ),
        )
        .label(controller.span, "blue/green deployments")
        .help("Scale on `ECSServiceAverageCPUUtilization` or a custom metric.");
        return;
    }
    let has_target_group = service.load_balancers_unknown
        || service
            .load_balancers
            .iter()
            .any(|lb| lb.target_group_arn.is_some());
    if !has_target_group {
        sink.report(
            at,
            format!(
                "{} has no load balancer target group, so `{REQUEST_COUNT}` has no requests to count",
                service.subject()
            ),
        )
        .label(service.anchor(), "the service")
        .help(format!(
            "Attach the service to an ALB target group ({}), or scale policy{} on CPU or memory.",
            model.property("loadBalancers.targetGroupArn"),
            policy.logical_id().map_or(String::new(), |id| format!(" `{id}`"))
        ));
    }
}
