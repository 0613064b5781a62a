use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a Fargate service whose tasks get no public IP address (`assignPublicIp` is
    /// `DISABLED`, the default) in a subnet declared alongside with a route to an internet
    /// gateway, when the template or configuration declares no VPC endpoint for ECR.
    ///
    /// ## Why is this bad?
    /// An internet gateway only carries traffic for addresses that have a public IP. A task
    /// without one in a public subnet reaches nothing outside the VPC: Fargate cannot pull
    /// its image ("CannotPullContainerError"), fetch its secrets or send its logs, and the
    /// task stops before it starts. "For Fargate tasks in a public subnet, verify that your
    /// task has a public IP address assigned to it and a default route (0.0.0.0/0) to an
    /// internet gateway."
    ///
    /// ## Example
    /// ```yaml
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     LaunchType: FARGATE
    ///     NetworkConfiguration:
    ///       AwsvpcConfiguration:
    ///         Subnets: [!Ref PublicSubnet]   # routed to an internet gateway
    /// ```
    ///
    /// Use instead: `AssignPublicIp: ENABLED` in a public subnet, or private subnets whose
    /// default route goes to a NAT gateway, or VPC endpoints for `ecr.api`, `ecr.dkr` and an
    /// S3 gateway endpoint (plus `logs`, `secretsmanager` and `ssm` when the task uses them).
    ///
    /// ## References
    /// - [AWS re:Post: Why are my Fargate tasks stuck in the PENDING state?](https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state)
    /// - [AWS re:Post: Resolve "cannotpullcontainererror" on Fargate](https://repost.aws/knowledge-center/ecs-fargate-pull-container-error)
    /// - [Amazon ECS: Fargate task networking](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html)
    pub FargateWithoutEgressRoute {
        id: "ECS-SVC-025",
        name: "fargate-task-without-egress-route",
        severity: Warning,
        summary: "Fargate service without a public IP in a subnet routed to an internet gateway",
        tags: ["fargate", "networking", "correctness"],
        security_severity: None,
        reference: "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state",
    }
}

impl Check for FargateWithoutEgressRoute {
    fn check(&self, model: &Model, sink: &mut Sink) {
        // Endpoints reach ECR without the internet; where they are, the other services the
        // task needs may be reached so too.
        let private_ecr = model.vpc_endpoints().iter().any(|e| {
            e.service_name
                .as_ref()
                .and_then(Val::value)
                .is_some_and(|name| name.ends_with("ecr.dkr"))
        });
        if private_ecr {
            return;
        }
        for service in model.services() {
            let Some(network) = &service.network_configuration else {
                continue;
            };
            let public_ip = network.assign_public_ip.as_ref();
            let no_public_ip = match public_ip {
                None => true,
                Some(Val::Known(ip)) => !ip.value,
                Some(_) => false,
            };
            if !no_public_ip {
                continue;
            }
            let Some((subnet, route)) = network
                .subnets
                .iter()
                .find_map(|s| Some((s, model.internet_route(s)?)))
            else {
                continue;
            };
            let Some(fargate) = model.service_fargate_by(service) else {
                continue;
            };
            let name = subnet.value().map_or("?".into(), ToString::to_string);
            let at = public_ip.map_or(subnet.span(), Val::span);
            let diagnostic = sink.report(
                at,
                format!(
                    "{} gives its Fargate tasks no public IP address in subnet `{name}`, whose way out is an internet gateway: they cannot pull images or reach AWS",
                    service.subject()
                ),
            );
            diagnostic.primary(if public_ip.is_some() {
                "no public IP"
            } else {
                "a public subnet, and no public IP (the default)"
            });
            if public_ip.is_some() {
                diagnostic.label(subnet.span(), "a public subnet");
            }
            if let Some(gateway) = &route.gateway {
                diagnostic.label(gateway.span(), "the route to the internet gateway");
            }
            diagnostic.label(fargate.span(), "on Fargate").help(format!(
                "Set {} to ENABLED, run the tasks in private subnets with a NAT gateway, or add VPC endpoints for ecr.api, ecr.dkr and S3.",
                model.property("networkConfiguration.awsvpcConfiguration.assignPublicIp")
            ));
        }
    }
}
