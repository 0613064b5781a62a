use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service whose capacity provider strategy names a provider that its cluster
    /// gains from a separate association resource
    /// (`AWS::ECS::ClusterCapacityProviderAssociations`, `aws_ecs_cluster_capacity_providers`),
    /// when nothing orders the service after that association (`DependsOn`, `depends_on`, or
    /// a reference).
    ///
    /// ## Why is this bad?
    /// CloudFormation and Terraform create resources that do not depend on each other at the
    /// same time. When the service comes first, `CreateService` fails: the strategy names a
    /// capacity provider that is not yet associated with the cluster. On deletion the
    /// association can go first and hang ("The specified capacity provider is in use and
    /// cannot be removed"). The stack works or fails depending on timing.
    ///
    /// ## Example
    /// ```yaml
    /// Associations:
    ///   Type: AWS::ECS::ClusterCapacityProviderAssociations
    ///   Properties:
    ///     Cluster: !Ref Cluster
    ///     CapacityProviders: [!Ref CapacityProvider]
    ///     DefaultCapacityProviderStrategy: []
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     Cluster: !Ref Cluster
    ///     CapacityProviderStrategy:
    ///       - CapacityProvider: !Ref CapacityProvider
    /// ```
    ///
    /// Use instead: `DependsOn: Associations` on the service.
    ///
    /// ## References
    /// - [containers-roadmap#631: CloudFormation service and capacity provider association race](https://github.com/aws/containers-roadmap/issues/631)
    /// - [CloudFormation: AWS::ECS::ClusterCapacityProviderAssociations](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-clustercapacityproviderassociations.html)
    pub CapacityProviderAssociationRace {
        id: "ECS-SVC-030",
        name: "capacity-provider-association-race",
        severity: Warning,
        summary: "Service may be created before its cluster is associated with the capacity provider it uses",
        tags: ["capacity-providers", "correctness"],
        security_severity: None,
        reference: "https://github.com/aws/containers-roadmap/issues/631",
    }
}

impl Check for CapacityProviderAssociationRace {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(service_id) = service.logical_id() else {
                continue;
            };
            let Some(association) = model
                .cluster_of(service)
                .and_then(|c| c.association.as_ref())
            else {
                continue;
            };
            let Some(association_id) = association.id.as_ref() else {
                continue;
            };
            let associated = |provider: &Option<Val<_>>| {
                provider.as_ref().and_then(Val::value).is_some_and(|p| {
                    association
                        .capacity_providers
                        .iter()
                        .any(|a| a.value() == Some(p))
                })
            };
            let Some(item) = service
                .capacity_provider_strategy
                .iter()
                .find(|item| associated(&item.capacity_provider))
            else {
                continue;
            };
            if model
                .dependencies
                .follows(service_id, |on| on == association_id.value)
            {
                continue;
            }
            let provider = item.capacity_provider.as_ref().map_or(item.span, Val::span);
            sink.report(
                provider,
                format!(
                    "{} may be created before `{}` associates this capacity provider with its cluster",
                    service.subject(),
                    association_id.value
                ),
            )
            .primary("nothing orders the service after the association")
            .label(association_id.span, "associates the capacity provider")
            .help(format!(
                "Add `{}` to the service's {}.",
                association_id.value,
                model.property("dependsOn")
            ));
        }
    }
}
