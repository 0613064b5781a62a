use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service registered with a Classic Load Balancer (`loadBalancerName`) whose
    /// load-balanced container port gets a dynamic host port: `bridge` mode with `hostPort`
    /// omitted or 0. The task definition must be declared in the same template.
    ///
    /// ## Why is this bad?
    /// A Classic Load Balancer sends traffic to one fixed instance port per listener
    /// (`InstancePort`); it cannot follow the port Docker picks for each task. "Dynamic host
    /// port mapping is supported only with Application Load Balancers and Network Load
    /// Balancers", so instances fail the health check and the service gets no traffic.
    ///
    /// ## Example
    /// ```yaml
    /// ContainerDefinitions:
    ///   - Name: web
    ///     PortMappings: [{ContainerPort: 80}]      # dynamic host port
    /// ...
    /// LoadBalancers:
    ///   - LoadBalancerName: !Ref ClassicLoadBalancer
    ///     ContainerName: web
    ///     ContainerPort: 80
    /// ```
    ///
    /// Use instead: an Application Load Balancer target group (`TargetGroupArn`), which
    /// registers each task's port — or a fixed `HostPort` matching the listener's
    /// `InstancePort` (one task per instance).
    ///
    /// ## References
    /// - [Amazon ECS: Classic Load Balancer](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clb.html)
    /// - [Amazon ECS API: PortMapping `hostPort`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)
    pub ClassicDynamicPort {
        id: "ELB-001",
        name: "classic-load-balancer-dynamic-port",
        severity: Error,
        summary: "Classic Load Balancer in front of a dynamic host port",
        tags: ["load-balancing", "networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clb.html",
    }
}

impl Check for ClassicDynamicPort {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            for lb in &service.load_balancers {
                let Some(clb) = &lb.load_balancer_name else {
                    continue;
                };
                let Some((container, span)) = td.dynamic_load_balanced_port(lb) else {
                    continue;
                };
                sink.report(
                    span,
                    format!(
                        "{} sends traffic through a Classic Load Balancer to container {}, whose port gets a dynamic host port; Classic Load Balancers need a fixed instance port",
                        service.subject(),
                        container.name_or_index(0),
                    ),
                )
                .primary("dynamic host port")
                .label(clb.span(), "Classic Load Balancer")
                .help(format!(
                    "Use an ALB or NLB target group ({}), which registers each task's port, or set a fixed {} equal to the listener's instance port.",
                    model.property("targetGroupArn"),
                    model.container_property("hostPort")
                ));
            }
        }
    }
}
