use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, NetworkMode, Resource, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service without `networkConfiguration` whose task definition (declared in the
    /// same template) uses the `awsvpc` network mode.
    ///
    /// ## Why is this bad?
    /// Every awsvpc task gets its own network interface, and ECS needs the service's subnets
    /// (and security groups) to create it: "If you specify the awsvpc network mode ... you
    /// must specify a NetworkConfiguration when you create a service". Creating the service
    /// fails ("Network Configuration must be provided when networkMode 'awsvpc' is
    /// specified").
    ///
    /// ## Example
    /// ```yaml
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     TaskDefinition: !Ref AwsvpcTaskDefinition
    ///     DesiredCount: 2
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     NetworkConfiguration:
    ///       AwsvpcConfiguration:
    ///         Subnets: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
    ///         SecurityGroups: [!Ref ServiceSecurityGroup]
    /// ```
    ///
    /// ## References
    /// - [AWS::ECS::TaskDefinition `NetworkMode`](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-taskdefinition.html)
    /// - [Amazon ECS API: NetworkConfiguration](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_NetworkConfiguration.html)
    pub AwsvpcNetworkConfiguration {
        id: "ECS-SVC-001",
        name: "awsvpc-service-without-network-configuration",
        severity: Error,
        summary: "Service runs an awsvpc task definition without a network configuration",
        tags: ["networking", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_NetworkConfiguration.html",
    }
}

impl Check for AwsvpcNetworkConfiguration {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            if service.network_configuration.is_some() {
                continue;
            }
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let Some(mode) = known(&td.network_mode).filter(|m| m.value == NetworkMode::Awsvpc)
            else {
                continue;
            };
            let at = service.anchor();
            sink.report(
                at,
                format!(
                    "{} sets no {}, which its awsvpc task definition requires",
                    service.subject(),
                    model.property("networkConfiguration")
                ),
            )
            .primary("no network configuration")
            .label(mode.span, "the task definition uses awsvpc")
            .help(format!(
                "Add {} with the subnets (and security groups) for the tasks' network interfaces.",
                model.property("networkConfiguration.awsvpcConfiguration")
            ));
        }
    }
}
