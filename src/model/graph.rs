//! The resource graph of one template: references between resources by logical id
//! (`!Ref TaskDefinition`, `!GetAtt Role.Arn`), followed on demand. ECS API documents have no
//! links, so every query simply finds nothing there.

use crate::facts::managed_policies;
use crate::iam::{Match, Policies, glob::matches};
use crate::source::span::Span;

use super::*;

/// Why a task definition's tasks run on Fargate, and where that is said.
#[derive(Debug, Clone, PartialEq)]
pub struct OnFargate {
    pub span: Span,
    /// A label for `span`: "Fargate is required here".
    pub label: String,
}

impl Model {
    /// The resource among `items` (resources of one type of this model) that `reference`
    /// links to.
    pub fn linked<'a, T: Resource>(
        &self,
        items: &'a [T],
        reference: Option<&Val<Target>>,
    ) -> Option<&'a T> {
        items.get(self.index.position(items, reference)?)
    }

    /// The resource among `items` whose logical id is `id`.
    pub fn by_id<'a, T: Resource>(&self, items: &'a [T], id: &str) -> Option<&'a T> {
        items.get(self.index.position_by_id(items, id)?)
    }

    /// The position of `item` among `items`, the resources of its type in this model.
    fn position_of<T: Resource>(&self, items: &[T], item: &T) -> Option<usize> {
        let position = self.index.position_by_id(items, item.logical_id()?)?;
        std::ptr::eq(&items[position], item).then_some(position)
    }

    /// The service a scalable target scales, when the model declares it.
    pub fn service_scaled_by(&self, target: &ScalableTarget) -> Option<&Service> {
        // Read before the lookup: which service it finds depends on every service's name.
        let services = self.services();
        let position = self.position_of(self.scalable_targets(), target)?;
        services.get(self.index.scaled_service(position)?)
    }

    /// The scaling policies of a scalable target.
    pub fn scaling_policies_of<'a>(
        &'a self,
        target: &ScalableTarget,
    ) -> impl Iterator<Item = &'a ScalingPolicy> + 'a {
        // Read even when the target has none: another scenario's policies may name it.
        let policies = self.scaling_policies();
        let positions = self
            .position_of(self.scalable_targets(), target)
            .map_or(&[][..], |p| self.index.scaling_policies_of(p));
        positions.iter().map(|&p| &policies[p])
    }

    /// The task definition a service runs, when the template declares it.
    pub fn task_definition_of(&self, service: &Service) -> Option<&TaskDefinition> {
        self.linked(self.task_definitions(), service.task_definition.as_ref())
    }

    /// The services in this template that run `td`.
    pub fn services_running<'a>(
        &'a self,
        td: &'a TaskDefinition,
    ) -> impl Iterator<Item = &'a Service> + 'a {
        // Read even when none runs it: another scenario's services may.
        let services = self.services();
        let running = self
            .position_of(self.task_definitions(), td)
            .map_or(&[][..], |position| self.index.services_running(position));
        running.iter().map(|&s| &services[s])
    }

    pub fn cluster_of(&self, service: &Service) -> Option<&Cluster> {
        self.linked(self.clusters(), service.cluster.as_ref())
    }

    /// The capacity provider strategy that places a service's tasks: its own, or — when it
    /// sets neither a launch type nor a strategy — its cluster's default strategy.
    pub fn strategy_of<'m>(&'m self, service: &'m Service) -> &'m [CapacityProviderItem] {
        if service.chooses_placement() {
            return &service.capacity_provider_strategy;
        }
        self.cluster_of(service)
            .map_or(&[][..], |c| &c.default_strategy[..])
    }

    /// The Auto Scaling groups of the capacity providers that place `service`'s tasks (its
    /// strategy, or its cluster's default one): `None` unless there is one and every such
    /// provider is declared here with its group.
    pub fn provider_groups(&self, service: &Service) -> Option<Vec<&AutoScalingGroup>> {
        let groups: Option<Vec<_>> = self
            .strategy_of(service)
            .iter()
            .filter(|item| item.places_tasks())
            .map(|item| {
                let provider =
                    self.linked(self.capacity_providers(), item.capacity_provider.as_ref())?;
                self.linked(
                    self.auto_scaling_groups(),
                    provider.auto_scaling_group.as_ref(),
                )
            })
            .collect();
        groups.filter(|groups| !groups.is_empty())
    }

    /// The Auto Scaling groups whose instances run `service`'s tasks: those of its capacity
    /// providers ([`Model::provider_groups`]), or else those whose launch template's user
    /// data joins its cluster.
    pub fn instance_groups(&self, service: &Service) -> Option<Vec<&AutoScalingGroup>> {
        if let Some(groups) = self.provider_groups(service) {
            return Some(groups);
        }
        // Read whatever is found: the index derives from all three.
        self.note(Reads::LAUNCH_TEMPLATES);
        let groups = self.auto_scaling_groups();
        let clusters = self.clusters();
        let cluster = self.index.position(clusters, service.cluster.as_ref())?;
        let joining: Vec<_> = self
            .index
            .groups_joining(cluster)
            .iter()
            .map(|&g| &groups[g])
            .collect();
        (!joining.is_empty()).then_some(joining)
    }

    /// Whether a service runs its tasks on Fargate: by its launch type or capacity provider
    /// strategy, or — when it sets neither — by its cluster's default strategy.
    pub fn service_fargate_by(&self, service: &Service) -> Option<FargateBy> {
        if service.chooses_placement() {
            return service.fargate_by();
        }
        let cluster = self.cluster_of(service)?;
        fargate_provider(&cluster.default_strategy)
            .map(|(span, name)| FargateBy::ClusterDefault(span, name))
    }

    /// Whether `td`'s tasks run on Fargate: it requires the FARGATE compatibility, or a
    /// service in the template runs it on Fargate.
    pub fn fargate(&self, td: &TaskDefinition) -> Option<OnFargate> {
        if let Some(span) = td.requires_fargate() {
            return Some(OnFargate {
                span,
                label: "Fargate is required here".into(),
            });
        }
        self.services_running(td).find_map(|service| {
            let by = self.service_fargate_by(service)?;
            Some(OnFargate {
                span: by.span(),
                label: format!("{} runs this task on Fargate", service.subject()),
            })
        })
    }

    /// The platform on which ECS itself, with the task execution role, pulls the task's
    /// images and writes its `awslogs` logs: one the task definition requires, or Fargate
    /// when a service in the template runs it there. On EC2 the container instance role
    /// does both. Source: "Amazon ECS task execution IAM role" ("tasks hosted on AWS
    /// Fargate, Amazon ECS Managed Instances, or external instances").
    pub fn execution_role_platform(&self, td: &TaskDefinition) -> Option<&'static str> {
        const PLATFORMS: &[&str] = &["FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];
        PLATFORMS
            .iter()
            .find_map(|p| td.requires_compatibility(p).map(|_| *p))
            .or_else(|| self.fargate(td).map(|_| "FARGATE"))
    }

    pub fn target_group_of(&self, lb: &LoadBalancerRef) -> Option<&TargetGroup> {
        self.linked(self.target_groups(), lb.target_group_arn.as_ref())
    }

    pub fn classic_load_balancer_of(&self, lb: &LoadBalancerRef) -> Option<&ClassicLoadBalancer> {
        self.linked(
            self.classic_load_balancers(),
            lb.load_balancer_name.as_ref(),
        )
    }

    /// The file system an EFS volume mounts, when it is declared here.
    pub fn file_system(&self, volume: &EfsVolume) -> Option<&FileSystem> {
        self.linked(self.file_systems(), volume.file_system.as_ref())
    }

    /// The role a task's `executionRoleArn` or `taskRoleArn` names, when it is declared here.
    pub fn role(&self, field: &Option<Val<Target>>) -> Option<&Role> {
        self.linked(self.roles(), field.as_ref())
    }

    /// The route that makes the subnet `subnet` links to public: a route to an internet
    /// gateway in the route table the subnet is associated with (see [`network`]).
    pub fn internet_route(&self, subnet: &Val<Target>) -> Option<&Route> {
        // Read whatever the subnet is: the index derives from all three.
        self.note(Reads::ROUTE_TABLE_ASSOCIATIONS | Reads::INTERNET_GATEWAYS);
        let routes = self.routes();
        routes.get(self.index.internet_route(subnet.value()?)?)
    }

    /// The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources attached to `role`.
    pub fn policies_of<'a>(&'a self, role: &'a Role) -> impl Iterator<Item = &'a Policy> + 'a {
        // Read even when none is attached: another scenario's policies may be.
        let policies = self.policies();
        let attached = self
            .position_of(self.roles(), role)
            .map_or(&[][..], |position| self.index.policies_of(position));
        attached.iter().map(|&p| &policies[p])
    }

    /// Every policy document in the model: standalone ones, role trust and inline policies,
    /// policy resources, repository and file system policies.
    pub fn policy_documents(&self) -> impl Iterator<Item = &PolicyDocument> {
        let roles = self
            .roles()
            .iter()
            .flat_map(|r| r.trust.iter().chain(&r.inline_policies));
        self.standalone_policies()
            .iter()
            .chain(roles)
            .chain(self.policies().iter().filter_map(|p| p.document.as_ref()))
            .chain(self.repositories().iter().filter_map(|r| r.policy.as_ref()))
            .chain(self.file_systems().iter().filter_map(|f| f.policy.as_ref()))
    }

    /// The policies in force for `role`: its inline policies, the `AWS::IAM::Policy` and
    /// `AWS::IAM::ManagedPolicy` resources attached to it, and the AWS managed policies it
    /// names. Managed policies ecslint does not know, customer managed policies by ARN, and
    /// policies only known at deploy time are unseen: they may grant anything.
    pub fn role_policies<'a>(&'a self, role: &'a Role) -> Policies<'a> {
        let mut policies = Policies {
            documents: role.inline_policies.iter().collect(),
            unseen: role.opaque_policies,
        };
        for policy in self.policies_of(role) {
            match &policy.document {
                Some(document) => policies.documents.push(document),
                None => policies.unseen = true,
            }
        }
        for arn in &role.managed_policy_arns {
            match arn.value().and_then(|arn| managed_policies::by_arn(arn)) {
                Some((_, document)) => policies.documents.push(document),
                None => policies.unseen = true,
            }
        }
        policies
    }

    /// The roles of ECS container instances, each with where the template says the
    /// instances are ECS's and how: a launch template whose user data sets `ECS_CLUSTER`,
    /// or whose Auto Scaling group a capacity provider uses; or a role that trusts
    /// `ec2.amazonaws.com` and carries AmazonEC2ContainerServiceforEC2Role. Every task on
    /// those instances can use these roles' credentials.
    pub fn ecs_instance_roles(&self) -> Vec<InstanceRole<'_>> {
        let mut found: Vec<InstanceRole> = Vec::new();
        for template in self.launch_templates() {
            let Some((span, why)) = self.ecs_instances(template) else {
                continue;
            };
            let profile = self.linked(self.instance_profiles(), template.instance_profile.as_ref());
            for role in profile.into_iter().flat_map(|p| &p.roles) {
                if let Some(role) = self.linked(self.roles(), Some(role))
                    && !found.iter().any(|f| std::ptr::eq(f.role, role))
                {
                    found.push(InstanceRole {
                        role,
                        span,
                        why: why.clone(),
                    });
                }
            }
        }
        for role in self.roles() {
            if found.iter().any(|f| std::ptr::eq(f.role, role))
                || role.trust.is_none()
                || !trusts(role, "ec2.amazonaws.com")
            {
                continue;
            }
            let agent_policy = role
                .managed_policy_arns
                .iter()
                .filter_map(Val::known)
                .find(|arn| {
                    managed_policies::by_arn(&arn.value)
                        .is_some_and(|(name, _)| name == INSTANCE_ROLE_POLICY)
                });
            if let Some(arn) = agent_policy {
                found.push(InstanceRole {
                    role,
                    span: arn.span,
                    why: format!("the role trusts EC2 and carries {INSTANCE_ROLE_POLICY}"),
                });
            }
        }
        found
    }

    /// Why the instances `template` starts are ECS container instances, and where it shows:
    /// its user data joins a cluster, or a capacity provider uses its Auto Scaling group.
    pub fn ecs_instances(&self, template: &LaunchTemplate) -> Option<(Span, String)> {
        template
            .joins_ecs_cluster
            .map(|span| (span, "the user data joins an ECS cluster".to_string()))
            .or_else(|| self.capacity_provider_using(template))
    }

    /// The capacity provider that starts instances from `template`, through its Auto
    /// Scaling group.
    fn capacity_provider_using(&self, template: &LaunchTemplate) -> Option<(Span, String)> {
        self.capacity_providers().iter().find_map(|provider| {
            let group = self.linked(
                self.auto_scaling_groups(),
                provider.auto_scaling_group.as_ref(),
            )?;
            let used = self.linked(self.launch_templates(), group.launch_template.as_ref())?;
            std::ptr::eq(used, template).then(|| {
                (
                    provider.anchor(),
                    format!(
                        "capacity provider `{}` runs ECS tasks on these instances",
                        provider.logical_id().unwrap_or("?")
                    ),
                )
            })
        })
    }
}

/// The AWS managed policy made for the ECS container agent: the baseline an instance role
/// needs.
pub const INSTANCE_ROLE_POLICY: &str = "AmazonEC2ContainerServiceforEC2Role";

/// A container instance role, with where the template makes it one.
#[derive(Debug)]
pub struct InstanceRole<'a> {
    pub role: &'a Role,
    pub span: Span,
    pub why: String,
}

/// Whether `role`'s trust policy may let the service principal `service` call
/// `sts:AssumeRole`: `false` only when the trust policy is known and certainly does not.
pub fn trusts(role: &Role, service: &str) -> bool {
    let Some(trust) = &role.trust else {
        return true;
    };
    if !trust.malformed.is_empty() {
        return true;
    }
    trust.statements.iter().any(|s| {
        let effect = s.effect.as_ref();
        let allows = s.allows() || !matches!(effect, Some(Val::Known(_)));
        let principal = s.principal.as_ref().is_some_and(|p| {
            p.everyone.is_some()
                || p.of_kind("Service").any(|v| match v {
                    Val::Known(v) => matches(&v.value, service, true) != Match::No,
                    _ => true,
                })
        });
        let assume = s.action.as_ref().is_some_and(|a| {
            a.values.iter().any(|v| match v {
                Val::Known(v) => matches(&v.value, "sts:AssumeRole", true) != Match::No,
                _ => true,
            })
        });
        allows && principal && assume
    })
}
