use rustc_hash::{FxHashMap, FxHashSet};

use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Listener, Model, Resource, Target};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that the target group a service registers its tasks with is attached to a load
    /// balancer before the service is created: a listener or listener rule of the same
    /// template forwards to it (error when none does), and the service depends on one of
    /// them, through `DependsOn` / `depends_on` or a reference (warning when it does not).
    ///
    /// The Terraform AWS provider retries `CreateService` for about two minutes while the
    /// target group is unattached, so in Terraform a target group attached outside the
    /// configuration (a module's caller adds the listener rule) is fine, and only a
    /// listener that waits for a load balancer created in the same apply — which takes
    /// longer than the retries — needs `depends_on`.
    ///
    /// ## Why is this bad?
    /// `CreateService` fails with "The target group with targetGroupArn … does not have an
    /// associated load balancer" until a listener forwards to the target group. A service
    /// refers only to the target group, so CloudFormation and Terraform create the service
    /// and the listener at the same time unless told otherwise; the stack fails and rolls
    /// back on the days the service wins the race. It is one of the most reported ECS
    /// deployment errors (aws/aws-cdk#1160, aws/aws-cdk#34290,
    /// cloudposse/terraform-aws-ecs-alb-service-task#46).
    ///
    /// ## Example
    /// ```yaml
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     LoadBalancers:
    ///       - TargetGroupArn: !Ref TargetGroup
    ///         ContainerName: web
    ///         ContainerPort: 8080
    /// ```
    /// with a listener forwarding to `TargetGroup` and no `DependsOn`.
    ///
    /// Use instead: `DependsOn: Listener` on the service (Terraform: `depends_on =
    /// [aws_lb_listener.http]`).
    ///
    /// ## References
    /// - [AWS CloudFormation: AWS::ECS::Service](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html)
    ///   (its load-balanced example: "The Amazon ECS service requires an explicit dependency
    ///   on the Application Load Balancer listener rule and the Application Load Balancer
    ///   listener")
    /// - [AWS CloudFormation: DependsOn attribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html)
    pub TargetGroupWithoutListener {
        id: "ECS-SVC-022",
        name: "target-group-without-listener",
        severity: Error,
        summary: "Service target group that no listener forwards to, or that the service may reach before its listener exists",
        tags: ["load-balancing", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html",
    }
}

impl Check for TargetGroupWithoutListener {
    fn check(&self, model: &Model, sink: &mut Sink) {
        if model.services().iter().all(|s| s.load_balancers.is_empty()) {
            return;
        }
        // A listener whose actions are not known may forward to any target group.
        let any_may_forward = model.listeners().iter().any(|l| l.actions_unknown);
        let load_balancers: FxHashSet<&str> = model
            .load_balancers()
            .iter()
            .filter_map(|lb| lb.logical_id())
            .collect();
        let mut forwarding: FxHashMap<&str, Vec<&Listener>> = FxHashMap::default();
        for listener in model.listeners() {
            for target in &listener.forwards_to {
                if let Some(Target::Resource(id)) = target.value() {
                    forwarding.entry(id).or_default().push(listener);
                }
            }
        }
        for service in model.services() {
            let subject = service.subject();
            for lb in &service.load_balancers {
                let (Some(group), Some(arn)) = (model.target_group_of(lb), &lb.target_group_arn)
                else {
                    continue;
                };
                let group_id = group.logical_id().unwrap_or_default();
                let Some(listeners) = forwarding.get(group_id) else {
                    if model.retries_unattached_target_group || any_may_forward {
                        continue;
                    }
                    sink.report(
                        arn.span(),
                        format!("{subject} registers its tasks with target group `{group_id}`, which no listener or listener rule forwards to"),
                    )
                    .primary("not attached to a load balancer")
                    .label(group.anchor(), "target group declared here")
                    .help(format!(
                        "ECS creates a service only once its target group is attached to a load balancer: add a listener or listener rule that forwards to `{group_id}`, and make the service depend on it with {}.",
                        model.property("dependsOn")
                    ));
                    continue;
                };
                let service_id = service.logical_id().unwrap_or_default();
                let ordered = model.dependencies.follows(service_id, |on| {
                    listeners.iter().any(|l| l.logical_id() == Some(on))
                });
                if ordered {
                    continue;
                }
                let listener = listeners[0];
                // Retries outlast a listener of an existing load balancer, not the minutes a
                // new load balancer takes to create.
                if model.retries_unattached_target_group
                    && !listeners.iter().any(|l| {
                        let id = l.logical_id().unwrap_or_default();
                        model
                            .dependencies
                            .follows(id, |on| load_balancers.contains(on))
                    })
                {
                    continue;
                }
                let what = if listener.is_rule {
                    "listener rule"
                } else {
                    "listener"
                };
                let listener_id = listener.logical_id().unwrap_or_default();
                sink.report(
                    arn.span(),
                    format!("{subject} may be created before {what} `{listener_id}` attaches target group `{group_id}` to its load balancer"),
                )
                .primary("nothing orders the service after the listener")
                .label(listener.anchor(), format!("this {what} forwards to `{group_id}`"))
                .severity(Severity::Warning)
                .help(format!(
                    "Add `{listener_id}` to the service's {}: without it, creation fails with \"does not have an associated load balancer\" whenever the service is created first.",
                    model.property("dependsOn")
                ));
            }
        }
    }
}
