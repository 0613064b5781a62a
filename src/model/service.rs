//! ECS services: `create-service` input, `describe-services` output, or a declared service.

use crate::source::span::{Located, Span};

use super::{Embedded, LogicalId, Subject, Target, Val, value};

#[derive(Debug, Clone, Default)]
pub struct Service {
    pub span: Span,
    /// The resource's logical id, when it is declared in a template.
    pub id: Option<LogicalId>,
    pub service_name: Option<Val<String>>,
    pub cluster: Option<Val<Target>>,
    pub task_definition: Option<Val<Target>>,
    pub launch_type: Option<Val<String>>,
    pub capacity_provider_strategy: Vec<CapacityProviderItem>,
    pub desired_count: Option<Val<u32>>,
    pub scheduling_strategy: Option<Val<String>>,
    pub load_balancers: Vec<LoadBalancerRef>,
    /// `loadBalancers` is set but not wholly written out (a Terraform `dynamic` block).
    pub load_balancers_unknown: bool,
    pub network_configuration: Option<NetworkConfiguration>,
    pub deployment_configuration: Option<DeploymentConfiguration>,
    /// `deploymentController.type`: `ECS` (rolling, the default), `CODE_DEPLOY` or `EXTERNAL`.
    pub deployment_controller: Option<Val<String>>,
    pub platform_version: Option<Val<String>>,
    /// Where non-empty `placementConstraints` and `placementStrategy` lists are declared.
    pub placement_constraints: Option<Span>,
    pub placement_strategy: Option<Span>,
    /// Each `placementConstraints` and `placementStrategy` entry.
    pub constraints: Vec<Placement>,
    pub strategies: Vec<Placement>,
    pub service_registries: Vec<ServiceRegistry>,
    /// `enableExecuteCommand`: ECS Exec into the service's tasks.
    pub enable_execute_command: Option<Val<bool>>,
    /// The IAM role ECS uses to register the tasks with a Classic Load Balancer.
    pub role: Option<Val<Target>>,
    /// `role` is a reference that yields the declared role's name (CloudFormation's `Ref`,
    /// Terraform's `.name` or `.id`), not its ARN.
    pub role_by_name: bool,
    pub service_connect: Option<ServiceConnect>,
    /// `healthCheckGracePeriodSeconds`.
    pub health_check_grace_period: Option<Val<u32>>,
    /// Where `vpcLatticeConfigurations` is set: VPC Lattice health checks the tasks.
    pub vpc_lattice: Option<Span>,
}

/// Why a service's tasks run on Fargate.
#[derive(Debug, Clone, PartialEq)]
pub enum FargateBy {
    LaunchType(Span),
    CapacityProvider(Span, String),
    /// The service sets neither a launch type nor a strategy, and its cluster's default
    /// capacity provider strategy names Fargate.
    ClusterDefault(Span, String),
}

impl FargateBy {
    pub fn span(&self) -> Span {
        match self {
            FargateBy::LaunchType(s)
            | FargateBy::CapacityProvider(s, _)
            | FargateBy::ClusterDefault(s, _) => *s,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            FargateBy::LaunchType(_) => "its launch type is FARGATE".into(),
            FargateBy::CapacityProvider(_, name) => format!("it uses the {name} capacity provider"),
            FargateBy::ClusterDefault(_, name) => {
                format!("its cluster's default capacity provider strategy uses {name}")
            }
        }
    }
}

impl Service {
    /// Where the service asks for a public IP address for each task (`assignPublicIp:
    /// ENABLED`).
    pub fn assigns_public_ip(&self) -> Option<&Located<bool>> {
        self.network_configuration
            .as_ref()
            .and_then(|n| n.assign_public_ip.as_ref())
            .and_then(Val::known)
            .filter(|p| p.value)
    }

    /// Whether the service places its tasks on Fargate by its own settings: by `launchType`,
    /// or by a `FARGATE`/`FARGATE_SPOT` capacity provider in its strategy. (The cluster's
    /// default strategy is the graph's business: [`Model::service_fargate_by`].)
    ///
    /// [`Model::service_fargate_by`]: super::Model::service_fargate_by
    pub fn fargate_by(&self) -> Option<FargateBy> {
        if let Some(lt) = self.launch_type.as_ref().and_then(Val::known) {
            return (lt.value == "FARGATE").then_some(FargateBy::LaunchType(lt.span));
        }
        fargate_provider(&self.capacity_provider_strategy)
            .map(|(span, name)| FargateBy::CapacityProvider(span, name))
    }

    /// Where the service asks for DAEMON scheduling (one task per container instance).
    pub fn daemon(&self) -> Option<&Located<String>> {
        self.scheduling_strategy
            .as_ref()
            .and_then(Val::known)
            .filter(|s| s.value == "DAEMON")
    }

    /// Whether the service chooses where its tasks run itself (a launch type or a capacity
    /// provider strategy) rather than leaving it to the cluster's default strategy.
    pub fn chooses_placement(&self) -> bool {
        self.launch_type.is_some() || !self.capacity_provider_strategy.is_empty()
    }

    /// Where the service's `awsvpcConfiguration` is, which only awsvpc tasks take.
    pub fn awsvpc_configuration(&self) -> Option<Span> {
        self.network_configuration.as_ref()?.awsvpc_configuration
    }

    pub fn name(&self) -> Option<&String> {
        value(&self.service_name)
    }

    /// Where the service turns ECS Exec on, when it certainly does.
    pub fn execute_command(&self) -> Option<&Located<bool>> {
        super::known(&self.enable_execute_command).filter(|e| e.value)
    }

    /// "Service `web`" by its name or else its logical id, or "This service".
    pub fn subject(&self) -> Subject<'_> {
        let name = self.name().or(self.id.as_ref().map(|id| &id.value));
        Subject::new("service", name.map(String::as_str))
    }

    /// Whether deployments replace tasks in place, governed by `maximumPercent` and
    /// `minimumHealthyPercent`: a REPLICA service with the `ECS` controller and the rolling
    /// strategy (all three are the defaults).
    pub fn is_rolling_replica(&self) -> bool {
        let is = |field: &Option<Val<String>>, expected: &str| match field {
            None => true,
            Some(v) => v.value().is_some_and(|s| s == expected),
        };
        let strategy = self
            .deployment_configuration
            .as_ref()
            .and_then(|d| d.strategy.clone());
        is(&self.scheduling_strategy, "REPLICA")
            && is(&self.deployment_controller, "ECS")
            && is(&strategy, "ROLLING")
    }
}

#[derive(Debug, Clone, Default)]
pub struct CapacityProviderItem {
    pub span: Span,
    /// `FARGATE`, `FARGATE_SPOT`, or a capacity provider (often one declared in the template).
    pub capacity_provider: Option<Val<Target>>,
    /// The share of tasks (0 when omitted) and the minimum number of tasks on this provider.
    pub weight: Option<Val<u32>>,
    pub base: Option<Val<u32>>,
}

impl CapacityProviderItem {
    /// `FARGATE` or `FARGATE_SPOT` when the item names one of them.
    pub fn fargate_name(&self) -> Option<&str> {
        let name = self.capacity_provider.as_ref()?.known()?.value.name()?;
        matches!(name, "FARGATE" | "FARGATE_SPOT").then_some(name)
    }

    /// Whether ECS may place tasks on this provider: a weight above 0 or a base.
    pub fn places_tasks(&self) -> bool {
        let above_zero = |v: &Option<Val<u32>>| match v {
            None => false,
            Some(Val::Known(n)) => n.value > 0,
            Some(_) => true,
        };
        above_zero(&self.weight) || above_zero(&self.base)
    }
}

/// The first Fargate capacity provider in a strategy, with where it is named.
pub fn fargate_provider(strategy: &[CapacityProviderItem]) -> Option<(Span, String)> {
    strategy.iter().find_map(|item| {
        let name = item.fargate_name()?;
        Some((item.capacity_provider.as_ref()?.span(), name.to_string()))
    })
}

/// One entry of a service's `loadBalancers`.
#[derive(Debug, Clone, Default)]
pub struct LoadBalancerRef {
    pub span: Span,
    /// Set only for a Classic Load Balancer.
    pub load_balancer_name: Option<Val<Target>>,
    /// Set only for an Application or Network Load Balancer's target group.
    pub target_group_arn: Option<Val<Target>>,
    pub container_name: Option<Val<String>>,
    pub container_port: Option<Val<u32>>,
}

#[derive(Debug, Clone, Default)]
pub struct NetworkConfiguration {
    pub span: Span,
    pub awsvpc_configuration: Option<Span>,
    /// `awsvpcConfiguration.assignPublicIp`: `ENABLED` (the API, CloudFormation) or `true`
    /// (Terraform) is `true`.
    pub assign_public_ip: Option<Val<bool>>,
    /// `awsvpcConfiguration.subnets`.
    pub subnets: Vec<Val<Target>>,
}

#[derive(Debug, Clone, Default)]
pub struct DeploymentConfiguration {
    pub span: Span,
    pub maximum_percent: Option<Val<u32>>,
    pub minimum_healthy_percent: Option<Val<u32>>,
    /// `ROLLING` (the default), `BLUE_GREEN`, `LINEAR` or `CANARY`.
    pub strategy: Option<Val<String>>,
    /// `deploymentCircuitBreaker.enable` and `alarms.enable`: rollback triggers that only
    /// the rolling (`ECS`) controller takes.
    pub circuit_breaker: Option<Val<bool>>,
    pub alarms: Option<Val<bool>>,
}

/// A placement constraint (`type`, `expression`) or strategy (`type`, `field`) entry.
#[derive(Debug, Clone)]
pub struct Placement {
    pub span: Span,
    pub kind: Option<Val<String>>,
    /// A constraint's Cluster Query Language expression.
    pub expression: Option<Val<Embedded>>,
    /// A strategy's field (`cpu`, `memory`, `instanceId`, `attribute:…`).
    pub field: Option<Val<String>>,
}

/// A `serviceRegistries` entry: how Cloud Map finds the tasks.
#[derive(Debug, Clone)]
pub struct ServiceRegistry {
    pub span: Span,
    pub port: Option<Val<u32>>,
    pub container_name: Option<Val<String>>,
    pub container_port: Option<Val<u32>>,
}

/// A service's `serviceConnectConfiguration`.
#[derive(Debug, Clone)]
pub struct ServiceConnect {
    /// The property's name.
    pub span: Span,
    pub enabled: Option<Val<bool>>,
    /// Each `services[].portName`: a named port mapping of the task definition.
    pub port_names: Vec<Val<String>>,
}

impl ServiceConnect {
    /// Whether Service Connect is on (`enabled` is required; unknown counts as on).
    pub fn is_enabled(&self) -> bool {
        !matches!(&self.enabled, Some(Val::Known(e)) if !e.value)
    }
}
