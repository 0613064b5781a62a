use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service whose load-balanced container port gets a dynamic host port
    /// (`bridge` mode, `hostPort` omitted or 0) while its target group (declared in the same
    /// template) health-checks a fixed `HealthCheckPort`.
    ///
    /// ## Why is this bad?
    /// Each task listens on a different, random instance port; a fixed health-check port
    /// probes a port the task does not listen on, so targets never become healthy and ECS
    /// keeps replacing the tasks. With dynamic ports the health check must use
    /// `traffic-port`, the port each target was registered with.
    ///
    /// An omitted `HealthCheckPort` is `traffic-port` — the default — and is fine (cfn-lint's
    /// E3049 reports it anyway).
    ///
    /// ## Example
    /// ```yaml
    /// TargetGroup:
    ///   Type: AWS::ElasticLoadBalancingV2::TargetGroup
    ///   Properties: {Port: 80, Protocol: HTTP, VpcId: !Ref Vpc, HealthCheckPort: "80"}
    /// ```
    ///
    /// Use instead: omit `HealthCheckPort`, or set it to `traffic-port`.
    ///
    /// ## References
    /// - [AWS::ElasticLoadBalancingV2::TargetGroup `HealthCheckPort`](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html)
    /// - [Amazon ECS: dynamic port mapping with an Application Load Balancer](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html)
    pub DynamicPortHealthCheck {
        id: "ECS-SVC-008",
        name: "dynamic-port-fixed-health-check-port",
        severity: Error,
        summary: "Fixed health-check port for tasks with dynamic host ports",
        tags: ["load-balancing", "networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html",
    }
}

impl Check for DynamicPortHealthCheck {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            for lb in &service.load_balancers {
                let Some(group) = model.target_group_of(lb) else {
                    continue;
                };
                let Some(port) = known(&group.health_check_port)
                    .filter(|p| !p.value.eq_ignore_ascii_case("traffic-port"))
                else {
                    continue;
                };
                let Some((container, dynamic)) = td.dynamic_load_balanced_port(lb) else {
                    continue;
                };
                sink.report_value(
                    port,
                    format!(
                        "The target group health-checks port {}, but {}'s container {} gets a dynamic host port, so the check never reaches it",
                        port.value,
                        service.subject(),
                        container.name_or_index(0)
                    ),
                )
                .primary("fixed health-check port")
                .label(dynamic, "dynamic host port")
                .help(format!(
                    "Omit {} or set it to `traffic-port`, the port each task is registered with.",
                    model.property("healthCheckPort")
                ));
            }
        }
    }
}
