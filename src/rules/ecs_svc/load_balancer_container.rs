use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{LoadBalancedPort, Model, value};
use crate::rules::Check;
use crate::suggest::closest;
use crate::text::and_list;

declare_rule! {
    /// ## What it does
    /// Finds a service load balancer entry whose `containerName` names no container of the
    /// task definition (declared in the same template), or whose `containerPort` is not a
    /// `containerPort` in that container's `portMappings`.
    ///
    /// ## Why is this bad?
    /// The `containerPort` "must correspond to a containerPort in the task definition"
    /// (ECS API, LoadBalancer). ECS rejects the service ("The container ... did not have a
    /// container port ... defined") and nothing is registered with the load balancer.
    ///
    /// ## Example
    /// ```yaml
    /// LoadBalancers:
    ///   - TargetGroupArn: !Ref TargetGroup
    ///     ContainerName: app        # the container is named `web`
    ///     ContainerPort: 8080       # it maps port 80
    /// ```
    ///
    /// Use instead: the container's exact name and one of its mapped container ports.
    ///
    /// ## References
    /// - [Amazon ECS API: LoadBalancer](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html)
    pub LoadBalancerContainer {
        id: "ECS-SVC-005",
        name: "load-balancer-container-not-in-task",
        severity: Error,
        summary: "Load balancer names a container or port the task definition does not have",
        tags: ["load-balancing", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html",
    }
}

impl Check for LoadBalancerContainer {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            for lb in &service.load_balancers {
                match td.load_balanced_port(lb) {
                    LoadBalancedPort::NoContainer => {
                        let Some(name) = lb.container_name.as_ref().and_then(|n| n.known()) else {
                            continue;
                        };
                        let names = td.containers.iter().filter_map(|c| value(&c.name));
                        let help = match closest(&name.value, names.clone().map(String::as_str)) {
                            Some(close) => format!("Did you mean `{close}`?"),
                            None => format!(
                                "The task definition's containers are {}.",
                                and_list(&names.map(|n| format!("`{n}`")).collect::<Vec<_>>())
                            ),
                        };
                        sink.report_value(
                            name,
                            format!(
                                "{} sends load balancer traffic to container `{}`, which its task definition does not have",
                                service.subject(),
                                name.value
                            ),
                        )
                        .primary("no such container")
                        .help(help);
                    }
                    LoadBalancedPort::NoPort(container) => {
                        let Some(port) = lb.container_port.as_ref().and_then(|p| p.known()) else {
                            continue;
                        };
                        let ports: Vec<String> = container
                            .port_mappings
                            .iter()
                            .filter_map(|m| value(&m.container_port))
                            .map(u32::to_string)
                            .collect();
                        let mapped = if ports.is_empty() {
                            "maps no ports".to_string()
                        } else {
                            format!("maps {}", and_list(&ports))
                        };
                        sink.report_value(
                            port,
                            format!(
                                "{} sends load balancer traffic to port {} of container {}, which {mapped}",
                                service.subject(),
                                port.value,
                                container.name_or_index(0),
                            ),
                        )
                        .primary("not a mapped container port")
                        .label(
                            container.name.as_ref().map_or(container.span, |n| n.span()),
                            "the container",
                        )
                        .help("Use one of the container's `portMappings[].containerPort` values, or add a port mapping for this port.");
                    }
                    LoadBalancedPort::Found(..) | LoadBalancedPort::Unknown => {}
                }
            }
        }
    }
}
