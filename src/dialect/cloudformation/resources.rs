//! From a template's resources to the model, for one scenario: each resource type names a
//! [`Kind`] the shared builder reads.

use crate::dialect::reader::Reader;
use crate::dialect::resources::{self, Adapted, Kind};
use crate::source::span::{Located, Span};
use crate::source::tree::{Node, Value};

use super::template::Resource;

/// One resource of the template in the model's terms, read with `r` — if ecslint models its
/// type and its `Condition` (evaluated by `exists`) holds. The type is asked first, so the
/// conditions of resources ecslint does not model add no scenarios.
pub fn read(resource: &Resource, r: &Reader, exists: impl Fn(&str) -> bool) -> Option<Adapted> {
    let kind = kind(resource.kind)?;
    if !resource.condition.is_none_or(exists) {
        return None;
    }
    let empty;
    let p = match resource.properties {
        Some(properties) => properties,
        None => {
            empty = Node::new(
                Span::at(resource.id_span.end as usize),
                Value::Object(Vec::new().into()),
            );
            &empty
        }
    };
    Some(resources::read(
        kind,
        r,
        p,
        Located::new(resource.id.to_string(), resource.id_span),
    ))
}

fn kind(resource_type: &str) -> Option<Kind> {
    Some(match resource_type {
        "AWS::ECS::TaskDefinition" => Kind::TaskDefinition,
        "AWS::ECS::Service" => Kind::Service,
        "AWS::ECS::ClusterCapacityProviderAssociations" => Kind::ClusterCapacityProviders,
        "AWS::ECS::Cluster" => Kind::Cluster,
        "AWS::ECS::CapacityProvider" => Kind::CapacityProvider,
        "AWS::ElasticLoadBalancingV2::TargetGroup" => Kind::TargetGroup,
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => Kind::LoadBalancer,
        "AWS::ElasticLoadBalancingV2::Listener" => Kind::Listener,
        "AWS::ElasticLoadBalancingV2::ListenerRule" => Kind::ListenerRule,
        "AWS::ElasticLoadBalancing::LoadBalancer" => Kind::ClassicLoadBalancer,
        "AWS::IAM::Role" => Kind::Role,
        "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => Kind::Policy,
        "AWS::ECR::Repository" => Kind::Repository,
        "AWS::EFS::FileSystem" => Kind::FileSystem,
        "AWS::IAM::InstanceProfile" => Kind::InstanceProfile,
        "AWS::EC2::LaunchTemplate" => Kind::LaunchTemplate,
        "AWS::AutoScaling::LaunchConfiguration" => Kind::LaunchConfiguration,
        "AWS::AutoScaling::AutoScalingGroup" => Kind::AutoScalingGroup,
        "AWS::ApplicationAutoScaling::ScalableTarget" => Kind::ScalableTarget,
        "AWS::ApplicationAutoScaling::ScalingPolicy" => Kind::ScalingPolicy,
        "AWS::EKS::FargateProfile" => Kind::FargateProfile,
        "AWS::AppRunner::Service" => Kind::AppRunnerService,
        "AWS::EC2::InternetGateway" => Kind::InternetGateway,
        "AWS::EC2::Route" => Kind::Route,
        "AWS::EC2::SubnetRouteTableAssociation" => Kind::RouteTableAssociation,
        "AWS::EC2::VPCEndpoint" => Kind::VpcEndpoint,
        _ => return None,
    })
}
