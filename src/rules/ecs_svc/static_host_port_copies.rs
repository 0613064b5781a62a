use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::DEFAULT_MAXIMUM_PERCENT;
use crate::model::{HostBinding, Model, Resource, Service, TaskDefinition, Val};
use crate::rules::Check;
use crate::source::span::Located;

declare_rule! {
    /// ## What it does
    /// Finds an EC2 service whose task definition (declared in the same template) binds a
    /// fixed port on the container instance — a `hostPort` in `bridge` mode, or any port in
    /// `host` mode — while the service needs more than one copy of the task at a time: a
    /// `desiredCount` above 1, or a rolling deployment whose `maximumPercent` (200 by
    /// default) starts new tasks before the old ones stop.
    ///
    /// ## Why is this bad?
    /// Only one task on an instance can hold a host port, so every copy needs its own
    /// container instance. With fewer instances than copies, tasks stay unplaced ("unable to
    /// place a task because no container instance met all of its requirements ... already
    /// using a port required by your task") and rolling deployments stall waiting for a free
    /// instance.
    ///
    /// When the service's capacity providers are declared with their Auto Scaling groups and
    /// the groups' `MaxSize` adds up to the desired count or more, there is an instance for
    /// every copy: this rule stays silent, and ECS-SVC-011 asks whether a deployment finds a
    /// spare one.
    ///
    /// For a task definition no service in the file runs, ECS-TD-027 reports the fixed port
    /// as a warning instead.
    ///
    /// ## Example
    /// ```yaml
    /// TaskDefinition:
    ///   Type: AWS::ECS::TaskDefinition
    ///   Properties:
    ///     NetworkMode: bridge
    ///     ContainerDefinitions:
    ///       - Name: web
    ///         Image: nginx
    ///         Memory: 256
    ///         PortMappings: [{ContainerPort: 80, HostPort: 80}]
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     TaskDefinition: !Ref TaskDefinition
    ///     DesiredCount: 3
    /// ```
    ///
    /// Use instead: a dynamic host port (omit `HostPort` or set it to 0) behind an
    /// Application or Network Load Balancer, or the `awsvpc` network mode.
    ///
    /// ## References
    /// - [Amazon ECS API: PortMapping `hostPort`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)
    /// - [Amazon ECS: deployment configuration (`maximumPercent`)](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html)
    pub StaticHostPortCopies {
        id: "ECS-SVC-009",
        name: "static-host-port-with-multiple-tasks",
        severity: Error,
        summary: "Service needs several copies of a task whose fixed host port allows one per instance",
        tags: ["networking", "placement", "ec2", "deployment"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html",
    }
}

/// A service's `desiredCount` when it is omitted: "For new services, if a desired count is
/// not specified, a default value of 1 is used" (AWS::ECS::Service, `DesiredCount`).
const DEFAULT_DESIRED_COUNT: u32 = 1;

impl Check for StaticHostPortCopies {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            if model.service_fargate_by(service).is_some() || service.daemon().is_some() {
                continue;
            }
            let Some(copies) = copies(service) else {
                continue;
            };
            if copies.at_once < 2 {
                continue;
            }
            // Capacity providers whose groups may launch an instance for every copy: whether
            // deployments find a spare one is ECS-SVC-011's question.
            if super::spare_instance::most_instances(model, service)
                .is_some_and(|room| room.instances >= copies.desired)
            {
                continue;
            }
            let Some(port) = fixed_host_port(td) else {
                continue;
            };
            let subject = service.subject();
            let (message, label) = if copies.desired >= 2 {
                (
                    format!(
                        "{subject} runs {} copies of this task, but host port {} is fixed, so each copy needs its own container instance{}",
                        copies.desired,
                        port.value,
                        if copies.at_once > copies.desired {
                            format!(" ({} during a deployment)", copies.at_once)
                        } else {
                            String::new()
                        }
                    ),
                    format!("{} copies", copies.desired),
                )
            } else {
                (
                    format!(
                        "{subject} runs one copy of this task, but every deployment starts a new copy before stopping the old one ({} {}), and host port {} is fixed, so the new copy needs another container instance",
                        model.property("deploymentConfiguration.maximumPercent"),
                        copies.maximum_percent,
                        port.value
                    ),
                    "deployments run two copies".to_string(),
                )
            };
            let diagnostic = sink.report_value(port, message);
            if copies.desired < 2 {
                // Only deployments need the second copy, and with a spare instance (or after
                // the deployment times out and ECS stops the old task) they finish: a warning.
                diagnostic.severity = crate::diagnostic::Severity::Warning;
            }
            diagnostic.primary("fixed host port");
            match copies.because {
                Some(span) => diagnostic.label(span, label),
                None => diagnostic.label(service.anchor(), label),
            };
            diagnostic.help(format!(
                "Omit {} (or set it to 0) for dynamic host ports behind an ALB or NLB, use the `awsvpc` \
                 network mode, or — for a single task — set {} to 100 and {} to 0.",
                model.container_property("hostPort"),
                model.property("deploymentConfiguration.maximumPercent"),
                model.property("deploymentConfiguration.minimumHealthyPercent"),
            ));
        }
    }
}

/// The first fixed host port of the task's containers: one copy of the task per instance.
pub(super) fn fixed_host_port(td: &TaskDefinition) -> Option<&Located<u32>> {
    let mode = td.effective_network_mode();
    td.containers
        .iter()
        .flat_map(|c| &c.port_mappings)
        .find_map(|m| match m.binding(mode.as_ref()) {
            HostBinding::Static(port) => Some(port),
            _ => None,
        })
}

pub(super) struct Copies {
    pub(super) desired: u32,
    /// The most copies running at once, during a deployment.
    pub(super) at_once: u32,
    maximum_percent: u32,
    /// The property that makes the count (desired count or maximum percent), if written.
    because: Option<crate::source::span::Span>,
}

/// How many copies of the task a service runs, normally and during a deployment. `None`
/// when the count is not known.
pub(super) fn copies(service: &Service) -> Option<Copies> {
    let desired = match &service.desired_count {
        None => None,
        Some(Val::Known(d)) => Some(d),
        Some(_) => return None,
    };
    let count = desired.map_or(DEFAULT_DESIRED_COUNT, |d| d.value);
    let configured = service
        .deployment_configuration
        .as_ref()
        .and_then(|c| c.maximum_percent.as_ref());
    let maximum = match configured {
        None => None,
        Some(Val::Known(m)) => Some(m),
        Some(_) => return None,
    };
    let maximum_percent = maximum.map_or(DEFAULT_MAXIMUM_PERCENT, |m| m.value);
    let at_once = if service.is_rolling_replica() {
        (u64::from(count) * u64::from(maximum_percent) / 100).max(u64::from(count)) as u32
    } else {
        count
    };
    let because = if count >= 2 {
        desired.map(|d| d.span)
    } else {
        maximum.map(|m| m.span)
    };
    Some(Copies {
        desired: count,
        at_once,
        maximum_percent,
        because,
    })
}

#[cfg(test)]
mod tests {
    use super::copies;
    use crate::model::{DeploymentConfiguration, Service, Val};
    use crate::source::span::{Located, Span};

    fn service(desired: Option<u32>, maximum: Option<u32>) -> Service {
        let known = |v| Val::Known(Located::new(v, Span::default()));
        Service {
            desired_count: desired.map(known),
            deployment_configuration: maximum.map(|m| DeploymentConfiguration {
                maximum_percent: Some(known(m)),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn counts_copies_at_once() {
        let at_once = |d, m| copies(&service(d, m)).unwrap().at_once;
        assert_eq!(at_once(None, None), 2, "1 task, 200% by default");
        assert_eq!(at_once(Some(1), Some(100)), 1);
        assert_eq!(at_once(Some(1), Some(199)), 1, "floor(1 × 1.99) = 1");
        assert_eq!(at_once(Some(3), Some(100)), 3);
        assert_eq!(at_once(Some(3), Some(150)), 4);
    }
}
