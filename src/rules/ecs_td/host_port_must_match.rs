use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that in the `awsvpc` and `host` network modes every port mapping's `hostPort`
    /// is omitted or equal to its `containerPort`.
    ///
    /// ## Why is this bad?
    /// In these modes the container binds the port on the task's own network interface (or
    /// the host's), so there is no port translation: "the hostPort can be left blank or it
    /// must be the same value as the containerPort". ECS rejects a different value.
    ///
    /// ## Example
    /// ```json
    /// {"networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "nginx",
    ///   "portMappings": [{"containerPort": 80, "hostPort": 8080}]}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "portMappings": [{"containerPort": 80}]
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: PortMapping](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)
    pub HostPortMustMatch {
        id: "ECS-TD-003",
        name: "host-port-differs-from-container-port",
        severity: Error,
        summary: "awsvpc or host mode port mapping whose hostPort differs from its containerPort",
        tags: ["networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    }
}

impl Check for HostPortMustMatch {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let mode = match td.effective_network_mode() {
                Some(mode @ (NetworkMode::Awsvpc | NetworkMode::Host)) => mode,
                _ => continue,
            };
            for container in &td.containers {
                for mapping in &container.port_mappings {
                    let (Some(host), Some(container_port)) =
                        (known(&mapping.host_port), known(&mapping.container_port))
                    else {
                        continue;
                    };
                    // NOTE: hostPort 0 is not reported: it is the "unset" value in the API's
                    // output and ECS treats it as omitted.
                    if host.value == 0 || host.value == container_port.value {
                        continue;
                    }
                    sink.report_value(
                        host,
                        format!(
                            "In {} mode {} must equal {}, but it is {} and the container port is {}",
                            mode.as_str(),
                            model.container_property("hostPort"),
                            model.container_property("containerPort"),
                            host.value,
                            container_port.value
                        ),
                    )
                    .primary("host port set here")
                    .label(container_port.span, "container port set here")
                    .help(format!(
                        "Remove {} or set it to {}.",
                        model.container_property("hostPort"),
                        container_port.value
                    ));
                }
            }
        }
    }
}
