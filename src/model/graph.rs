//! The resource graph of one template: references between resources by logical id
//! (`!Ref TaskDefinition`, `!GetAtt Role.Arn`), followed on demand. ECS API documents have no
//! links, so every query simply finds nothing there.

use crate::source::span::Span;

use super::*;

/// A resource that can be the target of a reference.
pub trait Resource {
    fn logical_id(&self) -> Option<&str>;

    /// Where to point when the resource as a whole is at fault (a property is missing):
    /// its logical id in a template, else the whole object.
    fn anchor(&self) -> Span;
}

macro_rules! declared {
    ($($ty:ty),* $(,)?) => {$(
        impl Resource for $ty {
            fn logical_id(&self) -> Option<&str> {
                self.id.as_ref().map(|id| id.value.as_str())
            }

            fn anchor(&self) -> Span {
                self.id.as_ref().map_or(self.span, |id| id.span)
            }
        }
    )*};
}

declared!(
    TaskDefinition,
    Service,
    Cluster,
    TargetGroup,
    ClassicLoadBalancer,
    Role,
    Policy,
    InstanceProfile,
    LaunchTemplate,
    AutoScalingGroup,
    CapacityProvider,
    Repository,
);

/// The resource among `items` that `reference` links to.
pub fn linked<'a, T: Resource>(items: &'a [T], reference: Option<&Val<Target>>) -> Option<&'a T> {
    match reference?.value()? {
        Target::Resource(id) => items.iter().find(|i| i.logical_id() == Some(id)),
        Target::Named(_) => None,
    }
}

/// Why a task definition's tasks run on Fargate, and where that is said.
#[derive(Debug, Clone, PartialEq)]
pub struct OnFargate {
    pub span: Span,
    /// A label for `span`: "Fargate is required here".
    pub label: String,
}

impl Model {
    /// The task definition a service runs, when the template declares it.
    pub fn task_definition_of(&self, service: &Service) -> Option<&TaskDefinition> {
        linked(&self.task_definitions, service.task_definition.as_ref())
    }

    /// The services in this template that run `td`.
    pub fn services_running<'a>(
        &'a self,
        td: &'a TaskDefinition,
    ) -> impl Iterator<Item = &'a Service> + 'a {
        self.services.iter().filter(move |s| {
            self.task_definition_of(s)
                .is_some_and(|t| std::ptr::eq(t, td))
        })
    }

    pub fn cluster_of(&self, service: &Service) -> Option<&Cluster> {
        linked(&self.clusters, service.cluster.as_ref())
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

    pub fn target_group_of(&self, lb: &LoadBalancerRef) -> Option<&TargetGroup> {
        linked(&self.target_groups, lb.target_group_arn.as_ref())
    }

    pub fn classic_load_balancer_of(&self, lb: &LoadBalancerRef) -> Option<&ClassicLoadBalancer> {
        linked(&self.classic_load_balancers, lb.load_balancer_name.as_ref())
    }

    /// The role a task's `executionRoleArn` or `taskRoleArn` names, when it is declared here.
    pub fn role(&self, field: &Option<Val<Target>>) -> Option<&Role> {
        linked(&self.roles, field.as_ref())
    }

    /// The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources attached to `role`.
    pub fn policies_of<'a>(&'a self, role: &'a Role) -> impl Iterator<Item = &'a Policy> + 'a {
        self.policies.iter().filter(move |policy| {
            policy.roles.iter().any(|r| match r.value() {
                Some(Target::Resource(id)) => role.logical_id() == Some(id.as_str()),
                // `Roles` takes role names: a written name matches the role's `RoleName`.
                Some(Target::Named(name)) => value(&role.role_name) == Some(name),
                None => false,
            })
        })
    }

    /// Every policy document in the model: standalone ones, role trust and inline policies,
    /// policy resources and repository policies.
    pub fn policy_documents(&self) -> impl Iterator<Item = &PolicyDocument> {
        let roles = self
            .roles
            .iter()
            .flat_map(|r| r.trust.iter().chain(&r.inline_policies));
        self.standalone_policies
            .iter()
            .chain(roles)
            .chain(self.policies.iter().filter_map(|p| p.document.as_ref()))
            .chain(self.repositories.iter().filter_map(|r| r.policy.as_ref()))
    }

    /// The roles of the container instances a cluster's capacity providers start: capacity
    /// provider → Auto Scaling group → launch template → instance profile → role. Every task
    /// on those instances can use these roles' credentials.
    pub fn container_instance_roles<'a>(&'a self, cluster: &'a Cluster) -> Vec<&'a Role> {
        let mut roles: Vec<&Role> = Vec::new();
        for provider in &cluster.capacity_providers {
            let Some(provider) = linked(&self.capacity_providers, Some(provider)) else {
                continue;
            };
            let group = linked(
                &self.auto_scaling_groups,
                provider.auto_scaling_group.as_ref(),
            );
            let template =
                group.and_then(|g| linked(&self.launch_templates, g.launch_template.as_ref()));
            let profile =
                template.and_then(|t| linked(&self.instance_profiles, t.instance_profile.as_ref()));
            for role in profile.into_iter().flat_map(|p| &p.roles) {
                if let Some(role) = linked(&self.roles, Some(role))
                    && !roles.iter().any(|r| std::ptr::eq(*r, role))
                {
                    roles.push(role);
                }
            }
        }
        roles
    }
}
