use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{LoadBalancedPort, Model, NetworkMode, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks a service's `serviceRegistries` against its task definition: a bridge or host
    /// task names the `containerName` and `containerPort` Cloud Map registers; an awsvpc
    /// task gives either those or `port`, not both; the container and port exist.
    ///
    /// ## Why is this bad?
    /// The `ServiceRegistry` API reference: with the bridge or host network mode "you must
    /// specify a containerName and containerPort combination from the task definition";
    /// with awsvpc and SRV records, the combination or a port value, "however, you can't
    /// specify both". `CreateService` rejects the service otherwise, or when the container
    /// or port is not in the task definition.
    ///
    /// ## Example
    /// ```json
    /// {"serviceRegistries": [{"registryArn": "arn:aws:servicediscovery:...:service/srv-abc"}]}
    /// ```
    /// for a bridge-mode task definition.
    ///
    /// Use instead: add `"containerName": "web", "containerPort": 8080`.
    ///
    /// ## References
    /// - [Amazon ECS API: ServiceRegistry](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRegistry.html)
    pub ServiceRegistry {
        id: "ECS-SVC-029",
        name: "service-registry-port-mismatch",
        severity: Error,
        summary: "Service registry without the container port its network mode needs, with both forms, or naming what the task lacks",
        tags: ["service-discovery", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceRegistry.html",
    }
}

impl Check for ServiceRegistry {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let subject = service.subject();
            let mode = known(&td.network_mode);
            for registry in &service.service_registries {
                let named = registry.container_name.is_some() || registry.container_port.is_some();
                match td.effective_network_mode() {
                    Some(NetworkMode::Bridge | NetworkMode::Host)
                        if registry.container_name.is_none()
                            || registry.container_port.is_none() =>
                    {
                        let diagnostic = sink.report(
                            registry.span,
                            format!("{subject} registers its tasks with Cloud Map without the container and port to register"),
                        );
                        diagnostic.primary("service registry");
                        if let Some(mode) = mode {
                            diagnostic.label(mode.span, "bridge and host tasks need them");
                        }
                        diagnostic.help(format!(
                            "Set {} and {} to a container port of the task definition.",
                            model.property("serviceRegistries.containerName"),
                            model.property("serviceRegistries.containerPort")
                        ));
                        continue;
                    }
                    Some(NetworkMode::Awsvpc) if named && registry.port.is_some() => {
                        let port = registry.port.as_ref().map_or(registry.span, |p| p.span());
                        sink.report(
                            port,
                            format!("{subject} gives its service registry both a `port` and a container port, which awsvpc tasks take one of"),
                        )
                        .primary("port")
                        .help(format!(
                            "Keep {} and {}, or {} alone.",
                            model.property("serviceRegistries.containerName"),
                            model.property("serviceRegistries.containerPort"),
                            model.property("serviceRegistries.port")
                        ));
                        continue;
                    }
                    _ => {}
                }
                match td.mapped_port(&registry.container_name, &registry.container_port) {
                    LoadBalancedPort::NoContainer => {
                        if let Some(name) = known(&registry.container_name) {
                            sink.report_value(
                                name,
                                format!("{subject} registers container `{}` with Cloud Map, which its task definition does not have", name.value),
                            )
                            .primary("no such container");
                        }
                    }
                    LoadBalancedPort::NoPort(container) => {
                        if let Some(port) = known(&registry.container_port) {
                            sink.report_value(
                                port,
                                format!(
                                    "{subject} registers port {} of container {} with Cloud Map, which the container does not map",
                                    port.value,
                                    container.name_or_index(0)
                                ),
                            )
                            .primary("not a mapped container port")
                            .help("Use one of the container's `portMappings[].containerPort` values.");
                        }
                    }
                    LoadBalancedPort::Found(..) | LoadBalancedPort::Unknown => {}
                }
            }
        }
    }
}
