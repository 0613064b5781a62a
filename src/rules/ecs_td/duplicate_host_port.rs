use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, TaskDefinition, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds two port mappings in one task that claim the same port and protocol on the same
    /// network interface: the same static `hostPort` in `bridge` mode, or the same port in
    /// `host` or `awsvpc` mode, where all containers of the task share one interface.
    ///
    /// ## Why is this bad?
    /// Only one socket can bind a port per protocol on an interface. ECS rejects duplicate
    /// host ports at registration, or the second container fails to start.
    ///
    /// ## Example
    /// ```json
    /// {"networkMode": "awsvpc", "containerDefinitions": [
    ///   {"name": "app", "image": "app", "portMappings": [{"containerPort": 8080}]},
    ///   {"name": "proxy", "image": "envoy", "portMappings": [{"containerPort": 8080}]}]}
    /// ```
    ///
    /// Use instead: give each container its own port.
    ///
    /// ## References
    /// - [Amazon ECS API: PortMapping](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)
    pub DuplicateHostPort {
        id: "ECS-TD-004",
        name: "duplicate-host-port",
        severity: Error,
        summary: "Two port mappings of one task claim the same host port and protocol",
        tags: ["networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    }
}

impl Check for DuplicateHostPort {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(mode) = td.effective_network_mode() else {
                continue;
            };
            let mut seen: FxHashMap<(u32, String), Span> = FxHashMap::default();
            for (port, protocol, span) in bound_ports(td, &mode) {
                match seen.get(&(port, protocol.clone())) {
                    Some(&first) => {
                        sink.report(span, format!("Port {port}/{protocol} is already mapped in this task"))
                            .primary("mapped again here")
                            .label(first, "first mapped here")
                            .help("Each port and protocol can be bound once per network interface; use another port.");
                    }
                    None => {
                        seen.insert((port, protocol), span);
                    }
                }
            }
        }
    }
}

/// The (port, protocol) pairs the task binds on its interface, with where each is written.
fn bound_ports(td: &TaskDefinition, mode: &NetworkMode) -> Vec<(u32, String, Span)> {
    let mut ports = Vec::new();
    for container in &td.containers {
        for mapping in &container.port_mappings {
            let Some(protocol) = mapping.protocol() else {
                continue;
            };
            let host = known(&mapping.host_port).filter(|h| h.value != 0);
            let bound = match mode {
                // Omitted or 0 is a dynamic port: ECS picks a free one.
                NetworkMode::Bridge => host,
                NetworkMode::Host | NetworkMode::Awsvpc => host.or(known(&mapping.container_port)),
                NetworkMode::None => None,
            };
            if let Some(port) = bound {
                ports.push((port.value, protocol, port.span));
            }
        }
    }
    ports
}
