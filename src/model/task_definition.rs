//! Task definitions and their containers, with ECS's defaults applied where AWS applies them.

use crate::source::span::{Located, Span};

use super::{LogicalId, Placement, Target, Val, value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkMode {
    Bridge,
    Host,
    Awsvpc,
    None,
}

impl NetworkMode {
    pub fn parse(text: &str) -> Option<NetworkMode> {
        Some(match text {
            "bridge" => NetworkMode::Bridge,
            "host" => NetworkMode::Host,
            "awsvpc" => NetworkMode::Awsvpc,
            "none" => NetworkMode::None,
            _ => return None,
        })
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            NetworkMode::Bridge => "bridge",
            NetworkMode::Host => "host",
            NetworkMode::Awsvpc => "awsvpc",
            NetworkMode::None => "none",
        }
    }
}

/// A task definition: `register-task-definition` input, `describe-task-definition` output,
/// or the properties of a declared task-definition resource.
#[derive(Debug, Clone, Default)]
pub struct TaskDefinition {
    /// The whole definition (where "this task definition" diagnostics point when no single
    /// property is to blame).
    pub span: Span,
    /// The resource's logical id, when it is declared in a template.
    pub id: Option<LogicalId>,
    pub family: Option<Val<String>>,
    /// Task-level CPU in CPU units; `"1 vCPU"` has already become 1024.
    pub cpu: Option<Val<u32>>,
    /// Task-level memory in MiB; `"2 GB"` has already become 2048.
    pub memory: Option<Val<u32>>,
    pub network_mode: Option<Val<NetworkMode>>,
    pub requires_compatibilities: Option<Val<Vec<Val<String>>>>,
    pub execution_role_arn: Option<Val<Target>>,
    pub task_role_arn: Option<Val<Target>>,
    /// `runtimePlatform.operatingSystemFamily` (`LINUX`, `WINDOWS_SERVER_2022_CORE`, ...).
    pub operating_system_family: Option<Val<String>>,
    /// `runtimePlatform.cpuArchitecture`: `X86_64` (the default) or `ARM64`.
    pub cpu_architecture: Option<Val<String>>,
    pub ipc_mode: Option<Val<String>>,
    pub pid_mode: Option<Val<String>>,
    /// Where a non-empty `inferenceAccelerators` list is declared.
    pub inference_accelerators: Option<Span>,
    /// Where a non-empty task-level `placementConstraints` list is declared.
    pub placement_constraints: Option<Span>,
    /// Each `placementConstraints` entry.
    pub constraints: Vec<Placement>,
    pub containers: Vec<ContainerDefinition>,
    /// Where the `containerDefinitions` list is written.
    pub containers_span: Option<Span>,
    pub volumes: Vec<Volume>,
    pub proxy_configuration: Option<ProxyConfiguration>,
    /// `ephemeralStorage.sizeInGiB`: Fargate's task storage.
    pub ephemeral_storage: Option<Val<u32>>,
    /// Some container definitions are only known at deploy time (an element that is an
    /// expression): `containers` may not be all of them.
    pub containers_unknown: bool,
    /// The volumes are written as something only known at deploy time (a Terraform
    /// `dynamic "volume"` block, a CloudFormation `Fn::If`): `volumes` may hold others.
    pub volumes_unknown: bool,
}

impl TaskDefinition {
    /// The memory, in MiB, one task reserves on a container instance: the task's `memory`,
    /// or else the sum of its containers' `memoryReservation` (or `memory`) — how ECS
    /// places tasks on EC2. Where the task's value is written, or the one container value,
    /// or the containers. `None` unless every part is known.
    pub fn reserved_memory(&self) -> Option<Located<u32>> {
        self.reserved(&self.memory, |c| match (&c.memory_reservation, &c.memory) {
            (Some(reservation), _) => reservation.known().map(Some),
            (None, Some(memory)) => memory.known().map(Some),
            (None, None) => None,
        })
    }

    /// The CPU units one task reserves on a container instance: the task's `cpu`, or else
    /// the sum of its containers' (a container without `cpu` reserves none).
    pub fn reserved_cpu(&self) -> Option<Located<u32>> {
        self.reserved(&self.cpu, |c| match &c.cpu {
            None => Some(None),
            Some(cpu) => cpu.known().map(Some),
        })
    }

    /// The task's value, or the sum of what each container reserves: `container` says what
    /// one reserves (`Some(None)`: nothing), or `None` when that is not known.
    fn reserved<'a>(
        &'a self,
        task: &Option<Val<u32>>,
        container: impl Fn(&'a ContainerDefinition) -> Option<Option<&'a Located<u32>>>,
    ) -> Option<Located<u32>> {
        match task {
            Some(Val::Known(value)) => Some(value.clone()),
            Some(_) => None,
            None if self.containers_unknown || self.containers.is_empty() => None,
            None => {
                let parts: Vec<&Located<u32>> = self
                    .containers
                    .iter()
                    .map(container)
                    .collect::<Option<Vec<_>>>()?
                    .into_iter()
                    .flatten()
                    .collect();
                let sum = parts
                    .iter()
                    .fold(0u32, |sum, p| sum.saturating_add(p.value));
                let span = match parts.as_slice() {
                    [one] => one.span,
                    _ => self.containers_span.unwrap_or(self.span),
                };
                Some(Located::new(sum, span))
            }
        }
    }

    /// Whether `requiresCompatibilities` names `FARGATE`. AWS validates the task against
    /// Fargate's rules whenever it does, even when `EC2` is listed too.
    pub fn requires_fargate(&self) -> Option<Span> {
        self.requires_compatibility("FARGATE")
    }

    pub fn requires_compatibility(&self, name: &str) -> Option<Span> {
        let list = value(&self.requires_compatibilities)?;
        list.iter()
            .filter_map(Val::known)
            .find(|c| c.value.eq_ignore_ascii_case(name))
            .map(|c| c.span)
    }

    /// The network mode ECS will use: the declared one, or `bridge`, the default for EC2
    /// Linux tasks when the parameter is omitted (ECS task definition parameters reference).
    /// `None` when the declared value is unknown or invalid.
    pub fn effective_network_mode(&self) -> Option<NetworkMode> {
        match &self.network_mode {
            None => Some(NetworkMode::Bridge),
            Some(v) => v.value().cloned(),
        }
    }

    /// Each `dependsOn` entry that names a container of the task: the index and container
    /// that waits, the entry, and the container it waits for.
    pub fn dependencies(
        &self,
    ) -> impl Iterator<
        Item = (
            usize,
            &ContainerDefinition,
            &Dependency,
            &ContainerDefinition,
        ),
    > {
        let by_name: rustc_hash::FxHashMap<&str, &ContainerDefinition> = self
            .containers
            .iter()
            .filter_map(|c| value(&c.name).map(|n| (n.as_str(), c)))
            .collect();
        self.containers
            .iter()
            .enumerate()
            .flat_map(|(index, c)| c.depends_on.iter().map(move |d| (index, c, d)))
            .filter_map(move |(index, c, d)| {
                let target = by_name.get(value(&d.container_name)?.as_str())?;
                Some((index, c, d, *target))
            })
    }

    /// Whether the task runs Windows containers (`runtimePlatform.operatingSystemFamily`).
    pub fn is_windows(&self) -> bool {
        value(&self.operating_system_family).is_some_and(|os| os.starts_with("WINDOWS"))
    }
}

/// What a service's load balancer entry (`containerName`, `containerPort`) finds in the task
/// definition.
#[derive(Debug, Clone, Copy)]
pub enum LoadBalancedPort<'a> {
    Found(&'a ContainerDefinition, &'a PortMapping),
    /// No container has that name.
    NoContainer,
    /// The container has no port mapping with that container port.
    NoPort(&'a ContainerDefinition),
    /// A name or port involved is not known.
    Unknown,
}

impl TaskDefinition {
    /// The container and port mapping a load balancer entry sends traffic to.
    pub fn load_balanced_port(&self, lb: &super::LoadBalancerRef) -> LoadBalancedPort<'_> {
        self.mapped_port(&lb.container_name, &lb.container_port)
    }

    /// The container named `container_name` and its mapping of `container_port`, as a load
    /// balancer entry or a service registry names them.
    pub fn mapped_port(
        &self,
        container_name: &Option<Val<String>>,
        container_port: &Option<Val<u32>>,
    ) -> LoadBalancedPort<'_> {
        let (Some(name), Some(port)) = (value(container_name), value(container_port)) else {
            return LoadBalancedPort::Unknown;
        };
        if self.containers.iter().any(|c| value(&c.name).is_none()) {
            return LoadBalancedPort::Unknown;
        }
        let Some(container) = self
            .containers
            .iter()
            .find(|c| value(&c.name) == Some(name))
        else {
            return LoadBalancedPort::NoContainer;
        };
        if let Some(mapping) = container
            .port_mappings
            .iter()
            .find(|m| value(&m.container_port) == Some(port))
        {
            return LoadBalancedPort::Found(container, mapping);
        }
        if container
            .port_mappings
            .iter()
            .any(|m| value(&m.container_port).is_none())
        {
            return LoadBalancedPort::Unknown;
        }
        LoadBalancedPort::NoPort(container)
    }

    /// The container a load balancer entry sends traffic to, when its port gets a dynamic
    /// host port (bridge mode, `hostPort` omitted or 0), with where that mapping is written.
    pub fn dynamic_load_balanced_port(
        &self,
        lb: &super::LoadBalancerRef,
    ) -> Option<(&ContainerDefinition, Span)> {
        let LoadBalancedPort::Found(container, mapping) = self.load_balanced_port(lb) else {
            return None;
        };
        if mapping.binding(self.effective_network_mode().as_ref()) != HostBinding::Dynamic {
            return None;
        }
        let written = mapping
            .host_port
            .as_ref()
            .or(mapping.container_port.as_ref());
        Some((container, written.map_or(mapping.span, Val::span)))
    }
}

#[derive(Debug, Clone, Default)]
pub struct ContainerDefinition {
    pub span: Span,
    pub name: Option<Val<String>>,
    /// The image; parts only known at deploy time (`${AWS::AccountId}`) stay as `${Name}`.
    pub image: Option<Val<String>>,
    pub essential: Option<Val<bool>>,
    /// CPU units the container reserves.
    pub cpu: Option<Val<u32>>,
    /// The hard memory limit, MiB.
    pub memory: Option<Val<u32>>,
    /// The soft memory limit, MiB.
    pub memory_reservation: Option<Val<u32>>,
    pub port_mappings: Vec<PortMapping>,
    pub log_configuration: Option<LogConfiguration>,
    /// Where a non-empty `secrets` list is declared.
    pub secrets: Option<Span>,
    /// Where `repositoryCredentials` is declared.
    pub repository_credentials: Option<Span>,
    /// The secrets the execution role reads for this container (`secrets`, the log
    /// driver's `secretOptions`, registry credentials): ARNs or parameter names, as patterns.
    pub secret_sources: Vec<Val<String>>,
    pub privileged: Option<Val<bool>>,
    pub disable_networking: Option<Val<bool>>,
    /// Where each of these non-empty lists is declared.
    pub links: Option<Span>,
    pub dns_servers: Option<Span>,
    pub dns_search_domains: Option<Span>,
    pub docker_security_options: Option<Span>,
    pub extra_hosts: Option<Span>,
    pub max_swap: Option<Val<u32>>,
    pub swappiness: Option<Val<u32>>,
    /// The `type` of each `resourceRequirements` entry (`GPU`, `InferenceAccelerator`).
    pub resource_requirements: Vec<Val<String>>,
    /// `dependsOn`: the containers this one waits for, and for what.
    pub depends_on: Vec<Dependency>,
    /// `mountPoints`, each with a `sourceVolume`.
    pub mount_points: Vec<MountPoint>,
    /// Each `volumesFrom[].sourceContainer`.
    pub volumes_from: Vec<Val<String>>,
    /// `firelensConfiguration`: this container is the task's log router.
    pub firelens: Option<Firelens>,
    /// Seconds ECS waits after stopping the container before killing it.
    pub stop_timeout: Option<Val<u32>>,
    /// `linuxParameters.capabilities.add`.
    pub capabilities_add: Vec<Val<String>>,
    /// Where each of these `linuxParameters` is declared.
    pub devices: Option<Span>,
    pub shared_memory_size: Option<Span>,
    pub tmpfs: Option<Span>,
    pub ulimits: Vec<Ulimit>,
    pub environment_files: Vec<EnvironmentFile>,
    /// `environment`: variables written into the task definition, readable by anyone who may
    /// describe it.
    pub environment: Vec<EnvironmentVariable>,
    /// Where `healthCheck` is declared.
    pub health_check: Option<Span>,
    /// Where each of these is declared (Linux-only parameters).
    pub user: Option<Span>,
    pub linux_parameters: Option<Span>,
    pub system_controls: Option<Span>,
    pub readonly_root_filesystem: Option<Val<bool>>,
}

/// A task's `proxyConfiguration`: the App Mesh proxy.
#[derive(Debug, Clone, Default)]
pub struct ProxyConfiguration {
    /// The property's name.
    pub span: Span,
    pub container_name: Option<Val<String>>,
    /// The names of its `properties` (`AppPorts`, `ProxyIngressPort`, …); `None` when the
    /// list is not wholly written out.
    pub properties: Option<Vec<String>>,
}

/// A container's `firelensConfiguration`.
#[derive(Debug, Clone, Default)]
pub struct Firelens {
    /// The property's name.
    pub span: Span,
    /// `fluentbit` or `fluentd`.
    pub kind: Option<Val<String>>,
    /// The `config-file-type` and `config-file-value` options: where a custom router
    /// configuration comes from (`s3` or `file`).
    pub config_file_type: Option<Located<String>>,
    pub config_file_value: Option<Located<String>>,
}

/// One `ulimits` entry.
#[derive(Debug, Clone, Default)]
pub struct Ulimit {
    pub span: Span,
    pub name: Option<Val<String>>,
    pub soft_limit: Option<Val<u32>>,
    pub hard_limit: Option<Val<u32>>,
}

/// One `environment` entry.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentVariable {
    pub span: Span,
    pub name: Option<Val<String>>,
    pub value: Option<Val<String>>,
}

/// One `environmentFiles` entry: an S3 object of `VARIABLE=value` lines.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentFile {
    pub span: Span,
    /// The object's ARN, as a pattern.
    pub value: Option<Val<String>>,
    /// `s3`, the only type.
    pub kind: Option<Val<String>>,
}

/// One `dependsOn` entry.
#[derive(Debug, Clone, Default)]
pub struct Dependency {
    pub span: Span,
    pub container_name: Option<Val<String>>,
    /// `START`, `COMPLETE`, `SUCCESS` or `HEALTHY`.
    pub condition: Option<Val<String>>,
}

impl ContainerDefinition {
    /// `essential` defaults to true when omitted (ECS API reference, ContainerDefinition).
    pub fn is_essential(&self) -> bool {
        !matches!(value(&self.essential), Some(false))
    }

    /// How messages name the container at `index`: `` `web` ``, or `#2` when it has no name.
    /// Written only when displayed, since rules name containers in messages they rarely emit.
    pub fn name_or_index(&self, index: usize) -> ContainerName<'_> {
        ContainerName {
            name: value(&self.name),
            index,
        }
    }
}

/// A container as messages name it ([`ContainerDefinition::name_or_index`]).
#[derive(Debug, Clone, Copy)]
pub struct ContainerName<'a> {
    name: Option<&'a String>,
    index: usize,
}

impl std::fmt::Display for ContainerName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.name {
            Some(name) => write!(f, "`{name}`"),
            None => write!(f, "#{}", self.index + 1),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PortMapping {
    pub span: Span,
    pub container_port: Option<Val<u32>>,
    pub host_port: Option<Val<u32>>,
    /// `tcp` when omitted (ECS API reference, PortMapping).
    pub protocol: Option<Val<String>>,
    /// The mapping's name, which Service Connect refers to.
    pub name: Option<Val<String>>,
    /// Where `containerPortRange` is declared.
    pub container_port_range: Option<Span>,
}

/// How a port mapping binds on the container instance.
#[derive(Debug, Clone, PartialEq)]
pub enum HostBinding<'a> {
    /// A fixed port on the instance: a bridge-mode `hostPort`, or in host mode the host (or
    /// container) port itself. Only one task on the instance can have it.
    Static(&'a Located<u32>),
    /// Bridge mode with `hostPort` omitted or 0: Docker picks a port from the ephemeral
    /// range for each task.
    Dynamic,
    /// The task's own network interface (awsvpc), no network (none), or not known.
    NotOnHost,
}

impl PortMapping {
    /// How this mapping binds on the instance in network mode `mode`.
    pub fn binding(&self, mode: Option<&NetworkMode>) -> HostBinding<'_> {
        let host = match &self.host_port {
            None => None,
            Some(Val::Known(port)) => Some(port).filter(|p| p.value != 0),
            Some(_) => return HostBinding::NotOnHost,
        };
        match (mode, host) {
            (Some(NetworkMode::Bridge), Some(port)) => HostBinding::Static(port),
            (Some(NetworkMode::Bridge), None) => HostBinding::Dynamic,
            (Some(NetworkMode::Host), Some(port)) => HostBinding::Static(port),
            (Some(NetworkMode::Host), None) => match &self.container_port {
                Some(Val::Known(port)) => HostBinding::Static(port),
                _ => HostBinding::NotOnHost,
            },
            _ => HostBinding::NotOnHost,
        }
    }

    pub fn protocol(&self) -> Option<String> {
        match &self.protocol {
            None => Some("tcp".into()),
            Some(v) => v.value().map(|p| p.to_ascii_lowercase()),
        }
    }
}

/// A task-level volume. Which kind it is decides where it can run: bind mounts with a
/// `host.sourcePath`, Docker volumes and FSx for Windows volumes are EC2-only.
#[derive(Debug, Clone, Default)]
pub struct Volume {
    pub span: Span,
    pub name: Option<Val<String>>,
    pub host_source_path: Option<Val<String>>,
    /// Where each kind of volume configuration is declared.
    pub docker_volume_configuration: Option<Span>,
    /// `dockerVolumeConfiguration.driver` (Docker's `local` when omitted).
    pub docker_volume_driver: Option<Val<String>>,
    pub efs: Option<EfsVolume>,
    pub fsx_windows_file_server_volume_configuration: Option<Span>,
}

/// A container's `mountPoints` entry.
#[derive(Debug, Clone)]
pub struct MountPoint {
    pub source_volume: Val<String>,
    pub container_path: Option<Val<String>>,
    /// `readOnly` (`false` when omitted).
    pub read_only: Option<Val<bool>>,
}

impl MountPoint {
    /// Whether the container may write to the volume: not when `readOnly` is `true`, nor
    /// when it is unknown (`None`).
    pub fn writable(&self) -> Option<bool> {
        match &self.read_only {
            None => Some(true),
            Some(read_only) => read_only.value().map(|r| !r),
        }
    }
}

/// An `efsVolumeConfiguration`.
#[derive(Debug, Clone, Default)]
pub struct EfsVolume {
    /// The property's name.
    pub span: Span,
    /// `fileSystemId`: a file system of the template, or its id written out.
    pub file_system: Option<Val<Target>>,
    /// `ENABLED` or `DISABLED` (the default).
    pub transit_encryption: Option<Val<String>>,
    pub root_directory: Option<Val<String>>,
    /// `authorizationConfig.accessPointId`, as a pattern.
    pub access_point_id: Option<Val<String>>,
    /// `authorizationConfig.iam`: `ENABLED` mounts with the task role's credentials.
    pub iam: Option<Val<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct LogConfiguration {
    pub span: Span,
    pub log_driver: Option<Val<String>>,
    /// The driver's `options`, in order, with their values.
    pub options: Option<Val<Vec<LogOption>>>,
    /// Where a non-empty `secretOptions` list is declared.
    pub secret_options: Option<Span>,
}

/// One of a log configuration's `options`.
#[derive(Debug, Clone)]
pub struct LogOption {
    pub name: String,
    pub name_span: Span,
    pub value: Val<String>,
}
