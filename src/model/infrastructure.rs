//! The resources around tasks and services that only templates declare: clusters, load
//! balancers and target groups, IAM roles and policies, and the chain that puts container
//! instances into a cluster (capacity provider → Auto Scaling group → launch template →
//! instance profile → role). Each keeps its logical id so the graph can link them.

use crate::source::span::{Located, Span};

use super::{CapacityProviderItem, LogicalId, PolicyDocument, Target, Val};

/// `AWS::ECS::Cluster`, with what `AWS::ECS::ClusterCapacityProviderAssociations` adds to it.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub cluster_name: Option<Val<String>>,
    pub capacity_providers: Vec<Val<Target>>,
    /// Used by services that set neither a launch type nor a strategy.
    pub default_strategy: Vec<CapacityProviderItem>,
    /// `configuration.executeCommandConfiguration.kmsKeyId`: the key that encrypts ECS Exec
    /// sessions, as a pattern (`${Key.Arn}` for a key of the template).
    pub exec_kms_key: Option<Val<String>>,
    /// `configuration.executeCommandConfiguration.logging`: `DEFAULT` (when omitted: the
    /// task's `awslogs` configuration), `OVERRIDE` or `NONE`.
    pub exec_logging: Option<Val<String>>,
    /// The value of the `containerInsights` entry of `clusterSettings` (`enabled`,
    /// `enhanced`, `disabled`), where the cluster sets one.
    pub container_insights: Option<Val<String>>,
    /// The resource that associates capacity providers with the cluster from outside it.
    pub association: Option<ProviderAssociation>,
}

/// `AWS::ECS::ClusterCapacityProviderAssociations` / `aws_ecs_cluster_capacity_providers`:
/// capacity providers a cluster gains from a resource of their own, which is created
/// separately from the cluster and the services that use them.
#[derive(Debug, Clone, Default)]
pub struct ProviderAssociation {
    pub id: Option<LogicalId>,
    pub capacity_providers: Vec<Val<Target>>,
}

/// `AWS::ElasticLoadBalancingV2::TargetGroup`.
#[derive(Debug, Clone, Default)]
pub struct TargetGroup {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// `instance` (the default), `ip`, `lambda` or `alb`.
    pub target_type: Option<Val<String>>,
    /// `traffic-port` (the default) or a port number, as written.
    pub health_check_port: Option<Val<String>>,
}

impl TargetGroup {
    /// The target type ELB uses: the declared one, or `instance` when it is omitted
    /// (AWS::ElasticLoadBalancingV2::TargetGroup, `TargetType`). `None` when unknown.
    pub fn effective_target_type(&self) -> Option<String> {
        match &self.target_type {
            None => Some("instance".into()),
            Some(v) => v.value().map(|t| t.to_ascii_lowercase()),
        }
    }
}

/// `AWS::ElasticLoadBalancingV2::LoadBalancer`: an Application, Network or Gateway Load
/// Balancer. Creating one takes minutes.
#[derive(Debug, Clone, Default)]
pub struct LoadBalancer {
    pub span: Span,
    pub id: Option<LogicalId>,
}

/// `AWS::ElasticLoadBalancingV2::Listener` or `ListenerRule`: what attaches target groups to
/// a load balancer, by forwarding to them.
#[derive(Debug, Clone, Default)]
pub struct Listener {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// A listener rule rather than a listener.
    pub is_rule: bool,
    /// The target groups its actions forward to: each action's `targetGroupArn` and the
    /// target groups of its `forwardConfig`.
    pub forwards_to: Vec<Val<Target>>,
    /// Its actions are not wholly written out (a Terraform `dynamic` block, an action list
    /// only known at deploy time): it may forward to any target group.
    pub actions_unknown: bool,
}

/// `AWS::ElasticLoadBalancing::LoadBalancer`: a Classic Load Balancer.
#[derive(Debug, Clone, Default)]
pub struct ClassicLoadBalancer {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub load_balancer_name: Option<Val<String>>,
    /// Each listener's `InstancePort`, where the CLB sends traffic on the instance; `None`
    /// when there is no listener or one of them, or its port, is only known at deploy time.
    pub instance_ports: Option<Vec<Located<u32>>>,
}

/// `AWS::IAM::Role`.
#[derive(Debug, Clone, Default)]
pub struct Role {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub role_name: Option<Val<String>>,
    /// `Path`: `/` unless set; a role with another path is named by its ARN or by path and
    /// name.
    pub path: Option<Val<String>>,
    /// `AssumeRolePolicyDocument`: who may assume the role.
    pub trust: Option<PolicyDocument>,
    pub managed_policy_arns: Vec<Val<String>>,
    /// Each inline policy's `PolicyDocument`.
    pub inline_policies: Vec<PolicyDocument>,
    /// Some of its policies are only known at deploy time (`ManagedPolicyArns: !Ref …`, an
    /// inline document from `Fn::ImportValue`).
    pub opaque_policies: bool,
}

/// `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy`: a policy attached to roles by listing
/// them.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub document: Option<PolicyDocument>,
    pub roles: Vec<Val<Target>>,
}

/// `AWS::ECR::Repository`: its policy and settings.
#[derive(Debug, Clone, Default)]
pub struct Repository {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// Declared in another file: only a policy resource of this one names it, and its
    /// settings are not known.
    pub elsewhere: bool,
    /// `RepositoryName`: images name the repository by it.
    pub name: Option<Val<String>>,
    /// `RepositoryPolicyText`.
    pub policy: Option<PolicyDocument>,
    /// `ImageTagMutability`: `MUTABLE` (the default), `IMMUTABLE`, or either `_WITH_EXCLUSION`.
    pub tag_mutability: Option<Val<String>>,
    /// `ImageScanningConfiguration.ScanOnPush` (`false` by default).
    pub scan_on_push: Option<Val<bool>>,
    /// `EncryptionConfiguration.EncryptionType`: `AES256` (the default), `KMS` or `KMS_DSSE`.
    pub encryption_type: Option<Val<String>>,
}

/// `AWS::EFS::FileSystem`, for its file system policy.
#[derive(Debug, Clone, Default)]
pub struct FileSystem {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// `FileSystemPolicy`. Without one, EFS applies its default policy: any client that can
    /// reach a mount target has full access.
    pub policy: Option<PolicyDocument>,
}

/// `AWS::IAM::InstanceProfile`.
#[derive(Debug, Clone, Default)]
pub struct InstanceProfile {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub roles: Vec<Val<Target>>,
}

/// `AWS::EC2::LaunchTemplate` or `AWS::AutoScaling::LaunchConfiguration`: how container
/// instances start, including the instance profile whose role every task on them can use.
#[derive(Debug, Clone, Default)]
pub struct LaunchTemplate {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub instance_profile: Option<Val<Target>>,
    /// Where `UserData` is.
    pub user_data: Option<Span>,
    /// Where the user data names `ECS_CLUSTER`: the instances join an ECS cluster.
    pub joins_ecs_cluster: Option<Span>,
    /// The cluster the user data joins (`ECS_CLUSTER=${Cluster}`, `ECS_CLUSTER=prod`), when
    /// it is written out.
    pub cluster: Option<Target>,
    /// Where the user data sets `ECS_AWSVPC_BLOCK_IMDS=true`: awsvpc tasks cannot reach the
    /// instance metadata service.
    pub blocks_awsvpc_imds: Option<Span>,
    /// Where `MetadataOptions` is, when written.
    pub metadata_options: Option<Span>,
    /// `MetadataOptions.HttpTokens`: `required` (IMDSv2 only) or `optional`.
    pub http_tokens: Option<Val<String>>,
    /// `MetadataOptions.HttpPutResponseHopLimit`: how many network hops an IMDSv2 token
    /// travels; with 1 it does not reach a container behind the Docker bridge.
    pub hop_limit: Option<Val<u32>>,
    /// `InstanceType`.
    pub instance_type: Option<Val<String>>,
}

/// `AWS::AutoScaling::AutoScalingGroup`.
#[derive(Debug, Clone, Default)]
pub struct AutoScalingGroup {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// The launch template or launch configuration the group starts instances from.
    pub launch_template: Option<Val<Target>>,
    pub max_size: Option<Val<u32>>,
    /// Where an instance type override of the mixed instances policy sets
    /// `WeightedCapacity`.
    pub weighted_capacity: Option<Span>,
    /// The `InstanceType` of each override of the mixed instances policy, which replace the
    /// launch template's; `None` for an override that chooses by attributes.
    pub override_types: Vec<Option<Val<String>>>,
}

/// `AWS::ECS::CapacityProvider`: an Auto Scaling group whose instances join a cluster.
#[derive(Debug, Clone, Default)]
pub struct CapacityProvider {
    pub span: Span,
    pub id: Option<LogicalId>,
    pub name: Option<Val<String>>,
    pub auto_scaling_group: Option<Val<Target>>,
    /// `autoScalingGroupProvider.managedTerminationProtection`: `ENABLED` or `DISABLED`.
    pub managed_termination_protection: Option<Val<String>>,
    /// `autoScalingGroupProvider.managedScaling.status`: `ENABLED` or `DISABLED`.
    pub managed_scaling: Option<Val<String>>,
}
