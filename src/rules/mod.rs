//! The rules: one file each, grouped by family, all registered in [`RULES`].
//!
//! A rule is declared with [`declare_rule!`]: its doc comment and metadata sit in one place
//! and feed `ecslint explain`, the generated page in `rules/` and SARIF's `rules[]`.

pub mod apprunner;
pub mod asg;
pub mod ecr;
pub mod ecs_clu;
pub mod ecs_exec;
pub mod ecs_inst;
pub mod ecs_svc;
pub mod ecs_td;
pub mod eks;
pub mod elb;
pub mod fargate;
pub mod iam;
pub mod input;
pub mod pages;

use crate::diagnostic::{Severity, Sink};
use crate::model::Model;

/// Everything known about a rule except its logic.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable forever, never reused: `FARGATE-001`.
    pub id: &'static str,
    /// kebab-case, naming the bad pattern: `invalid-fargate-cpu-memory`.
    pub name: &'static str,
    pub severity: Severity,
    /// One sentence: what the rule finds.
    pub summary: &'static str,
    pub tags: &'static [&'static str],
    /// GitHub code scanning's score ("0.1"–"10.0") for security rules.
    pub security_severity: Option<&'static str>,
    /// The AWS document the rule's facts come from.
    pub reference: &'static str,
    /// The doc comment, as written (each line keeps the space after `///`).
    pub raw_docs: &'static str,
    /// Whether the rule runs without being asked for. Advice that real repositories trip
    /// over by the hundred (a writable root file system, an image by tag) is off until
    /// `select` or `extend-select` names it, so it never drowns the errors.
    pub enabled_by_default: bool,
}

impl RuleMeta {
    /// The rule's documentation in Markdown: *What it does*, *Why is this bad?*, examples,
    /// *References*.
    pub fn docs(&self) -> String {
        self.raw_docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// Whether the selector (an id, a name, or an id prefix such as `FARGATE` or `ECS-TD`)
    /// names this rule.
    /// Whether a selector names this rule: `ALL`, its id, its name, or its family (`IAM`,
    /// `ECS-TD`): a prefix that ends where the id has a `-`, so `IAM-00` names no rule.
    pub fn matches(&self, selector: &str) -> bool {
        let selector = selector.trim();
        if selector.eq_ignore_ascii_case("ALL") || self.name.eq_ignore_ascii_case(selector) {
            return true;
        }
        let Some(prefix) = self.id.get(..selector.len()) else {
            return false;
        };
        let at_boundary = selector.len() == self.id.len()
            || self.id.as_bytes().get(selector.len()) == Some(&b'-');
        at_boundary && prefix.eq_ignore_ascii_case(selector)
    }
}

/// `enabled_by_default`, as `declare_rule!` was given it: on unless it says `false`.
pub const fn enabled_by_default(given: &[bool]) -> bool {
    match given {
        [enabled] => *enabled,
        _ => true,
    }
}

/// A rule's metadata, implemented by [`declare_rule!`].
pub trait Declared {
    fn meta() -> &'static RuleMeta;
}

/// A rule's logic over one document's model.
pub trait Check {
    fn check(&self, model: &Model, sink: &mut Sink);
}

/// A registered rule.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, model: &Model, sink: &mut Sink);
}

impl<T: Declared + Check + Send + Sync> Rule for T {
    fn meta(&self) -> &'static RuleMeta {
        T::meta()
    }

    fn check(&self, model: &Model, sink: &mut Sink) {
        Check::check(self, model, sink);
    }
}

/// Declares a rule: its doc comment (the rule's page) and metadata, in one place.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $rule:ident {
            id: $id:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            tags: [$($tag:literal),* $(,)?],
            security_severity: $security:expr,
            reference: $reference:literal
            $(, enabled_by_default: $enabled:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $rule;

        impl $crate::rules::Declared for $rule {
            fn meta() -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                    id: $id,
                    name: $name,
                    severity: $crate::diagnostic::Severity::$severity,
                    summary: $summary,
                    tags: &[$($tag),*],
                    security_severity: $security,
                    reference: $reference,
                    raw_docs: concat!($($doc, "\n"),*),
                    enabled_by_default: $crate::rules::enabled_by_default(&[$($enabled)?]),
                };
                &META
            }
        }
    };
}

/// Every rule that checks the model, in id order.
pub static RULES: &[&dyn Rule] = &[
    &ecs_exec::execution_role_required::ExecutionRoleRequired,
    &ecs_exec::execution_role_ecr::ExecutionRoleEcr,
    &ecs_exec::execution_role_logs::ExecutionRoleLogs,
    &ecs_exec::execution_role_secrets::ExecutionRoleSecrets,
    &ecs_exec::execution_role_s3::ExecutionRoleS3,
    &ecs_exec::role_trust::RoleTrust,
    &ecs_exec::efs_task_role::EfsTaskRole,
    &ecs_exec::ecs_exec_task_role::EcsExecTaskRole,
    &ecs_exec::read_only_root::ExecReadOnlyRoot,
    &ecs_inst::imds_reachable::ImdsReachable,
    &ecs_inst::instance_role_exceeds_baseline::InstanceRoleExceedsBaseline,
    &ecs_inst::instance_role_admin::InstanceRoleAdmin,
    &ecs_inst::termination_protection::TerminationProtection,
    &ecs_inst::unusable_provider_group::UnusableProviderGroup,
    &ecs_inst::task_larger_than_instance::TaskLargerThanInstance,
    &ecs_svc::network_configuration_without_awsvpc::NetworkConfigurationWithoutAwsvpc,
    &ecs_svc::public_ip_on_ec2::PublicIpOnEc2,
    &ecs_svc::awsvpc_network_configuration::AwsvpcNetworkConfiguration,
    &ecs_svc::launch_type_with_capacity_provider::LaunchTypeWithCapacityProvider,
    &ecs_svc::load_balancer_container::LoadBalancerContainer,
    &ecs_svc::target_type::TargetType,
    &ecs_svc::dynamic_port_health_check::DynamicPortHealthCheck,
    &ecs_svc::static_host_port_copies::StaticHostPortCopies,
    &ecs_svc::spare_instance::SpareInstance,
    &ecs_svc::deployment_deadlock::DeploymentDeadlock,
    &ecs_svc::daemon_deployment_controller::DaemonDeploymentController,
    &ecs_svc::service_role::ServiceRole,
    &ecs_svc::load_balancer_entry::LoadBalancerEntry,
    &ecs_svc::target_group_without_listener::TargetGroupWithoutListener,
    &ecs_svc::circuit_breaker_controller::CircuitBreakerController,
    &ecs_svc::placement_strategy::PlacementStrategy,
    &ecs_svc::placement_constraint::PlacementConstraint,
    &ecs_svc::external_launch_type::ExternalLaunchType,
    &ecs_svc::service_registry::ServiceRegistry,
    &ecs_svc::service_connect::ServiceConnectCheck,
    &ecs_svc::capacity_provider_strategy::CapacityProviderStrategy,
    &ecs_svc::fargate_spot_platform::SpotPlatform,
    &ecs_svc::service_public_ip::ServicePublicIp,
    &ecs_svc::egress_route::FargateWithoutEgressRoute,
    &ecs_svc::unused_grace_period::UnusedGracePeriod,
    &ecs_svc::capacity_provider_association_race::CapacityProviderAssociationRace,
    &ecs_svc::circuit_breaker_disabled::CircuitBreakerDisabled,
    &ecs_td::no_essential_container::NoEssentialContainer,
    &ecs_td::memory_reservation::MemoryReservation,
    &ecs_td::container_memory_unset::ContainerMemoryUnset,
    &ecs_td::completion_dependency::CompletionDependency,
    &ecs_td::unknown_container_reference::UnknownContainerReference,
    &ecs_td::depends_on_cycle::DependsOnCycle,
    &ecs_td::network_mode_parameters::NetworkModeParameters,
    &ecs_td::container_resources::ContainerResources,
    &ecs_td::healthy_dependency::HealthyDependency,
    &ecs_td::too_many_containers::TooManyContainers,
    &ecs_td::windows_parameters::WindowsParameters,
    &ecs_td::proxy_configuration::ProxyConfigurationCheck,
    &ecs_td::secret_reference::SecretReference,
    &ecs_td::firelens_router::FirelensRouter,
    &ecs_td::ulimits::Ulimits,
    &ecs_td::efs_authorization::EfsAuthorization,
    &ecs_td::environment_files::EnvironmentFiles,
    &ecs_td::host_port_must_match::HostPortMustMatch,
    &ecs_td::duplicate_host_port::DuplicateHostPort,
    &ecs_td::awslogs_options::AwslogsOptions,
    &ecs_td::static_host_port::StaticHostPort,
    &ecs_td::same_task_and_execution_role::SameTaskAndExecutionRole,
    &ecs_td::privileged_container::PrivilegedContainer,
    &ecs_td::host_namespaces::HostNamespaces,
    &ecs_td::sensitive_host_mount::SensitiveHostMount,
    &ecs_td::plaintext_secret::PlaintextSecret,
    &ecs_td::efs_transit_encryption::EfsTransitEncryption,
    &ecs_td::writable_root_filesystem::WritableRootFilesystem,
    &ecs_td::mutable_image_reference::MutableImageReference,
    &eks::fargate_profile::FargateProfileCheck,
    &eks::public_subnet::FargateProfilePublicSubnet,
    &apprunner::instance_size::InstanceSize,
    &elb::classic_dynamic_port::ClassicDynamicPort,
    &elb::classic_instance_port::ClassicInstancePort,
    &asg::scalable_target_range::ScalableTargetRange,
    &asg::ecs_scalable_target::EcsScalableTarget,
    &asg::request_count_scaling::RequestCountScaling,
    &asg::desired_count_range::DesiredCountRange,
    &ecr::lifecycle_policy::LifecyclePolicyCheck,
    &ecr::mutable_tags::MutableTags,
    &ecr::scan_on_push::ScanOnPush,
    &ecr::kms_encryption::KmsEncryption,
    &ecr::public_policy::PublicPolicy,
    &ecr::external_write::ExternalWrite,
    &ecr::reused_tag::ReusedTag,
    &ecs_clu::container_insights::ContainerInsights,
    &ecs_clu::exec_audit::ExecAudit,
    &fargate::cpu_memory_combination::CpuMemoryCombination,
    &fargate::task_size_required::TaskSizeRequired,
    &fargate::windows_task_size::WindowsTaskSize,
    &fargate::network_mode_awsvpc::NetworkModeAwsvpc,
    &fargate::unsupported_parameter::UnsupportedParameter,
    &fargate::stop_timeout::StopTimeout,
    &fargate::ephemeral_storage::EphemeralStorage,
    &fargate::platform_version::PlatformVersion,
    &fargate::firelens_config_file::FirelensConfigFile,
    &fargate::log_driver::LogDriver,
    &fargate::service_task_compatibility::ServiceTaskCompatibility,
    &fargate::daemon_service::DaemonService,
    &fargate::service_placement::ServicePlacement,
    &fargate::classic_load_balancer::ClassicLoadBalancer,
    &iam::version::Version,
    &iam::statement_structure::StatementStructure,
    &iam::sid::Sid,
    &iam::unknown_action::UnknownAction,
    &iam::principal_placement::PrincipalPlacement,
    &iam::admin_star::AdminStar,
    &iam::service_wildcard::ServiceWildcard,
    &iam::resource_star::ResourceStar,
    &iam::passrole_star::PassRoleStar,
    &iam::not_elements_with_allow::NotElementsWithAllow,
    &iam::privilege_escalation::PrivilegeEscalation,
    &iam::trust_wildcard::TrustWildcard,
    &iam::trust_account::TrustAccount,
    &iam::condition_operators::ConditionOperators,
];

/// Every rule's metadata, including the checks the engine runs itself (unparsable input,
/// schema violations, unused suppressions), sorted by id.
/// A parameter's name as the user wrote it, for messages that list parameters by name; a
/// qualifier before it (`GPU resourceRequirements`, `ARM64 cpuArchitecture`) stays.
pub fn spelled(name: &str, spell: impl Fn(&str) -> String) -> String {
    match name.split_once(' ') {
        Some((qualifier, name)) => format!("{qualifier} {}", spell(name)),
        None => spell(name),
    }
}

pub fn all() -> Vec<&'static RuleMeta> {
    let mut all: Vec<&'static RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
    all.push(input::parse_error::ParseError::meta());
    all.push(input::schema_violation::SchemaViolation::meta());
    all.push(input::unused_suppression::UnusedSuppression::meta());
    all.push(input::duplicate_key::DuplicateKey::meta());
    all.sort_by_key(|m| m.id);
    all
}

/// Whether a selector (id, name, family or `ALL`) names at least one rule.
pub fn is_selector(selector: &str) -> bool {
    static ALL: std::sync::OnceLock<Vec<&'static RuleMeta>> = std::sync::OnceLock::new();
    ALL.get_or_init(all).iter().any(|r| r.matches(selector))
}

/// The rule with this id or name.
pub fn find(id_or_name: &str) -> Option<&'static RuleMeta> {
    all()
        .into_iter()
        .find(|m| m.id.eq_ignore_ascii_case(id_or_name) || m.name.eq_ignore_ascii_case(id_or_name))
}
