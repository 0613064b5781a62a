use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a service sets `networkConfiguration` only when its task definition uses
    /// the `awsvpc` network mode (a task definition that sets none uses `bridge`).
    ///
    /// ## Why is this bad?
    /// `CreateService` fails: "Network Configuration is not valid for the given networkMode
    /// of this task definition." Only awsvpc tasks get their own network interface, which
    /// is what the subnets and security groups are for.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "taskDefinition": "web-bridge:3",
    ///  "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}
    /// ```
    ///
    /// Use instead: drop `networkConfiguration`, or use `awsvpc` in the task definition.
    ///
    /// ## References
    /// - [Amazon ECS API: CreateService `networkConfiguration`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    pub NetworkConfigurationWithoutAwsvpc {
        id: "ECS-SVC-021",
        name: "network-configuration-without-awsvpc",
        severity: Error,
        summary: "Service sets networkConfiguration for a task definition that is not awsvpc",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    }
}

impl Check for NetworkConfigurationWithoutAwsvpc {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(network) = &service.network_configuration else {
                continue;
            };
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            // A Fargate service needs awsvpc, which other rules report when it is missing.
            if model.service_fargate_by(service).is_some() {
                continue;
            }
            let (mode, label, at) = match &td.network_mode {
                Some(Val::Known(mode)) if mode.value != NetworkMode::Awsvpc => (
                    mode.value.as_str(),
                    format!("the task definition uses {}", mode.value.as_str()),
                    mode.span,
                ),
                None => (
                    "bridge",
                    format!("sets no {}: bridge", model.property("networkMode")),
                    td.anchor(),
                ),
                _ => continue,
            };
            // At `awsvpcConfiguration`'s name, not the whole block.
            sink.report(
                network.awsvpc_configuration.unwrap_or(network.span),
                format!(
                    "{} sets {}, which only awsvpc tasks take, but its task definition uses the {mode} network mode",
                    service.subject(),
                    model.property("networkConfiguration")
                ),
            )
            .primary("network configuration")
            .label(at, label)
            .help(format!(
                "Remove {}, or set the task definition's {} to \"awsvpc\".",
                model.property("networkConfiguration"),
                model.property("networkMode")
            ));
        }
    }
}
