use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val, known};
use crate::rules::Check;
use crate::text::and_list;

declare_rule! {
    /// ## What it does
    /// Checks a service with Service Connect enabled: each `services[].portName` names a
    /// port mapping of its task definition, the deployment controller is `ECS`, the task is
    /// not Windows, and the task definition sets a task `memory` above the containers' hard
    /// limits together, leaving room for the Service Connect proxy.
    ///
    /// ## Why is this bad?
    /// The Amazon ECS Service Connect guide: the `portName` "must match the name of a port
    /// mapping" in the task definition (an unnamed port is the usual cause), "only services
    /// that use rolling deployments are supported", "Windows containers aren't supported",
    /// and task definitions "must set the task memory limit", greater than the sum of the
    /// container memory limits, since ECS adds the proxy container inside it.
    /// `CreateService` fails, or the proxy cannot start.
    ///
    /// ## Example
    /// ```json
    /// "serviceConnectConfiguration": {"enabled": true, "namespace": "internal",
    ///   "services": [{"portName": "http"}]}
    /// ```
    /// with a task whose port mapping has no `"name": "http"`.
    ///
    /// Use instead: name the port mapping: `{"containerPort": 8080, "name": "http"}`.
    ///
    /// ## References
    /// - [Amazon ECS Service Connect](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html)
    /// - [Service Connect considerations](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts-deploy.html)
    pub ServiceConnectCheck {
        id: "ECS-SVC-028",
        name: "service-connect-misconfigured",
        severity: Error,
        summary: "Service Connect naming a port the task does not name, with a non-rolling controller, on Windows, or without room for its proxy",
        tags: ["service-discovery", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html",
    }
}

impl Check for ServiceConnectCheck {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(connect) = service.service_connect.as_ref().filter(|c| c.is_enabled()) else {
                continue;
            };
            let subject = service.subject();
            if let Some(controller) = known(&service.deployment_controller)
                .filter(|c| c.value == "CODE_DEPLOY" || c.value == "EXTERNAL")
            {
                sink.report(
                    connect.span,
                    format!("{subject} uses Service Connect with the {} deployment controller, which it does not support", controller.value),
                )
                .primary("Service Connect")
                .label(controller.span, "deployment controller")
                .help("Use the ECS deployment controller (rolling or blue/green deployments).");
            }
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            if let Some(os) = known(&td.operating_system_family).filter(|_| td.is_windows()) {
                sink.report(
                    connect.span,
                    format!("{subject} uses Service Connect, which Windows tasks do not support"),
                )
                .primary("Service Connect")
                .label(os.span, "Windows task")
                .help("Use Cloud Map service discovery (`serviceRegistries`) for Windows tasks.");
            }
            let mappings = || td.containers.iter().flat_map(|c| &c.port_mappings);
            let names_known = !td.containers_unknown
                && mappings().all(|m| m.name.as_ref().is_none_or(|n| n.known().is_some()));
            let names: Vec<&str> = mappings()
                .filter_map(|m| known(&m.name))
                .map(|n| n.value.as_str())
                .collect();
            for port in connect.port_names.iter().filter_map(Val::known) {
                if names_known && !names.contains(&port.value.as_str()) {
                    let have = if names.is_empty() {
                        "names none of its port mappings".to_string()
                    } else {
                        format!(
                            "names its port mappings {}",
                            and_list(&names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>())
                        )
                    };
                    sink.report_value(
                        port,
                        format!("{subject} offers port `{}` through Service Connect, but the task definition {have}", port.value),
                    )
                    .primary("no port mapping of this name")
                    .help(format!(
                        "Give the port mapping {} `{}`.",
                        model.container_property("portMappings.name"),
                        port.value
                    ));
                }
            }
            let limits: u32 = td
                .containers
                .iter()
                .filter_map(|c| known(&c.memory))
                .map(|m| m.value)
                .sum();
            match known(&td.memory) {
                None if td.memory.is_none() => {
                    sink.report(connect.span, format!("{subject} uses Service Connect, but its task definition sets no task {}", model.property("memory")))
                        .primary("Service Connect")
                        .label(td.id.as_ref().map_or(td.span, |id| id.span), "no task memory")
                        .help("Set the task's memory above the containers' limits together: ECS adds the proxy inside it.");
                }
                Some(memory) if limits > 0 && memory.value <= limits => {
                    sink.report(connect.span, format!(
                        "{subject} uses Service Connect, but the task's {} MiB leave no room for its proxy: the containers' limits come to {limits} MiB",
                        memory.value
                    ))
                    .primary("Service Connect")
                    .label(memory.span, "task memory")
                    .help("Raise the task memory above the containers' hard limits together, or lower a limit.");
                }
                _ => {}
            }
        }
    }
}
