use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, Val};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds a service with a `healthCheckGracePeriodSeconds` above zero that nothing uses: it
    /// has no load balancer and no VPC Lattice configuration, and no container of its task
    /// definition, declared alongside, has a `healthCheck`.
    ///
    /// ## Why is this bad?
    /// The grace period is "the period of time that the Amazon ECS service scheduler ignores
    /// unhealthy Elastic Load Balancing, VPC Lattice, and container health checks after a task
    /// has first started … If you don't use any of the health checks, then
    /// healthCheckGracePeriodSeconds is unused." A grace period without a health check to
    /// delay usually means the health check it was meant for is missing. (Before ECS applied
    /// the grace period to container health checks, `CreateService` rejected it without a load
    /// balancer — "Health check grace period is only valid for services configured to use load
    /// balancers" —, which is why cfn-lint's E3056 reports every grace period without
    /// `LoadBalancers`, even where a container health check uses it.)
    ///
    /// ## Example
    /// ```yaml
    /// Worker:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     HealthCheckGracePeriodSeconds: 120   # no LoadBalancers, no container HealthCheck
    /// ```
    ///
    /// Use instead: a container `HealthCheck` (with a `StartPeriod` for slow starters), or no
    /// grace period.
    ///
    /// ## References
    /// - [Amazon ECS API: CreateService (`healthCheckGracePeriodSeconds`)](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    pub UnusedGracePeriod {
        id: "ECS-SVC-014",
        name: "health-check-grace-period-unused",
        severity: Note,
        summary: "service health check grace period that no load balancer, VPC Lattice or container health check uses",
        tags: ["deployment"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
    }
}

impl Check for UnusedGracePeriod {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(grace) = service
                .health_check_grace_period
                .as_ref()
                .and_then(|g| g.known())
                .filter(|g| g.value > 0)
            else {
                continue;
            };
            if !service.load_balancers.is_empty()
                || service.load_balancers_unknown
                || service.vpc_lattice.is_some()
            {
                continue;
            }
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            if td.containers_unknown || td.containers.iter().any(|c| c.health_check.is_some()) {
                continue;
            }
            let diagnostic = sink.report(
                grace.span,
                format!(
                    "{} waits {} s before acting on health checks, but has none: no load balancer, no VPC Lattice and no container health check",
                    service.subject(),
                    grace.value
                ),
            );
            // The essential containers, whose health checks would make the task's health.
            let essential: Vec<Span> = td
                .containers
                .iter()
                .filter(|c| c.is_essential())
                .filter_map(|c| c.name.as_ref().map(Val::span))
                .collect();
            if essential.is_empty() {
                diagnostic.label(td.anchor(), "no container has a health check");
            }
            for name in essential {
                diagnostic.label(name, "essential, without a health check");
            }
            diagnostic.help(format!(
                "Give the essential container a {} (with a start period for slow starters), or remove {}.",
                model.container_property("healthCheck"),
                model.property("healthCheckGracePeriodSeconds")
            ));
        }
    }
}
