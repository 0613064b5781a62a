use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::model::task_definition::{HostBinding, LoadBalancedPort};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service registered with a Classic Load Balancer of the same configuration
    /// whose load-balanced container is bound to a fixed host port that none of the load
    /// balancer's listeners sends traffic to (`InstancePort`).
    ///
    /// ## Why is this bad?
    /// A Classic Load Balancer forwards each listener to one port on the registered
    /// instances. ECS registers the container instances, not the task's port: when the
    /// container listens on host port 8080 and every listener targets instance port 80,
    /// the health check fails on each instance and no request reaches the tasks.
    ///
    /// ## Example
    /// ```yaml
    /// LoadBalancer:
    ///   Type: AWS::ElasticLoadBalancing::LoadBalancer
    ///   Properties:
    ///     Listeners: [{LoadBalancerPort: 80, InstancePort: 80, Protocol: HTTP}]
    /// TaskDefinition:
    ///   Properties:
    ///     ContainerDefinitions:
    ///       - Name: web
    ///         PortMappings: [{ContainerPort: 80, HostPort: 8080}]
    /// ```
    ///
    /// Use instead: the same port on both sides (`InstancePort: 8080`), or an Application
    /// Load Balancer target group, which registers each task's own port.
    ///
    /// ## References
    /// - [Amazon ECS: Classic Load Balancer](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clb.html)
    /// - [Elastic Load Balancing: Listeners for your Classic Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html)
    pub ClassicInstancePort {
        id: "ELB-002",
        name: "classic-load-balancer-instance-port-mismatch",
        severity: Error,
        summary: "Classic Load Balancer listeners send traffic to a port the container does not use",
        tags: ["load-balancing", "networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clb.html",
    }
}

impl Check for ClassicInstancePort {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let mode = td.effective_network_mode();
            for lb in &service.load_balancers {
                let Some(ports) = model
                    .classic_load_balancer_of(lb)
                    .and_then(|clb| clb.instance_ports.as_ref())
                else {
                    continue;
                };
                let LoadBalancedPort::Found(container, mapping) = td.load_balanced_port(lb) else {
                    continue;
                };
                let HostBinding::Static(host_port) = mapping.binding(mode.as_ref()) else {
                    continue;
                };
                if ports.iter().any(|p| p.value == host_port.value) {
                    continue;
                }
                let listened: Vec<String> = ports.iter().map(|p| p.value.to_string()).collect();
                let diagnostic = sink.report(
                    host_port.span,
                    format!(
                        "{} sends Classic Load Balancer traffic to container {} on host port {}, but the load balancer's listeners send to instance port {}",
                        service.subject(),
                        container.name_or_index(0),
                        host_port.value,
                        crate::text::or_list(&listened),
                    ),
                );
                diagnostic.primary("host port no listener uses");
                for port in ports {
                    diagnostic.label(port.span, "the listener's instance port");
                }
                diagnostic.help(format!(
                    "Make a listener's {} equal to the host port, or register the service with an ALB or NLB target group ({}).",
                    model.property("listeners.instancePort"),
                    model.property("targetGroupArn"),
                ));
            }
        }
    }
}
