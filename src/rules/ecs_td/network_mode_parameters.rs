use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Resource, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks container parameters that only some network modes take: `links` only in
    /// `bridge` mode (the default on EC2); `dnsServers`, `dnsSearchDomains`, `extraHosts`
    /// and `disableNetworking` not in `awsvpc` mode. On Fargate, FARGATE-005 reports them.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition: "Links are not supported when networkMode=awsvpc",
    /// and the DNS and hosts parameters "are not supported for tasks that use the awsvpc
    /// network mode" (task definition parameters).
    ///
    /// ## Example
    /// ```json
    /// {"networkMode": "awsvpc", "containerDefinitions": [
    ///   {"name": "app", "image": "app", "links": ["db"], "dnsServers": ["10.0.0.2"]}]}
    /// ```
    ///
    /// Use instead: in awsvpc mode containers reach each other on `localhost`, and DNS comes
    /// from the VPC.
    ///
    /// ## References
    /// - [Amazon ECS: task definition parameters, network settings](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_network)
    pub NetworkModeParameters {
        id: "ECS-TD-008",
        name: "container-parameter-unsupported-by-network-mode",
        severity: Error,
        summary: "Container parameter the task's network mode does not take",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_network",
    }
}

impl Check for NetworkModeParameters {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if model.fargate(td).is_some() {
                continue;
            }
            let Some(mode) = td.effective_network_mode() else {
                continue;
            };
            let mode_span = td.network_mode.as_ref().map_or(td.anchor(), |m| m.span());
            for (index, container) in td.containers.iter().enumerate() {
                let mut unsupported: Vec<(&str, Span)> = Vec::new();
                if mode != NetworkMode::Bridge
                    && let Some(span) = container.links
                {
                    unsupported.push(("links", span));
                }
                if mode == NetworkMode::Awsvpc {
                    let present = [
                        ("dnsServers", container.dns_servers),
                        ("dnsSearchDomains", container.dns_search_domains),
                        ("extraHosts", container.extra_hosts),
                        (
                            "disableNetworking",
                            known(&container.disable_networking)
                                .filter(|d| d.value)
                                .map(|d| d.span),
                        ),
                    ];
                    unsupported.extend(present.into_iter().filter_map(|(n, s)| Some((n, s?))));
                }
                for (name, span) in unsupported {
                    sink.report(
                        span,
                        format!(
                            "The {} network mode does not take {} (container {})",
                            mode.as_str(),
                            model.container_property(name),
                            container.name_or_index(index)
                        ),
                    )
                    .primary("not taken in this network mode")
                    .label(mode_span, format!("{} network mode", mode.as_str()))
                    .help(format!("Remove {}.", model.container_property(name)));
                }
            }
        }
    }
}
