use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{HostBinding, Model, NetworkMode};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds port mappings that pin a fixed port on the container instance: a `hostPort`
    /// other than 0 in `bridge` mode, or any port mapping in `host` mode (where every
    /// container port is a host port).
    ///
    /// ## Why is this bad?
    /// Only one task can hold a host port. A second copy of the task — another replica of
    /// the service, or the new task of a rolling deployment — cannot be placed on the same
    /// EC2 instance, so the service needs one instance per task and deployments stall
    /// unless spare instances exist ("no container instance met all of its requirements").
    ///
    /// When a service in the same template runs the task definition, ECS-SVC-009 reports
    /// instead: the service says how many copies must fit.
    ///
    /// ## Example
    /// ```json
    /// {"networkMode": "bridge", "containerDefinitions": [{"name": "web", "image": "nginx",
    ///   "portMappings": [{"containerPort": 80, "hostPort": 80}]}]}
    /// ```
    ///
    /// Use instead: dynamic port mapping, behind an Application or Network Load Balancer,
    /// which registers whichever port each task receives:
    /// ```json
    /// "portMappings": [{"containerPort": 80, "hostPort": 0}]
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: PortMapping `hostPort`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)
    /// - [Amazon ECS: use an Application Load Balancer (dynamic host port mapping)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html)
    pub StaticHostPort {
        id: "ECS-TD-027",
        name: "static-host-port",
        severity: Warning,
        summary: "Fixed host port that lets only one copy of the task run per container instance",
        tags: ["networking", "placement", "ec2"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    }
}

impl Check for StaticHostPort {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            // A service in the same template says how many copies run: ECS-SVC-009 decides.
            if model.services_running(td).next().is_some() {
                continue;
            }
            let mode = td.effective_network_mode();
            for container in &td.containers {
                for mapping in &container.port_mappings {
                    let HostBinding::Static(port) = mapping.binding(mode.as_ref()) else {
                        continue;
                    };
                    if mode == Some(NetworkMode::Host) {
                        sink.report_value(
                            port,
                            format!(
                                "In host mode port {} is bound on the instance itself, so only one copy of this task can run on a container instance",
                                port.value
                            ),
                        )
                        .primary("bound on the host")
                        .help(format!(
                            "Use the `bridge` network mode with dynamic host ports (omit {}) or `awsvpc`, \
                             behind an ALB or NLB.",
                            model.container_property("hostPort")
                        ));
                    } else {
                        sink.report_value(
                            port,
                            format!(
                                "Host port {} is fixed, so only one copy of this task can run on a container instance",
                                port.value
                            ),
                        )
                        .primary("fixed host port")
                        .help(format!(
                            "Omit {} (or set it to 0) for a dynamic host port, and put the service \
                             behind an ALB or NLB target group, which registers whichever port each task gets.",
                            model.container_property("hostPort")
                        ));
                    }
                }
            }
        }
    }
}
