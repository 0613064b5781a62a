use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks a service on external instances (`launchType: EXTERNAL`, ECS Anywhere) for
    /// what they do not support: load balancers, service discovery (`serviceRegistries`),
    /// `awsvpc` task definitions, EFS volumes and App Mesh (`proxyConfiguration`).
    ///
    /// ## Why is this bad?
    /// The ECS Anywhere considerations list these as not supported on external instances;
    /// `CreateService` rejects the load balancer and registry, and the task definition
    /// cannot be placed on an external instance.
    ///
    /// ## Example
    /// ```json
    /// {"launchType": "EXTERNAL", "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:...",
    ///  "containerName": "web", "containerPort": 80}]}
    /// ```
    ///
    /// Use instead: put a load balancer you run yourself in front of the external
    /// instances, and register them with it outside ECS.
    ///
    /// ## References
    /// - [Amazon ECS: external instances (Amazon ECS Anywhere)](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html)
    pub ExternalLaunchType {
        id: "ECS-SVC-027",
        name: "external-launch-type-unsupported-feature",
        severity: Error,
        summary: "Service on external instances with a load balancer, service discovery, awsvpc, EFS or App Mesh",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html",
    }
}

impl Check for ExternalLaunchType {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(external) =
                known(&service.launch_type).filter(|l| l.value.eq_ignore_ascii_case("EXTERNAL"))
            else {
                continue;
            };
            let subject = service.subject();
            let td = model.task_definition_of(service);
            let mut unsupported = Vec::new();
            if let Some(lb) = service.load_balancers.first() {
                let named = lb
                    .target_group_arn
                    .as_ref()
                    .or(lb.load_balancer_name.as_ref());
                unsupported.push((named.map_or(lb.span, |n| n.span()), "load balancers"));
            }
            if let Some(registry) = service.service_registries.first() {
                unsupported.push((registry.span, "service discovery"));
            }
            if let Some(mode) = td
                .and_then(|td| known(&td.network_mode))
                .filter(|m| m.value == NetworkMode::Awsvpc)
            {
                unsupported.push((mode.span, "the awsvpc network mode"));
            }
            if let Some(efs) = td
                .into_iter()
                .flat_map(|td| &td.volumes)
                .find_map(|v| v.efs.as_ref())
            {
                unsupported.push((efs.span, "EFS volumes"));
            }
            if let Some(proxy) = td.and_then(|td| td.proxy_configuration.as_ref()) {
                unsupported.push((proxy.span, "App Mesh proxy configuration"));
            }
            for (span, what) in unsupported {
                sink.report(
                    span,
                    format!("{subject} runs on external instances, which do not support {what}"),
                )
                .primary("not on external instances")
                .label(external.span, "EXTERNAL launch type")
                .help("Remove it, or run the service on EC2 or Fargate.");
            }
        }
    }
}
