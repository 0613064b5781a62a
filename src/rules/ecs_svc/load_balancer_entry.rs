use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::MAX_TARGET_GROUPS_PER_SERVICE;
use crate::model::{Model, Val, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks the shape of a service's `loadBalancers` entries: each names a Classic Load
    /// Balancer (`loadBalancerName`) or a target group (`targetGroupArn`), not both and not
    /// neither; at most five target groups; several only with the `ECS` deployment
    /// controller; a Classic Load Balancer alone; and no target group (declared in the same
    /// template) whose target type is `lambda` or `alb`, which cannot register tasks.
    ///
    /// ## Why is this bad?
    /// `CreateService` rejects the service. The `LoadBalancer` API reference says to give the
    /// target group ARN for an Application or Network Load Balancer and to omit it for a
    /// Classic Load Balancer. "Registering multiple target groups with an Amazon ECS service":
    /// at most five, and several "only supported" when "the service must use an Application
    /// Load Balancer or Network Load Balancer" and "the (ECS) deployment controller type".
    ///
    /// ## Example
    /// ```json
    /// "loadBalancers": [{"loadBalancerName": "web", "targetGroupArn": "arn:aws:elasticloadbalancing:...",
    ///                    "containerName": "web", "containerPort": 80}]
    /// ```
    ///
    /// Use instead: keep `targetGroupArn` (an Application Load Balancer) or `loadBalancerName`
    /// (a Classic Load Balancer), not both.
    ///
    /// ## References
    /// - [Amazon ECS API: LoadBalancer](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html)
    /// - [Amazon ECS: register multiple target groups with a service](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/register-multiple-targetgroups.html)
    pub LoadBalancerEntry {
        id: "ECS-SVC-006",
        name: "malformed-load-balancer-entry",
        severity: Error,
        summary: "Load balancer entry with both or neither of loadBalancerName and targetGroupArn, too many target groups, or a Classic Load Balancer among others",
        tags: ["load-balancing", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html",
    }
}

impl Check for LoadBalancerEntry {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let name = model.property("loadBalancerName");
        let arn = model.property("targetGroupArn");
        for service in model.services() {
            let subject = service.subject();
            for lb in &service.load_balancers {
                match (&lb.load_balancer_name, &lb.target_group_arn) {
                    (Some(classic), Some(group)) => {
                        sink.report(
                            group.span(),
                            format!("{subject} names a Classic Load Balancer and a target group in one load balancer entry"),
                        )
                        .primary("target group")
                        .label(classic.span(), "Classic Load Balancer")
                        .help(format!(
                            "Keep {arn} for an Application or Network Load Balancer, or {name} for a Classic Load Balancer."
                        ));
                    }
                    (None, None) => {
                        sink.report(
                            lb.span,
                            format!("{subject} has a load balancer entry that names no load balancer"),
                        )
                        .primary("no target group or load balancer")
                        .help(format!(
                            "Set {arn} (Application or Network Load Balancer) or {name} (Classic Load Balancer)."
                        ));
                    }
                    _ => {}
                }
                if let Some(group) = model.target_group_of(lb)
                    && let Some(declared) = known(&group.target_type).filter(|t| {
                        matches!(t.value.to_ascii_lowercase().as_str(), "lambda" | "alb")
                    })
                {
                    sink.report(
                        lb.target_group_arn.as_ref().map_or(lb.span, Val::span),
                        format!(
                            "{subject} registers its tasks with a target group of target type `{}`, which takes a Lambda function or a load balancer, not tasks",
                            declared.value
                        ),
                    )
                    .primary("target group for tasks")
                    .label(declared.span, "target type")
                    .help(format!(
                        "Use a target group of {} `ip` (awsvpc tasks) or `instance` (bridge and host tasks).",
                        model.property("targetType")
                    ));
                }
            }
            let groups: Vec<&Val<_>> = service
                .load_balancers
                .iter()
                .filter_map(|lb| lb.target_group_arn.as_ref())
                .collect();
            if let Some(extra) = groups.get(MAX_TARGET_GROUPS_PER_SERVICE) {
                sink.report(
                    extra.span(),
                    format!(
                        "{subject} registers with {} target groups; a service takes at most {MAX_TARGET_GROUPS_PER_SERVICE}",
                        groups.len()
                    ),
                )
                .primary("one too many")
                .help("Split the service, or route several paths through one target group with listener rules.");
            }
            if let (Some(second), Some(controller)) = (
                groups.get(1),
                known(&service.deployment_controller).filter(|c| c.value != "ECS"),
            ) {
                sink.report(
                    second.span(),
                    format!(
                        "{subject} registers with several target groups, which the {} deployment controller does not take",
                        controller.value
                    ),
                )
                .primary("second target group")
                .label(controller.span, "deployment controller")
                .help("Keep one target group in the service (CodeDeploy names the second in its deployment group), or use the ECS controller.");
            }
            if service.load_balancers.len() > 1
                && let Some(classic) = service.load_balancers.iter().find_map(|lb| {
                    lb.load_balancer_name
                        .as_ref()
                        .filter(|_| lb.target_group_arn.is_none())
                })
            {
                sink.report(
                    classic.span(),
                    format!("{subject} uses a Classic Load Balancer alongside other load balancers; several load balancers per service work only with target groups"),
                )
                .primary("Classic Load Balancer")
                .help("Move to an Application or Network Load Balancer, or keep the Classic Load Balancer alone.");
            }
        }
    }
}
