//! From a declared resource to the model, whatever declares it: CloudFormation and
//! Terraform name the resource types differently and spell their properties differently, but
//! a role is a role. Each dialect says which [`Kind`] a resource is and supplies a reader for
//! its properties in the ECS API's shape; the reading is written once, here.

use crate::dialect::reader::Reader;
use crate::dialect::{adapt, iam, lifecycle};
use crate::model::*;
use crate::source::span::{Located, Span};
use crate::source::tree::{Expr, Node, Value};

/// The resource types ecslint models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    TaskDefinition,
    Service,
    Cluster,
    /// A cluster's capacity providers and default strategy, set from outside the cluster.
    ClusterCapacityProviders,
    CapacityProvider,
    TargetGroup,
    LoadBalancer,
    /// A listener (`defaultActions`) or listener rule (`actions`).
    Listener,
    ListenerRule,
    ClassicLoadBalancer,
    Role,
    /// An identity policy attached to roles (`roles`).
    Policy,
    /// A managed policy attached to a role by a separate resource (`role`, `policyArn`).
    PolicyAttachment,
    Repository,
    /// A repository policy set from outside the repository (`repository`, `policyText`).
    RepositoryPolicy,
    /// A lifecycle policy set from outside the repository (`lifecyclePolicyText`).
    LifecyclePolicy,
    FileSystem,
    /// A file system policy set from outside the file system (`fileSystemId`, `policy`).
    FileSystemPolicy,
    InstanceProfile,
    LaunchTemplate,
    LaunchConfiguration,
    AutoScalingGroup,
    ScalableTarget,
    ScalingPolicy,
    FargateProfile,
    AppRunnerService,
    InternetGateway,
    /// A route table whose routes are written inside it (Terraform's `route` blocks).
    RouteTable,
    Route,
    RouteTableAssociation,
    VpcEndpoint,
}

/// The model being filled, and what must be merged into it once every resource is read.
#[derive(Default)]
pub struct Builder {
    resources: Resources,
    associations: Vec<Association>,
    attachments: Vec<Attachment>,
    resource_policies: Vec<ResourcePolicy>,
}

/// A resource policy set by a resource of its own (`AWS::ECR::RepositoryPolicy`-like,
/// Terraform's `aws_ecr_repository_policy` and `aws_efs_file_system_policy`), merged into the
/// resource it names once every resource is read.
#[derive(Clone)]
pub struct ResourcePolicy {
    on: Kind,
    resource: Val<Target>,
    policy: Option<PolicyDocument>,
    /// The policy resource's own id: where a resource declared elsewhere is pointed at.
    id: Located<String>,
}

/// A resource whose policy can be set from outside it.
trait PolicyHolder: Resource + Sized {
    fn policy(&mut self) -> &mut Option<PolicyDocument>;
    /// The resource, declared elsewhere, that a policy resource with `id` names.
    fn elsewhere(id: Located<String>) -> Self;
}

impl PolicyHolder for Repository {
    fn policy(&mut self) -> &mut Option<PolicyDocument> {
        &mut self.policy
    }
    fn elsewhere(id: Located<String>) -> Self {
        Repository {
            span: id.span,
            id: Some(id),
            elsewhere: true,
            ..Repository::default()
        }
    }
}

impl PolicyHolder for FileSystem {
    fn policy(&mut self) -> &mut Option<PolicyDocument> {
        &mut self.policy
    }
    fn elsewhere(id: Located<String>) -> Self {
        FileSystem {
            span: id.span,
            id: Some(id),
            policy: None,
        }
    }
}

/// Sets each policy on the resource of `holders` it names, or on a new one standing for a
/// resource declared elsewhere (whose policy rules still check).
fn merge_policies<T: PolicyHolder>(holders: &mut Vec<T>, sets: Vec<ResourcePolicy>) {
    if sets.is_empty() {
        return;
    }
    let mut positions = Positions::of(holders, |_| None);
    for set in sets {
        let index = match positions.find(set.resource.value()) {
            Some(index) => index,
            None => {
                positions.insert(holders.len(), Some(&set.id.value), None);
                holders.push(T::elsewhere(set.id));
                holders.len() - 1
            }
        };
        *holders[index].policy() = set.policy;
    }
}

/// One resource read into the model's terms, before the resources that refer to each other
/// are joined: what [`Builder::push`] adds. A template's other scenarios reuse it for the
/// resources their choice does not touch.
#[derive(Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per resource, moved once into the model; a box would add an allocation"
)]
pub enum Adapted {
    TaskDefinition(TaskDefinition),
    Service(Service),
    Cluster(Cluster),
    Association(Association),
    CapacityProvider(CapacityProvider),
    TargetGroup(TargetGroup),
    LoadBalancer(LoadBalancer),
    Listener(Listener),
    ClassicLoadBalancer(ClassicLoadBalancer),
    Role(Role),
    Policy(Policy),
    Repository(Repository, Option<LifecyclePolicy>),
    LifecyclePolicy(Option<LifecyclePolicy>),
    InstanceProfile(InstanceProfile),
    LaunchTemplate(LaunchTemplate),
    AutoScalingGroup(AutoScalingGroup),
    Attachment(Attachment),
    FileSystem(FileSystem),
    ResourcePolicy(Option<ResourcePolicy>),
    ScalableTarget(ScalableTarget),
    ScalingPolicy(ScalingPolicy),
    FargateProfile(FargateProfile),
    AppRunnerService(AppRunnerService),
    InternetGateway(InternetGateway),
    Routes(Vec<Route>),
    RouteTableAssociation(RouteTableAssociation),
    VpcEndpoint(VpcEndpoint),
}

impl Adapted {
    /// The model's collections this resource is part of, once [`Builder::push`]ed and
    /// merged: what a scenario that reads it differently changes.
    pub fn collections(&self) -> Reads {
        match self {
            Adapted::TaskDefinition(_) => Reads::TASK_DEFINITIONS,
            Adapted::Service(_) => Reads::SERVICES,
            Adapted::Cluster(_) | Adapted::Association(_) => Reads::CLUSTERS,
            Adapted::CapacityProvider(_) => Reads::CAPACITY_PROVIDERS,
            Adapted::TargetGroup(_) => Reads::TARGET_GROUPS,
            Adapted::LoadBalancer(_) => Reads::LOAD_BALANCERS,
            Adapted::Listener(_) => Reads::LISTENERS,
            Adapted::ClassicLoadBalancer(_) => Reads::CLASSIC_LOAD_BALANCERS,
            Adapted::Role(_) => Reads::ROLES,
            Adapted::Policy(_) => Reads::POLICIES,
            Adapted::Repository(..) => Reads::REPOSITORIES | Reads::LIFECYCLE_POLICIES,
            Adapted::LifecyclePolicy(_) => Reads::LIFECYCLE_POLICIES,
            Adapted::InstanceProfile(_) => Reads::INSTANCE_PROFILES,
            Adapted::LaunchTemplate(_) => Reads::LAUNCH_TEMPLATES,
            Adapted::AutoScalingGroup(_) => Reads::AUTO_SCALING_GROUPS,
            Adapted::Attachment(_) => Reads::ROLES | Reads::POLICIES,
            Adapted::FileSystem(_) => Reads::FILE_SYSTEMS,
            Adapted::ResourcePolicy(_) => Reads::REPOSITORIES | Reads::FILE_SYSTEMS,
            Adapted::ScalableTarget(_) => Reads::SCALABLE_TARGETS,
            Adapted::ScalingPolicy(_) => Reads::SCALING_POLICIES,
            Adapted::FargateProfile(_) => Reads::FARGATE_PROFILES,
            Adapted::AppRunnerService(_) => Reads::APP_RUNNER_SERVICES,
            Adapted::InternetGateway(_) => Reads::INTERNET_GATEWAYS,
            Adapted::Routes(_) => Reads::ROUTES,
            Adapted::RouteTableAssociation(_) => Reads::ROUTE_TABLE_ASSOCIATIONS,
            Adapted::VpcEndpoint(_) => Reads::VPC_ENDPOINTS,
        }
    }
}

impl Builder {
    /// Adds the resource `id`, of kind `kind`, whose properties `p` are read with `r`.
    pub fn add(&mut self, kind: Kind, r: &Reader, p: &Node, id: Located<String>) {
        self.push(read(kind, r, p, id));
    }

    /// Adds a resource already read.
    pub fn push(&mut self, adapted: Adapted) {
        let resources = &mut self.resources;
        match adapted {
            Adapted::TaskDefinition(t) => resources.task_definitions.push(t),
            Adapted::Service(s) => resources.services.push(s),
            Adapted::Cluster(c) => resources.clusters.push(c),
            Adapted::Association(a) => self.associations.push(a),
            Adapted::CapacityProvider(c) => resources.capacity_providers.push(c),
            Adapted::TargetGroup(t) => resources.target_groups.push(t),
            Adapted::LoadBalancer(l) => resources.load_balancers.push(l),
            Adapted::Listener(l) => resources.listeners.push(l),
            Adapted::ClassicLoadBalancer(c) => resources.classic_load_balancers.push(c),
            Adapted::Role(r) => resources.roles.push(r),
            Adapted::Policy(p) => resources.policies.push(p),
            Adapted::Repository(repository, lifecycle) => {
                resources.lifecycle_policies.extend(lifecycle);
                resources.repositories.push(repository);
            }
            Adapted::LifecyclePolicy(l) => resources.lifecycle_policies.extend(l),
            Adapted::InstanceProfile(i) => resources.instance_profiles.push(i),
            Adapted::LaunchTemplate(l) => resources.launch_templates.push(l),
            Adapted::AutoScalingGroup(a) => resources.auto_scaling_groups.push(a),
            Adapted::Attachment(a) => self.attachments.push(a),
            Adapted::FileSystem(f) => resources.file_systems.push(f),
            Adapted::ResourcePolicy(r) => self.resource_policies.extend(r),
            Adapted::ScalableTarget(t) => resources.scalable_targets.push(t),
            Adapted::ScalingPolicy(p) => resources.scaling_policies.push(p),
            Adapted::FargateProfile(f) => resources.fargate_profiles.push(f),
            Adapted::AppRunnerService(a) => resources.app_runner_services.push(a),
            Adapted::InternetGateway(g) => resources.internet_gateways.push(g),
            Adapted::Routes(r) => resources.routes.extend(r),
            Adapted::RouteTableAssociation(a) => resources.route_table_associations.push(a),
            Adapted::VpcEndpoint(e) => resources.vpc_endpoints.push(e),
        }
    }

    /// The model, with what separate resources set merged into the resources they name.
    pub fn finish(self) -> Model {
        let mut resources = self.resources;
        if !self.associations.is_empty() {
            let clusters = Positions::of(&resources.clusters, |c| c.cluster_name.as_ref());
            for association in self.associations {
                merge_association(&mut resources.clusters, &clusters, association);
            }
        }
        if !self.attachments.is_empty() {
            let roles = Positions::of(&resources.roles, |r| r.role_name.as_ref());
            let policies = Positions::of(&resources.policies, |_| None);
            for attachment in self.attachments {
                attach(&mut resources, (&roles, &policies), attachment);
            }
        }
        let (repository_policies, file_system_policies) = self
            .resource_policies
            .into_iter()
            .partition(|set| set.on == Kind::Repository);
        merge_policies(&mut resources.repositories, repository_policies);
        merge_policies(&mut resources.file_systems, file_system_policies);
        Model::new(resources)
    }
}

/// A policy attachment: a policy of the same configuration gains the role; a managed policy's
/// ARN joins the role's managed policies. `positions` are those of the roles and policies.
fn attach(resources: &mut Resources, positions: (&Positions, &Positions), attachment: Attachment) {
    let (Some(role), Some(policy_arn)) = (attachment.role, attachment.policy_arn) else {
        return;
    };
    let (roles, policies) = positions;
    if let Some(Target::Named(arn)) = policy_arn.value() {
        if let Some(owner) = roles.find(role.value()) {
            resources.roles[owner]
                .managed_policy_arns
                .push(Val::Known(Located::new(arn.clone(), policy_arn.span())));
        }
        return;
    }
    if let Some(policy) = policies.find(policy_arn.value()) {
        resources.policies[policy].roles.push(role);
    }
}

/// A cluster's `configuration.executeCommandConfiguration`.
fn exec_configuration<'n, 's>(r: &Reader, cluster: &'n Node<'s>) -> Option<&'n Node<'s>> {
    r.get(cluster, "configuration")
        .and_then(|c| r.get(c, "executeCommandConfiguration"))
}

/// Reads the resource `id`, of kind `kind`, whose properties `p` are read with `r`.
pub fn read(kind: Kind, r: &Reader, p: &Node, id: Located<String>) -> Adapted {
    let id = Some(id);
    match kind {
        Kind::TaskDefinition => Adapted::TaskDefinition(TaskDefinition {
            id,
            ..adapt::task_definition(r, p)
        }),
        Kind::Service => Adapted::Service(Service {
            id,
            ..adapt::service(r, p)
        }),
        Kind::Cluster => Adapted::Cluster(Cluster {
            span: p.span,
            id,
            cluster_name: r.string(p, "clusterName"),
            capacity_providers: r.targets(p, "capacityProviders"),
            default_strategy: adapt::capacity_provider_strategy(
                r,
                p,
                "defaultCapacityProviderStrategy",
            ),
            exec_kms_key: exec_configuration(r, p).and_then(|e| r.reference(e, "kmsKeyId")),
            exec_logging: exec_configuration(r, p).and_then(|e| r.string(e, "logging")),
            container_insights: r
                .objects(p, "clusterSettings")
                .find(|s| {
                    r.string(s, "name")
                        .as_ref()
                        .and_then(Val::value)
                        .is_some_and(|n| n == "containerInsights")
                })
                .and_then(|s| r.string(s, "value")),
            association: None,
        }),
        Kind::ClusterCapacityProviders => Adapted::Association(Association {
            id,
            cluster: r.target(p, "cluster"),
            capacity_providers: r.targets(p, "capacityProviders"),
            default_strategy: adapt::capacity_provider_strategy(
                r,
                p,
                "defaultCapacityProviderStrategy",
            ),
        }),
        Kind::CapacityProvider => {
            let group = r.get(p, "autoScalingGroupProvider");
            Adapted::CapacityProvider(CapacityProvider {
                span: p.span,
                id,
                name: r.string(p, "name"),
                auto_scaling_group: group.and_then(|g| r.target(g, "autoScalingGroupArn")),
                managed_termination_protection: group
                    .and_then(|g| r.string(g, "managedTerminationProtection")),
                managed_scaling: group
                    .and_then(|g| r.get(g, "managedScaling"))
                    .and_then(|s| r.string(s, "status")),
            })
        }
        Kind::TargetGroup => Adapted::TargetGroup(TargetGroup {
            span: p.span,
            id,
            target_type: r.string(p, "targetType"),
            health_check_port: r.get(p, "healthCheckPort").map(|n| r.value_string(n)),
        }),
        Kind::LoadBalancer => Adapted::LoadBalancer(LoadBalancer { span: p.span, id }),
        Kind::Listener | Kind::ListenerRule => {
            let is_rule = kind == Kind::ListenerRule;
            let (forwards_to, actions_unknown) =
                forwards(r, p, if is_rule { "actions" } else { "defaultActions" });
            Adapted::Listener(Listener {
                span: p.span,
                id,
                is_rule,
                forwards_to,
                actions_unknown,
            })
        }
        Kind::ClassicLoadBalancer => Adapted::ClassicLoadBalancer(ClassicLoadBalancer {
            span: p.span,
            id,
            load_balancer_name: r.string(p, "loadBalancerName"),
            instance_ports: instance_ports(r, p),
        }),
        Kind::Role => {
            let managed = r.list(p, "managedPolicyArns", |s| Some(s.pattern()));
            let inline: Vec<_> = r.objects(p, "policies").collect();
            let documents: Vec<_> = inline
                .iter()
                .filter_map(|policy| document(r, policy, "policyDocument", PolicyKind::Identity))
                .collect();
            Adapted::Role(Role {
                span: p.span,
                id,
                role_name: r.string(p, "roleName"),
                path: r.string(p, "path"),
                trust: document(r, p, "assumeRolePolicyDocument", PolicyKind::Trust),
                opaque_policies: documents.len() < inline.len()
                    || matches!(managed, Some(Val::Unknown(_)))
                    || matches!(
                        r.get(p, "policies").map(|n| r.resolve.scalar(n)),
                        Some(Val::Unknown(_))
                    ),
                managed_policy_arns: match managed {
                    Some(Val::Known(items)) => items.value,
                    _ => Vec::new(),
                },
                inline_policies: documents,
            })
        }
        Kind::Policy => Adapted::Policy(Policy {
            span: p.span,
            id,
            document: document(r, p, "policyDocument", PolicyKind::Identity),
            roles: r.targets(p, "roles"),
        }),
        Kind::Repository => Adapted::Repository(
            Repository {
                span: p.span,
                id,
                elsewhere: false,
                name: r.string(p, "repositoryName"),
                policy: document(r, p, "repositoryPolicyText", PolicyKind::Resource),
                tag_mutability: r.string(p, "imageTagMutability"),
                scan_on_push: r
                    .get(p, "imageScanningConfiguration")
                    .and_then(|c| r.bool(c, "scanOnPush")),
                encryption_type: r
                    .get(p, "encryptionConfiguration")
                    .and_then(|c| r.string(c, "encryptionType")),
            },
            r.get(p, "lifecyclePolicy")
                .and_then(|l| r.get(l, "lifecyclePolicyText"))
                .and_then(|text| lifecycle::embedded(r.resolve, text, r.text)),
        ),
        Kind::LifecyclePolicy => Adapted::LifecyclePolicy(
            r.get(p, "lifecyclePolicyText")
                .and_then(|text| lifecycle::embedded(r.resolve, text, r.text)),
        ),
        Kind::InstanceProfile => Adapted::InstanceProfile(InstanceProfile {
            span: p.span,
            id,
            roles: r.targets(p, "roles"),
        }),
        Kind::LaunchTemplate => {
            let data = r.get(p, "launchTemplateData");
            let profile = data.and_then(|d| r.get(d, "iamInstanceProfile"));
            Adapted::LaunchTemplate(LaunchTemplate {
                span: p.span,
                id,
                instance_profile: profile
                    .and_then(|i| r.target(i, "arn").or_else(|| r.target(i, "name"))),
                ..launch_settings(r, data)
            })
        }
        Kind::LaunchConfiguration => Adapted::LaunchTemplate(LaunchTemplate {
            span: p.span,
            id,
            instance_profile: r.target(p, "iamInstanceProfile"),
            ..launch_settings(r, Some(p))
        }),
        Kind::AutoScalingGroup => Adapted::AutoScalingGroup(AutoScalingGroup {
            span: p.span,
            id,
            launch_template: launch_template_of_group(r, p),
            max_size: r.u32(p, "maxSize"),
            weighted_capacity: overrides(r, p).find_map(|o| r.present(o, "weightedCapacity")),
            override_types: overrides(r, p)
                .map(|o| r.string(o, "instanceType"))
                .collect(),
        }),
        Kind::ScalableTarget => Adapted::ScalableTarget(ScalableTarget {
            span: p.span,
            id,
            service_namespace: r.string(p, "serviceNamespace"),
            scalable_dimension: r.string(p, "scalableDimension"),
            resource_id: r.linked_pattern(p, "resourceId"),
            min_capacity: r.u32(p, "minCapacity"),
            max_capacity: r.u32(p, "maxCapacity"),
        }),
        Kind::ScalingPolicy => Adapted::ScalingPolicy(ScalingPolicy {
            span: p.span,
            id,
            target: r.target(p, "scalingTargetId"),
            predefined_metric: r
                .get(p, "targetTrackingScalingPolicyConfiguration")
                .and_then(|c| r.get(c, "predefinedMetricSpecification"))
                .map(|m| PredefinedMetric {
                    span: m.span,
                    metric_type: r.string(m, "predefinedMetricType"),
                    resource_label: r.linked_pattern(m, "resourceLabel"),
                }),
        }),
        Kind::FargateProfile => Adapted::FargateProfile(FargateProfile {
            span: p.span,
            id,
            selectors: (!adapt::not_all_objects(r, p, "selectors"))
                .then(|| r.objects(p, "selectors").map(|s| s.span).collect()),
            pod_execution_role: r.target(p, "podExecutionRoleArn"),
            subnets: r.targets(p, "subnets"),
        }),
        Kind::AppRunnerService => {
            let instance = r.get(p, "instanceConfiguration");
            Adapted::AppRunnerService(AppRunnerService {
                span: p.span,
                id,
                // Written as a string or, in HCL, a number.
                cpu: instance
                    .and_then(|i| r.get(i, "cpu"))
                    .map(|n| r.value_string(n)),
                memory: instance
                    .and_then(|i| r.get(i, "memory"))
                    .map(|n| r.value_string(n)),
            })
        }
        Kind::InternetGateway => Adapted::InternetGateway(InternetGateway { span: p.span, id }),
        Kind::Route => Adapted::Routes(vec![route(r, p, id, r.target(p, "routeTableId"))]),
        Kind::RouteTable => {
            // Each route belongs to the table it is written in.
            let table = id
                .as_ref()
                .map(|id| Val::Known(Located::new(Target::Resource(id.value.clone()), id.span)));
            Adapted::Routes(
                r.objects(p, "routes")
                    .map(|entry| route(r, entry, None, table.clone()))
                    .collect(),
            )
        }
        Kind::RouteTableAssociation => Adapted::RouteTableAssociation(RouteTableAssociation {
            span: p.span,
            id,
            subnet: r.target(p, "subnetId"),
            route_table: r.target(p, "routeTableId"),
        }),
        Kind::VpcEndpoint => Adapted::VpcEndpoint(VpcEndpoint {
            span: p.span,
            id,
            service_name: r.pattern(p, "serviceName"),
        }),
        Kind::PolicyAttachment => Adapted::Attachment(Attachment {
            role: r.target(p, "role"),
            policy_arn: r.target(p, "policyArn"),
        }),
        Kind::FileSystem => Adapted::FileSystem(FileSystem {
            span: p.span,
            id,
            policy: document(r, p, "fileSystemPolicy", PolicyKind::Resource),
        }),
        Kind::RepositoryPolicy | Kind::FileSystemPolicy => {
            let (on, resource, text) = if kind == Kind::RepositoryPolicy {
                (Kind::Repository, "repository", "policyText")
            } else {
                (Kind::FileSystem, "fileSystemId", "policy")
            };
            let policy = |(resource, id)| ResourcePolicy {
                on,
                resource,
                policy: document(r, p, text, PolicyKind::Resource),
                id,
            };
            Adapted::ResourcePolicy(r.target(p, resource).zip(id).map(policy))
        }
    }
}

/// The instance type overrides of an Auto Scaling group's mixed instances policy.
fn overrides<'n, 's>(r: &Reader, group: &'n Node<'s>) -> impl Iterator<Item = &'n Node<'s>> {
    r.get(group, "mixedInstancesPolicy")
        .and_then(|m| r.get(m, "launchTemplate"))
        .into_iter()
        .flat_map(|t| r.objects(t, "overrides"))
}

/// A route of the route table `table`, written at `p`.
fn route(r: &Reader, p: &Node, id: Option<LogicalId>, table: Option<Val<Target>>) -> Route {
    Route {
        span: p.span,
        id,
        route_table: table,
        gateway: r.target(p, "gatewayId"),
    }
}

/// A managed policy attached to a role by a resource of its own.
#[derive(Clone)]
pub struct Attachment {
    role: Option<Val<Target>>,
    policy_arn: Option<Val<Target>>,
}

/// A cluster's capacity providers and
/// default strategy, set from outside the cluster resource.
#[derive(Clone)]
pub struct Association {
    id: Option<LogicalId>,
    /// A `Ref` to the cluster, or its name.
    cluster: Option<Val<Target>>,
    capacity_providers: Vec<Val<Target>>,
    default_strategy: Vec<CapacityProviderItem>,
}

fn merge_association(clusters: &mut [Cluster], positions: &Positions, association: Association) {
    if let Some(cluster) = positions.find(association.cluster.as_ref().and_then(Val::value)) {
        let cluster = &mut clusters[cluster];
        cluster
            .capacity_providers
            .extend(association.capacity_providers.iter().cloned());
        cluster
            .default_strategy
            .extend(association.default_strategy);
        cluster.association = Some(ProviderAssociation {
            id: association.id,
            capacity_providers: association.capacity_providers,
        });
    }
}

/// The target groups a listener's or rule's actions forward to (`targetGroupArn`, and the
/// target groups of `forwardConfig`), and whether the actions are not all known.
fn forwards(r: &Reader, p: &Node, camel: &str) -> (Vec<Val<Target>>, bool) {
    let mut unknown = r
        .get(p, camel)
        .is_some_and(|actions| actions.as_array().is_none());
    let mut targets = Vec::new();
    for action in r.objects(p, camel) {
        targets.extend(r.target(action, "targetGroupArn"));
        if let Some(forward) = r.get(action, "forwardConfig") {
            match r.get(forward, "targetGroups").map(Node::as_array) {
                Some(Some(_)) => targets.extend(
                    r.objects(forward, "targetGroups")
                        .filter_map(|group| r.target(group, "targetGroupArn")),
                ),
                Some(None) => unknown = true,
                None => {}
            }
        }
    }
    (targets, unknown)
}

/// A Classic Load Balancer's listeners' instance ports, if every one is known.
fn instance_ports(r: &Reader, clb: &Node) -> Option<Vec<Located<u32>>> {
    if adapt::not_all_objects(r, clb, "listeners") {
        return None;
    }
    let ports: Option<Vec<_>> = r
        .objects(clb, "listeners")
        .map(|l| r.u32(l, "instancePort").and_then(|v| v.known().cloned()))
        .collect();
    ports.filter(|ports| !ports.is_empty())
}

/// The launch template or launch configuration an Auto Scaling group starts instances from,
/// directly or through its mixed instances policy.
fn launch_template_of_group(r: &Reader, group: &Node) -> Option<Val<Target>> {
    let specification = |spec: &Node| {
        r.target(spec, "launchTemplateId")
            .or_else(|| r.target(spec, "launchTemplateName"))
    };
    r.get(group, "launchTemplate")
        .and_then(specification)
        .or_else(|| r.target(group, "launchConfigurationName"))
        .or_else(|| {
            let mixed = r.get(group, "mixedInstancesPolicy")?;
            let template = r.get(mixed, "launchTemplate")?;
            specification(r.get(template, "launchTemplateSpecification")?)
        })
}

/// A policy document property, read with `r`'s resolver; `r.text` finds positions in
/// documents written as JSON strings.
fn document(r: &Reader, obj: &Node, camel: &str, kind: PolicyKind) -> Option<PolicyDocument> {
    iam::embedded(r.resolve, r.get(obj, camel)?, kind, r.text)
}

/// The user data and metadata options of a launch template's data or a launch
/// configuration, which spell them alike.
fn launch_settings(r: &Reader, settings: Option<&Node>) -> LaunchTemplate {
    let user_data = settings.and_then(|s| r.get(s, "userData"));
    let metadata = settings.and_then(|s| r.get(s, "metadataOptions"));
    LaunchTemplate {
        user_data: user_data.map(|u| u.span),
        // `ECS_CLUSTER` in `/etc/ecs/ecs.config`: the instances join an ECS cluster.
        joins_ecs_cluster: user_data.and_then(|u| find_in_user_data(r.text, u, "ECS_CLUSTER")),
        cluster: user_data
            .and_then(|u| find_in_user_data(r.text, u, "ECS_CLUSTER="))
            .and_then(|at| joined_cluster(r.text, at)),
        blocks_awsvpc_imds: user_data
            .and_then(|u| find_in_user_data(r.text, u, "ECS_AWSVPC_BLOCK_IMDS=true")),
        metadata_options: metadata.map(|m| m.span),
        http_tokens: metadata.and_then(|m| r.string(m, "httpTokens")),
        hop_limit: metadata.and_then(|m| r.u32(m, "httpPutResponseHopLimit")),
        instance_type: settings.and_then(|s| r.string(s, "instanceType")),
        ..LaunchTemplate::default()
    }
}

/// The strings written in user data, with where each is: the text itself, or the literal
/// parts under `Fn::Base64`, `Fn::Sub`, `Fn::Join`, `base64encode(…)` and `"…${…}…"`
/// templates (a partly known one included).
fn strings<'n>(node: &'n Node, out: &mut Vec<(&'n str, Span)>) {
    match &node.value {
        Value::String(s) => out.push((s, node.span)),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(entries) => entries.iter().for_each(|e| strings(&e.value, out)),
        Value::Expr(expr) => match expr.as_ref() {
            Expr::Partial(s) => out.push((s, node.span)),
            Expr::Template(parts) => parts.iter().for_each(|p| strings(p, out)),
            Expr::Call { args, .. } => args.iter().for_each(|a| strings(a, out)),
            _ => {}
        },
        _ => {}
    }
}

/// The cluster that `ECS_CLUSTER=`, written at `at` in `text`, names: a name, or the
/// resource an interpolation links to, written `${Id}` or `${Id.Attribute}` as `Fn::Sub`
/// and Terraform templates write them (`${Cluster}`, `${aws_ecs_cluster.main.name}`). A
/// parameter, variable or pseudo parameter links to no cluster.
fn joined_cluster(text: &str, at: Span) -> Option<Target> {
    if text.get(at.range()) != Some("ECS_CLUSTER=") {
        return None;
    }
    let rest = &text[at.end as usize..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | ';' | '>'))
        .unwrap_or(rest.len());
    let value = &rest[..end];
    match value.strip_prefix("${").and_then(|v| v.strip_suffix('}')) {
        Some(link) => Some(Target::Resource(
            link.rsplit_once('.').map_or(link, |(id, _)| id).into(),
        )),
        None if !value.is_empty() && !value.contains('$') => Some(Target::Named(value.into())),
        None => None,
    }
}

/// Where user data contains `needle`: at it in `text` (the file), when it is written there
/// as read, else the whole string that contains it.
fn find_in_user_data(text: &str, user_data: &Node, needle: &str) -> Option<Span> {
    let mut found = Vec::new();
    strings(user_data, &mut found);
    let (_, span) = found.into_iter().find(|(s, _)| s.contains(needle))?;
    let written = text.get(span.range()).unwrap_or_default();
    Some(match written.find(needle) {
        Some(at) => {
            let start = span.start as usize + at;
            Span::new(start, start + needle.len())
        }
        None => span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cluster_user_data_joins() {
        let joined = |script: &str| {
            let at = script.find("ECS_CLUSTER=").unwrap();
            joined_cluster(script, Span::new(at, at + "ECS_CLUSTER=".len()))
        };
        let link = |id: &str| Some(Target::Resource(id.into()));
        assert_eq!(joined("echo ECS_CLUSTER=${Cluster} >> f"), link("Cluster"));
        assert_eq!(
            joined("echo \"ECS_CLUSTER=${Cluster.Arn}\""),
            link("Cluster")
        );
        assert_eq!(
            joined("ECS_CLUSTER=${aws_ecs_cluster.main.name}\\n"),
            link("aws_ecs_cluster.main")
        );
        assert_eq!(
            joined("ECS_CLUSTER=prod\\n"),
            Some(Target::Named("prod".into()))
        );
        assert_eq!(joined("ECS_CLUSTER=prod-${Env}"), None);
        assert_eq!(joined("ECS_CLUSTER= x"), None);
    }
}
