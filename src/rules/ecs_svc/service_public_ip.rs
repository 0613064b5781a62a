use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds Fargate services whose tasks get public IP addresses (`assignPublicIp:
    /// ENABLED`). On EC2 the setting is an error (ECS-SVC-002); on Fargate it works, and this
    /// note asks whether it is meant.
    ///
    /// ## Why is this bad?
    /// Each task is then reachable from the internet wherever its security group allows, not
    /// only through the load balancer. Public subnets with public IPs are a common shortcut
    /// to reach ECR without a NAT gateway; private subnets with a NAT gateway or VPC
    /// endpoints keep the tasks out of reach.
    ///
    /// ## Example
    /// ```yaml
    /// NetworkConfiguration:
    ///   AwsvpcConfiguration:
    ///     AssignPublicIp: ENABLED
    /// ```
    ///
    /// Use instead: private subnets, `AssignPublicIp: DISABLED`, and a NAT gateway or VPC
    /// endpoints for ECR, S3 and CloudWatch Logs.
    ///
    /// ## References
    /// - [Amazon ECS: Fargate task networking](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html)
    pub ServicePublicIp {
        id: "ECS-SVC-026",
        name: "service-assigns-public-ip",
        severity: Note,
        summary: "Fargate service gives its tasks public IP addresses",
        tags: ["security"],
        security_severity: Some("4.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
    }
}

impl Check for ServicePublicIp {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(public) = service.assigns_public_ip() else {
                continue;
            };
            let Some(fargate) = model.service_fargate_by(service) else {
                continue;
            };
            sink.report_value(
                public,
                format!(
                    "{} gives each task a public IP address",
                    service.subject()
                ),
            )
            .primary("public IP")
            .label(fargate.span(), "on Fargate")
            .help("Run the tasks in private subnets, reaching ECR and other services through a NAT gateway or VPC endpoints.");
        }
    }
}
