use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a service on EC2 or external instances (`launchType` `EC2` or
    /// `EXTERNAL`) does not ask for a public IP address (`assignPublicIp: ENABLED`).
    ///
    /// ## Why is this bad?
    /// `CreateService` fails: "Assign public IP is not supported for this launch type."
    /// Only Fargate tasks get a public address on their network interface; on EC2 the
    /// instance's subnet and a NAT gateway give tasks their way out.
    ///
    /// ## Example
    /// ```json
    /// {"serviceName": "web", "launchType": "EC2", "networkConfiguration": {
    ///   "awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "ENABLED"}}}
    /// ```
    ///
    /// Use instead: `"assignPublicIp": "DISABLED"` (or leave it out), with the tasks in
    /// private subnets behind a NAT gateway.
    ///
    /// ## References
    /// - [Amazon ECS API: AwsVpcConfiguration `assignPublicIp`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html)
    pub PublicIpOnEc2 {
        id: "ECS-SVC-002",
        name: "public-ip-on-ec2-service",
        severity: Error,
        summary: "Service on EC2 or external instances asks for a public IP address",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
    }
}

impl Check for PublicIpOnEc2 {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(public) = service.assigns_public_ip() else {
                continue;
            };
            let Some(launch_type) = known(&service.launch_type).filter(|l| {
                l.value.eq_ignore_ascii_case("EC2") || l.value.eq_ignore_ascii_case("EXTERNAL")
            }) else {
                continue;
            };
            sink.report_value(
                public,
                format!(
                    "{} runs on {} instances, where tasks cannot get a public IP address",
                    service.subject(),
                    launch_type.value
                ),
            )
            .primary("public IP requested")
            .label(launch_type.span, "launch type set here")
            .help(format!(
                "Remove {} (or disable it) and give the tasks a way out through a NAT gateway.",
                model.property("networkConfiguration.awsvpcConfiguration.assignPublicIp")
            ));
        }
    }
}
