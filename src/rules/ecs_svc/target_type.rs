use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Resource, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service whose target group (declared in the same template) has a target type
    /// that does not fit the service's tasks: awsvpc tasks (every Fargate task) need
    /// `TargetType: ip`, and `bridge`/`host` tasks need `instance`. `TargetType` defaults to
    /// `instance`, so an omitted one is wrong for awsvpc.
    ///
    /// ## Why is this bad?
    /// "When you create any target groups for these services, you must choose ip as the
    /// target type, not instance" — an awsvpc task has its own IP address and no port on the
    /// instance. ECS rejects the service ("The provided target group ... has target type
    /// instance, which is incompatible with the awsvpc network mode"). The other way round,
    /// bridge and host tasks are reached through the instance, which an `ip` target group
    /// cannot register.
    ///
    /// ## Example
    /// ```yaml
    /// TargetGroup:
    ///   Type: AWS::ElasticLoadBalancingV2::TargetGroup
    ///   Properties: {Port: 80, Protocol: HTTP, VpcId: !Ref Vpc}   # TargetType: instance
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     LaunchType: FARGATE
    ///     LoadBalancers: [{TargetGroupArn: !Ref TargetGroup, ContainerName: web, ContainerPort: 80}]
    /// ```
    ///
    /// Use instead: `TargetType: ip` on the target group.
    ///
    /// ## References
    /// - [Amazon ECS: load balancer types (awsvpc needs `ip` targets)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html)
    /// - [AWS::ElasticLoadBalancingV2::TargetGroup `TargetType`](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html)
    pub TargetType {
        id: "ECS-SVC-007",
        name: "target-type-mismatch",
        severity: Error,
        summary: "Target group's target type does not fit the service's network mode",
        tags: ["load-balancing", "networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html",
    }
}

impl Check for TargetType {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let td = model.task_definition_of(service);
            let fargate = model.service_fargate_by(service);
            // Where the network mode is said, and what it needs.
            let (needs, because, why) = match (td.and_then(|td| known(&td.network_mode)), &fargate)
            {
                (Some(mode), _) if mode.value == NetworkMode::Awsvpc => (
                    "ip",
                    mode.span,
                    "the task definition uses awsvpc".to_string(),
                ),
                (Some(mode), None)
                    if matches!(mode.value, NetworkMode::Bridge | NetworkMode::Host) =>
                {
                    (
                        "instance",
                        mode.span,
                        format!("the task definition uses {}", mode.value.as_str()),
                    )
                }
                (_, Some(by)) => (
                    "ip",
                    by.span(),
                    "this puts the service on Fargate (awsvpc)".to_string(),
                ),
                _ => continue,
            };
            for lb in &service.load_balancers {
                let Some(group) = model.target_group_of(lb) else {
                    continue;
                };
                let Some(target_type) = group.effective_target_type() else {
                    continue;
                };
                if target_type == needs || !matches!(target_type.as_str(), "ip" | "instance") {
                    continue;
                }
                let (span, primary) = match &group.target_type {
                    Some(declared) => (declared.span(), format!("target type {target_type}")),
                    None => (
                        group.anchor(),
                        format!("no {}: instance by default", model.property("targetType")),
                    ),
                };
                sink.report(
                    span,
                    format!(
                        "{} registers its tasks with a target group of target type `{target_type}`, but its tasks need `{needs}` targets",
                        service.subject()
                    ),
                )
                .primary(primary)
                .label(because, why.clone())
                .help(format!(
                    "Set the target group's {} to `{needs}`.",
                    model.property("targetType")
                ));
            }
        }
    }
}
