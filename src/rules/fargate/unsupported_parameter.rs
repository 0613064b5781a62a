use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::ADDABLE_CAPABILITY;
use crate::model::{ContainerDefinition, Model, TaskDefinition, Val, known};
use crate::rules::{Check, spelled};
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds task-definition parameters that Fargate does not support, in a task definition
    /// that requires Fargate: `disableNetworking`, `dnsSearchDomains`, `dnsServers`,
    /// `dockerSecurityOptions`, `extraHosts`, `gpu` resource requirements, `ipcMode`, `links`,
    /// `privileged`, the `linuxParameters` `maxSwap`, `swappiness`, `devices`,
    /// `sharedMemorySize`, `tmpfs` and added capabilities other than `SYS_PTRACE`,
    /// `inferenceAccelerators`, task-level `placementConstraints`, `pidMode: host` and
    /// Docker volumes — also when the task definition does not require Fargate but
    /// a Fargate service in the same template runs it.
    ///
    /// ## Why is this bad?
    /// AWS lists these as "not valid" for Fargate; registering the task definition for
    /// Fargate fails, or a task definition shared with EC2 silently cannot run on Fargate.
    /// Only values that do something are reported: `"privileged": false` and empty lists are
    /// accepted.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"],
    ///  "containerDefinitions": [{"name": "web", "image": "nginx", "privileged": true,
    ///                            "links": ["db"]}], ...}
    /// ```
    ///
    /// Use instead: drop the parameters; containers in a Fargate task reach each other on
    /// `localhost`, so `links` is not needed.
    ///
    /// ## References
    /// - [Amazon ECS: task definition differences for Fargate](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html)
    pub UnsupportedParameter {
        id: "FARGATE-005",
        name: "fargate-unsupported-parameter",
        severity: Error,
        summary: "Task-definition parameter that Fargate does not support",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    }
}

/// Container parameters that are "not valid" on Fargate, and where a container sets one.
/// Source: Amazon ECS Developer Guide, "Amazon ECS task definition differences for Fargate".
/// A parameter's name, and where a definition sets it (if it does).
type Finder<T> = (&'static str, fn(&T) -> Option<Span>);

const CONTAINER_PARAMETERS: &[Finder<ContainerDefinition>] = &[
    ("disableNetworking", |c| {
        known(&c.disable_networking)
            .filter(|v| v.value)
            .map(|v| v.span)
    }),
    ("dnsSearchDomains", |c| c.dns_search_domains),
    ("dnsServers", |c| c.dns_servers),
    ("dockerSecurityOptions", |c| c.docker_security_options),
    ("extraHosts", |c| c.extra_hosts),
    ("links", |c| c.links),
    ("privileged", |c| {
        known(&c.privileged).filter(|v| v.value).map(|v| v.span)
    }),
    ("linuxParameters.maxSwap", |c| {
        c.max_swap.as_ref().map(|v| v.span())
    }),
    ("linuxParameters.swappiness", |c| {
        c.swappiness.as_ref().map(|v| v.span())
    }),
    ("linuxParameters.devices", |c| c.devices),
    ("linuxParameters.sharedMemorySize", |c| c.shared_memory_size),
    ("linuxParameters.tmpfs", |c| c.tmpfs),
    ("GPU resourceRequirements", |c| {
        c.resource_requirements
            .iter()
            .filter_map(|r| r.known())
            .find(|r| r.value.eq_ignore_ascii_case("GPU"))
            .map(|r| r.span)
    }),
];

/// Task-level parameters that are not valid on Fargate (same source; `pidMode`: "If using
/// the Fargate launch type, the `task` value is supported"; volumes: "Docker volumes aren't
/// supported by tasks that are hosted on Fargate").
const TASK_PARAMETERS: &[Finder<TaskDefinition>] = &[
    ("ipcMode", |td| td.ipc_mode.as_ref().map(Val::span)),
    ("inferenceAccelerators", |td| td.inference_accelerators),
    ("placementConstraints", |td| td.placement_constraints),
    ("host pidMode", |td| {
        known(&td.pid_mode)
            .filter(|m| m.value.eq_ignore_ascii_case("host"))
            .map(|m| m.span)
    }),
    ("Docker volumes", |td| {
        td.volumes
            .iter()
            .find_map(|v| v.docker_volume_configuration)
    }),
];

fn help(model: &Model) -> String {
    format!(
        "Remove it, or drop FARGATE from {} if this task must run on EC2.",
        model.property("requiresCompatibilities")
    )
}

impl Check for UnsupportedParameter {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(fargate) = model.fargate(td) else {
                continue;
            };
            for (name, find) in TASK_PARAMETERS {
                if let Some(span) = find(td) {
                    let name = spelled(name, |n| model.property(n));
                    sink.report(span, format!("Fargate does not support {name}"))
                        .primary("not supported on Fargate")
                        .label(fargate.span, &fargate.label)
                        .help(help(model));
                }
            }
            for (index, container) in td.containers.iter().enumerate() {
                for capability in container
                    .capabilities_add
                    .iter()
                    .filter_map(Val::known)
                    .filter(|c| !c.value.eq_ignore_ascii_case(ADDABLE_CAPABILITY))
                {
                    sink.report(
                        capability.span,
                        format!(
                            "Fargate does not let container {} add the capability `{}`; it only adds `{ADDABLE_CAPABILITY}`",
                            container.name_or_index(index),
                            capability.value
                        ),
                    )
                    .primary("not supported on Fargate")
                    .label(fargate.span, &fargate.label)
                    .help(help(model));
                }
                for (name, find) in CONTAINER_PARAMETERS {
                    if let Some(span) = find(container) {
                        sink.report(
                            span,
                            format!(
                                "Fargate does not support {} (container {})",
                                spelled(name, |n| model.container_property(n)),
                                container.name_or_index(index)
                            ),
                        )
                        .primary("not supported on Fargate")
                        .label(fargate.span, &fargate.label)
                        .help(help(model));
                    }
                }
            }
        }
    }
}
