//! Filling the model from a task-definition or service object, whatever the dialect: the
//! reader supplies the spelling and the value resolution, so this code is written once.

use crate::facts::ecs::{parse_cpu_units, parse_memory_mib};
use crate::model::*;
use crate::source::embedded::PositionMap;
use crate::source::span::Located;
use crate::source::tree::Node;

use super::reader::{Reader, Scalar};

pub fn task_definition(r: &Reader, obj: &Node) -> TaskDefinition {
    let runtime_platform = r.get(obj, "runtimePlatform");
    let documents = r.documents();
    TaskDefinition {
        span: obj.span,
        id: None,
        family: r.string(obj, "family"),
        cpu: r.parsed(obj, "cpu", |s| parse_cpu_units(s.text())),
        memory: r.parsed(obj, "memory", |s| parse_memory_mib(s.text())),
        network_mode: r.parsed(obj, "networkMode", |s| NetworkMode::parse(s.text())),
        requires_compatibilities: r.list(obj, "requiresCompatibilities", |s| s.string()),
        execution_role_arn: r.target(obj, "executionRoleArn"),
        task_role_arn: r.target(obj, "taskRoleArn"),
        operating_system_family: runtime_platform
            .and_then(|p| r.string(p, "operatingSystemFamily")),
        cpu_architecture: runtime_platform.and_then(|p| r.string(p, "cpuArchitecture")),
        ipc_mode: r.string(obj, "ipcMode"),
        pid_mode: r.string(obj, "pidMode"),
        inference_accelerators: r.present(obj, "inferenceAccelerators"),
        placement_constraints: r.present(obj, "placementConstraints"),
        constraints: placements(r, obj, "placementConstraints"),
        containers: r
            .objects(obj, "containerDefinitions")
            .map(|c| container(&documents, c))
            .collect(),
        containers_unknown: not_all_objects(r, obj, "containerDefinitions"),
        containers_span: r.get(obj, "containerDefinitions").map(|c| c.span),
        proxy_configuration: proxy_configuration(r, obj),
        ephemeral_storage: r
            .get(obj, "ephemeralStorage")
            .and_then(|e| r.u32(e, "sizeInGiB")),
        volumes_unknown: not_all_objects(r, obj, "volumes"),
        volumes: r
            .objects(obj, "volumes")
            .map(|v| Volume {
                span: v.span,
                name: r.string(v, "name"),
                host_source_path: r.get(v, "host").and_then(|h| r.string(h, "sourcePath")),
                docker_volume_configuration: r.present(v, "dockerVolumeConfiguration"),
                docker_volume_driver: r
                    .get(v, "dockerVolumeConfiguration")
                    .and_then(|d| r.string(d, "driver")),
                efs: efs_volume(r, v),
                fsx_windows_file_server_volume_configuration: r
                    .present(v, "fsxWindowsFileServerVolumeConfiguration"),
            })
            .collect(),
    }
}

fn container(r: &Reader, obj: &Node) -> ContainerDefinition {
    let linux = r.get(obj, "linuxParameters");
    ContainerDefinition {
        span: obj.span,
        name: r.string(obj, "name"),
        image: r.pattern(obj, "image"),
        essential: r.bool(obj, "essential"),
        cpu: r.u32(obj, "cpu"),
        memory: r.u32(obj, "memory"),
        memory_reservation: r.u32(obj, "memoryReservation"),
        port_mappings: r
            .objects(obj, "portMappings")
            .map(|p| PortMapping {
                span: p.span,
                container_port: r.u32(p, "containerPort"),
                host_port: r.u32(p, "hostPort"),
                protocol: r.string(p, "protocol"),
                name: r.string(p, "name"),
                container_port_range: r.present(p, "containerPortRange"),
            })
            .collect(),
        log_configuration: r.get(obj, "logConfiguration").map(|l| LogConfiguration {
            span: l.span,
            log_driver: r.string(l, "logDriver"),
            options: r.members(l, "options", |name, name_span, node| LogOption {
                name: name.to_string(),
                name_span,
                value: r.value_string(node),
            }),
            secret_options: r.present(l, "secretOptions"),
        }),
        secrets: r.present(obj, "secrets"),
        repository_credentials: r.present(obj, "repositoryCredentials"),
        secret_sources: secret_sources(r, obj),
        privileged: r.bool(obj, "privileged"),
        disable_networking: r.bool(obj, "disableNetworking"),
        links: r.present(obj, "links"),
        dns_servers: r.present(obj, "dnsServers"),
        dns_search_domains: r.present(obj, "dnsSearchDomains"),
        docker_security_options: r.present(obj, "dockerSecurityOptions"),
        extra_hosts: r.present(obj, "extraHosts"),
        max_swap: linux.and_then(|l| r.u32(l, "maxSwap")),
        swappiness: linux.and_then(|l| r.u32(l, "swappiness")),
        resource_requirements: r
            .objects(obj, "resourceRequirements")
            .filter_map(|req| r.string(req, "type"))
            .collect(),
        depends_on: r
            .objects(obj, "dependsOn")
            .map(|d| Dependency {
                span: d.span,
                container_name: r.string(d, "containerName"),
                condition: r.string(d, "condition"),
            })
            .collect(),
        mount_points: r
            .objects(obj, "mountPoints")
            .filter_map(|m| {
                Some(MountPoint {
                    source_volume: r.string(m, "sourceVolume")?,
                    container_path: r.string(m, "containerPath"),
                    read_only: r.bool(m, "readOnly"),
                })
            })
            .collect(),
        volumes_from: r
            .objects(obj, "volumesFrom")
            .filter_map(|v| r.string(v, "sourceContainer"))
            .collect(),
        firelens: firelens(r, obj),
        stop_timeout: r.u32(obj, "stopTimeout"),
        capabilities_add: linux
            .and_then(|l| r.get(l, "capabilities"))
            .and_then(|c| r.list(c, "add", |s| s.string()))
            .and_then(|v| v.value().cloned())
            .unwrap_or_default(),
        devices: linux.and_then(|l| r.present(l, "devices")),
        shared_memory_size: linux.and_then(|l| r.present(l, "sharedMemorySize")),
        tmpfs: linux.and_then(|l| r.present(l, "tmpfs")),
        ulimits: r
            .objects(obj, "ulimits")
            .map(|u| Ulimit {
                span: u.span,
                name: r.string(u, "name"),
                soft_limit: r.u32(u, "softLimit"),
                hard_limit: r.u32(u, "hardLimit"),
            })
            .collect(),
        environment_files: r
            .objects(obj, "environmentFiles")
            .map(|f| EnvironmentFile {
                span: f.span,
                value: r.reference(f, "value"),
                kind: r.string(f, "type"),
            })
            .collect(),
        environment: r
            .objects(obj, "environment")
            .map(|v| EnvironmentVariable {
                span: v.span,
                name: r.string(v, "name"),
                value: r.string(v, "value"),
            })
            .collect(),
        health_check: r.present(obj, "healthCheck"),
        user: r.present(obj, "user"),
        linux_parameters: r.present(obj, "linuxParameters"),
        system_controls: r.present(obj, "systemControls"),
        readonly_root_filesystem: r.bool(obj, "readonlyRootFilesystem"),
    }
}

/// The App Mesh proxy. Its properties are a list of `name`/`value` pairs in the API, named
/// `ProxyConfigurationProperties` in CloudFormation, and a map in Terraform.
fn proxy_configuration(r: &Reader, task: &Node) -> Option<ProxyConfiguration> {
    // Not written out as an object (a Terraform `dynamic` block): maybe no proxy at all.
    let node = r
        .get(task, "proxyConfiguration")
        .filter(|n| n.as_object().is_some())?;
    const NAMES: [&str; 2] = ["properties", "proxyConfigurationProperties"];
    let listed = NAMES
        .into_iter()
        .find_map(|camel| r.get(node, camel).map(|list| (camel, list)));
    let written = |camel: &str| {
        node.as_object()
            .is_some_and(|entries| entries.iter().any(|e| r.spelling.matches(&e.key, camel)))
    };
    let properties = match listed {
        // Set to something only known at deploy time.
        None if NAMES.iter().any(|camel| written(camel)) => None,
        None => Some(Vec::new()),
        Some((camel, list)) if list.as_array().is_some() => {
            if not_all_objects(r, node, camel) {
                None
            } else {
                r.objects(node, camel)
                    .map(|p| r.string(p, "name").and_then(|n| n.value().cloned()))
                    .collect()
            }
        }
        Some((camel, _)) => match r.members(node, camel, |name, _, _| name.to_string()) {
            Some(Val::Known(names)) => Some(names.value),
            _ => None,
        },
    };
    Some(ProxyConfiguration {
        span: r.present(task, "proxyConfiguration").unwrap_or(node.span),
        container_name: r.string(node, "containerName"),
        properties,
    })
}

fn firelens(r: &Reader, container: &Node) -> Option<Firelens> {
    let node = r.get(container, "firelensConfiguration")?;
    let span = r
        .present(container, "firelensConfiguration")
        .unwrap_or(node.span);
    // Option names are data, written the same in every dialect.
    let option = |name: &str| {
        let options = r.get(node, "options")?.as_object()?;
        let entry = options.iter().rev().find(|e| e.key == name)?;
        r.value_string(r.resolve.structure(&entry.value)?)
            .known()
            .cloned()
    };
    Some(Firelens {
        span,
        kind: r.string(node, "type"),
        config_file_type: option("config-file-type"),
        config_file_value: option("config-file-value"),
    })
}

fn efs_volume(r: &Reader, volume: &Node) -> Option<EfsVolume> {
    let node = r.get(volume, "efsVolumeConfiguration")?;
    let authorization = r.get(node, "authorizationConfig");
    Some(EfsVolume {
        span: r
            .present(volume, "efsVolumeConfiguration")
            .unwrap_or(node.span),
        file_system: r.target(node, "fileSystemId"),
        transit_encryption: r.string(node, "transitEncryption"),
        root_directory: r.string(node, "rootDirectory"),
        access_point_id: authorization.and_then(|a| r.reference(a, "accessPointId")),
        iam: authorization.and_then(|a| r.string(a, "iam")),
    })
}

pub fn service(r: &Reader, obj: &Node) -> Service {
    Service {
        span: obj.span,
        id: None,
        service_name: r.string(obj, "serviceName"),
        cluster: r.target(obj, "cluster"),
        task_definition: r.target(obj, "taskDefinition"),
        launch_type: r.string(obj, "launchType"),
        capacity_provider_strategy: capacity_provider_strategy(r, obj, "capacityProviderStrategy"),
        desired_count: r.u32(obj, "desiredCount"),
        scheduling_strategy: r.string(obj, "schedulingStrategy"),
        load_balancers: r
            .objects(obj, "loadBalancers")
            .map(|lb| LoadBalancerRef {
                span: lb.span,
                load_balancer_name: r.target(lb, "loadBalancerName"),
                target_group_arn: r.target(lb, "targetGroupArn"),
                container_name: r.string(lb, "containerName"),
                container_port: r.u32(lb, "containerPort"),
            })
            .collect(),
        load_balancers_unknown: not_all_objects(r, obj, "loadBalancers"),
        health_check_grace_period: r.u32(obj, "healthCheckGracePeriodSeconds"),
        vpc_lattice: r.present(obj, "vpcLatticeConfigurations"),
        network_configuration: r
            .get(obj, "networkConfiguration")
            .map(|n| NetworkConfiguration {
                span: n.span,
                awsvpc_configuration: r.present(n, "awsvpcConfiguration"),
                assign_public_ip: r.get(n, "awsvpcConfiguration").and_then(|a| {
                    r.parsed(a, "assignPublicIp", |s| match s {
                        Scalar::Bool(b) => Some(*b),
                        Scalar::Str(t) if t.eq_ignore_ascii_case("ENABLED") => Some(true),
                        Scalar::Str(t) if t.eq_ignore_ascii_case("DISABLED") => Some(false),
                        _ => None,
                    })
                }),
                subnets: r
                    .get(n, "awsvpcConfiguration")
                    .map(|a| r.targets(a, "subnets"))
                    .unwrap_or_default(),
            }),
        deployment_configuration: r.get(obj, "deploymentConfiguration").map(|d| {
            DeploymentConfiguration {
                span: d.span,
                maximum_percent: r.u32(d, "maximumPercent"),
                minimum_healthy_percent: r.u32(d, "minimumHealthyPercent"),
                strategy: r.string(d, "strategy"),
                circuit_breaker: r
                    .get(d, "deploymentCircuitBreaker")
                    .and_then(|c| r.bool(c, "enable")),
                alarms: r.get(d, "alarms").and_then(|a| r.bool(a, "enable")),
            }
        }),
        deployment_controller: r
            .get(obj, "deploymentController")
            .and_then(|c| r.string(c, "type")),
        platform_version: r.string(obj, "platformVersion"),
        placement_constraints: r.present(obj, "placementConstraints"),
        // CloudFormation names the list `PlacementStrategies`.
        placement_strategy: r
            .present(obj, "placementStrategy")
            .or_else(|| r.present(obj, "placementStrategies")),
        constraints: placements(r, obj, "placementConstraints"),
        strategies: [
            placements(r, obj, "placementStrategy"),
            placements(r, obj, "placementStrategies"),
        ]
        .concat(),
        service_registries: r
            .objects(obj, "serviceRegistries")
            .map(|s| ServiceRegistry {
                span: s.span,
                port: r.u32(s, "port"),
                container_name: r.string(s, "containerName"),
                container_port: r.u32(s, "containerPort"),
            })
            .collect(),
        enable_execute_command: r.bool(obj, "enableExecuteCommand"),
        role: r.target(obj, "role"),
        role_by_name: matches!(
            r.scalar(obj, "role"),
            Some(Val::Known(Located { value: Scalar::Link { attribute, .. }, .. }))
                if attribute.as_deref().is_none_or(|a| a == "name" || a == "id")
        ),
        service_connect: r
            .get(obj, "serviceConnectConfiguration")
            .map(|c| ServiceConnect {
                span: r
                    .present(obj, "serviceConnectConfiguration")
                    .unwrap_or(c.span),
                enabled: r.bool(c, "enabled"),
                port_names: r
                    .objects(c, "services")
                    .filter_map(|s| r.string(s, "portName"))
                    .collect(),
            }),
    }
}

/// The entries of a placement constraint or strategy list.
fn placements(r: &Reader, obj: &Node, camel: &str) -> Vec<Placement> {
    r.objects(obj, camel)
        .map(|p| Placement {
            span: p.span,
            kind: r.string(p, "type"),
            expression: r.string(p, "expression").map(|e| match e {
                Val::Known(text) => Val::Known(Located::new(
                    Embedded {
                        map: PositionMap::new(&text.value, r.text, text.span),
                        text: text.clone(),
                    },
                    text.span,
                )),
                Val::Unknown(span) => Val::Unknown(span),
                Val::Invalid(invalid) => Val::Invalid(invalid),
            }),
            field: r.string(p, "field"),
        })
        .collect()
}

/// Whether the list `camel` is set but not wholly written out: not a list, or with an element
/// that is not an object (an expression known only at deploy time).
pub fn not_all_objects(r: &Reader, obj: &Node, camel: &str) -> bool {
    r.get(obj, camel).is_some_and(|list| match list.as_array() {
        Some(items) => items.iter().any(|item| {
            r.resolve
                .structure(item)
                .is_some_and(|i| i.as_object().is_none())
        }),
        None => true,
    })
}

/// A capacity provider strategy: a service's own, or a cluster's default.
pub fn capacity_provider_strategy(
    r: &Reader,
    obj: &Node,
    camel: &str,
) -> Vec<CapacityProviderItem> {
    r.objects(obj, camel)
        .map(|item| CapacityProviderItem {
            span: item.span,
            capacity_provider: r.target(item, "capacityProvider"),
            weight: r.u32(item, "weight"),
            base: r.u32(item, "base"),
        })
        .collect()
}

/// Where the execution role reads secrets from: each `secrets[].valueFrom`, each
/// `logConfiguration.secretOptions[].valueFrom` and `repositoryCredentials.credentialsParameter`.
fn secret_sources(r: &Reader, container: &Node) -> Vec<Val<String>> {
    let log_secrets = r
        .get(container, "logConfiguration")
        .into_iter()
        .flat_map(|l| r.objects(l, "secretOptions"));
    r.objects(container, "secrets")
        .chain(log_secrets)
        .filter_map(|s| r.reference(s, "valueFrom"))
        .chain(
            r.get(container, "repositoryCredentials")
                .and_then(|c| r.reference(c, "credentialsParameter")),
        )
        .collect()
}
