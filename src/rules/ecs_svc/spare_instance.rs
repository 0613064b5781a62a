use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::DEFAULT_MINIMUM_HEALTHY_PERCENT;
use crate::model::{Model, Resource, Service};
use crate::rules::Check;
use crate::source::span::Span;

use super::deployment_deadlock::{can_stop, percent};
use super::static_host_port_copies::{copies, fixed_host_port};

declare_rule! {
    /// ## What it does
    /// Finds EC2 services whose rolling deployments need one container instance more than
    /// their capacity providers' Auto Scaling groups may ever have: a task with a fixed host
    /// port (one copy per instance), a `minimumHealthyPercent` that keeps every running task
    /// until its replacement is healthy (100, the default), a `maximumPercent` that lets ECS
    /// start the replacement, and capacity providers whose groups' `MaxSize` add up to no
    /// more than the desired count (fewer than the desired count is ECS-SVC-009's error).
    ///
    /// ## Why is this bad?
    /// The replacement task needs an instance whose host port is free, and there is none:
    /// every instance the group may launch already runs a copy. Managed scaling cannot add
    /// one above `MaxSize`, so the new task stays in `PROVISIONING` and the deployment
    /// stalls until it times out or the circuit breaker rolls it back. (With more copies
    /// than instances, some copies never run at all.)
    ///
    /// ## Example
    /// ```yaml
    /// Service:            # DesiredCount 2, deployment defaults 200 % / 100 %
    ///   Properties: {DesiredCount: 2, CapacityProviderStrategy: [{CapacityProvider: !Ref Provider}]}
    /// Group:
    ///   Properties: {MinSize: "2", MaxSize: "2"}
    /// ```
    ///
    /// Use instead: `MaxSize: "3"` (one spare for the deployment), or
    /// `MinimumHealthyPercent: 50` so that ECS stops an old task first, or dynamic host ports
    /// (`HostPort: 0`) behind a load balancer.
    ///
    /// ## References
    /// - [Amazon ECS: deploy Amazon ECS services by replacing tasks](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html)
    /// - [Amazon ECS: Auto Scaling group capacity providers](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html)
    pub SpareInstance {
        id: "ECS-SVC-011",
        name: "rolling-deploy-needs-spare-instance",
        severity: Warning,
        summary: "Rolling deployment of a fixed-host-port task with no room in the Auto Scaling group for the new copy",
        tags: ["deployment", "capacity-providers", "ec2"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html",
    }
}

impl Check for SpareInstance {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            if !service.is_rolling_replica() || model.service_fargate_by(service).is_some() {
                continue;
            }
            let Some(port) = model.task_definition_of(service).and_then(fixed_host_port) else {
                continue;
            };
            let Some(copies) = copies(service) else {
                continue;
            };
            let configured = service
                .deployment_configuration
                .as_ref()
                .and_then(|c| c.minimum_healthy_percent.as_ref());
            let Some((minimum, _)) = percent(configured, DEFAULT_MINIMUM_HEALTHY_PERCENT) else {
                continue;
            };
            // No new copy before an old one stops (ECS-SVC-010's finding), or an old one may
            // stop first: no spare instance needed.
            if copies.at_once <= copies.desired || can_stop(copies.desired, minimum) {
                continue;
            }
            let Some(room) = most_instances(model, service) else {
                continue;
            };
            let instances = room.instances;
            // Fewer instances than copies is ECS-SVC-009's finding; more leave a spare.
            if instances != copies.desired {
                continue;
            }
            let needed = copies.desired + 1;
            sink.report(
                room.first_max,
                format!(
                    "{} needs {needed} container instances to deploy: host port {} is fixed and minimumHealthyPercent {minimum} keeps {} running while the new copy starts, but its capacity provider{} may launch at most {instances}",
                    service.subject(),
                    port.value,
                    match copies.desired {
                        1 => "its 1 task".to_string(),
                        n => format!("all {n} tasks"),
                    },
                    if room.groups > 1 { "s' Auto Scaling groups" } else { "'s Auto Scaling group" },
                ),
            )
            .primary("maximum size")
            .label(port.span, "one copy per instance")
            .label(service.anchor(), "the service")
            .help(format!(
                "Raise {} above the desired count, lower {} so that ECS stops an old task first, or use dynamic host ports behind a load balancer.",
                model.property("maxSize"),
                model.property("deploymentConfiguration.minimumHealthyPercent"),
            ));
        }
    }
}

/// What a service's capacity providers may launch.
pub(super) struct Room {
    /// Instances in all: the sum of the groups' `MaxSize`.
    pub(super) instances: u32,
    /// Where the first group's maximum is written.
    first_max: Span,
    groups: usize,
}

/// How many instances the service's capacity providers may launch: `None` unless every
/// provider that places tasks (in the service's strategy, or its cluster's default one) is
/// declared with an Auto Scaling group whose `MaxSize` is known.
pub(super) fn most_instances(model: &Model, service: &Service) -> Option<Room> {
    let groups = model.provider_groups(service)?;
    let mut maxima = groups.iter().map(|g| g.max_size.as_ref()?.known());
    let first = maxima.next()??;
    let mut instances = first.value;
    for max in maxima {
        instances = instances.saturating_add(max?.value);
    }
    Some(Room {
        instances,
        first_max: first.span,
        groups: groups.len(),
    })
}
