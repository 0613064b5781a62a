use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Service, known, value};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds a Fargate service (by `launchType`, by a `FARGATE`/`FARGATE_SPOT` capacity
    /// provider, or — in a template — by its cluster's default capacity provider strategy) or
    /// an `awsvpc` service (by its `awsvpcConfiguration` or the task definition it runs) that
    /// names a Classic Load Balancer (`loadBalancerName`).
    ///
    /// ## Why is this bad?
    /// "Services with tasks that use the awsvpc network mode (for example, those with the
    /// Fargate launch type) only support Application Load Balancers and Network Load
    /// Balancers. Classic Load Balancers are not supported." `CreateService` fails.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "launchType": "FARGATE",
    ///  "loadBalancers": [{"loadBalancerName": "web-clb", "containerName": "web",
    ///                     "containerPort": 80}], ...}
    /// ```
    ///
    /// Use instead: an ALB or NLB target group with target type `ip`:
    /// ```json
    /// "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:...:targetgroup/web/...",
    ///                    "containerName": "web", "containerPort": 80}]
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: load balancer types](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html)
    /// - [Amazon ECS API: LoadBalancer](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html)
    pub ClassicLoadBalancer {
        id: "FARGATE-018",
        name: "fargate-behind-classic-load-balancer",
        severity: Error,
        summary: "Fargate or awsvpc service behind a Classic Load Balancer",
        tags: ["fargate", "load-balancing", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/load-balancer-types.html",
    }
}

impl Check for ClassicLoadBalancer {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let (reason, reason_span, reason_label) =
                match (model.service_fargate_by(service), awsvpc_by(model, service)) {
                    (Some(fargate), _) => (
                        fargate.describe(),
                        fargate.span(),
                        "this runs the service on Fargate",
                    ),
                    (None, Some((awsvpc, label))) => {
                        ("it uses the awsvpc network mode".to_string(), awsvpc, label)
                    }
                    (None, None) => continue,
                };
            for lb in &service.load_balancers {
                let Some(clb) = &lb.load_balancer_name else {
                    continue;
                };
                let name =
                    value(&lb.load_balancer_name).map_or_else(String::new, |n| format!(" `{n}`"));
                let subject = service.subject();
                sink.report(
                    clb.span(),
                    format!(
                        "{subject} cannot use the Classic Load Balancer{name}: {reason}, and such services support only Application and Network Load Balancers"
                    ),
                )
                .primary("Classic Load Balancer named here")
                .label(reason_span, reason_label)
                .help(format!(
                    "Register the service with an ALB or NLB target group ({}) whose target type is `ip`.",
                    model.property("targetGroupArn")
                ));
            }
        }
    }
}

/// Where the service's tasks are said to use the awsvpc network mode: the service's
/// `awsvpcConfiguration`, or the task definition it runs in the template.
fn awsvpc_by(model: &Model, service: &Service) -> Option<(Span, &'static str)> {
    if let Some(span) = service.awsvpc_configuration() {
        return Some((span, "this makes the service use awsvpc"));
    }
    let mode = known(&model.task_definition_of(service)?.network_mode)?;
    (mode.value == NetworkMode::Awsvpc).then_some((mode.span, "the task definition uses awsvpc"))
}
