//! How each input format spells the ECS API's property names. Readers match keys with it;
//! rules name properties with it, so a message names what the user wrote: `network_mode` in
//! Terraform, `NetworkMode` in a template, `networkMode` in an ECS API document.

/// How a dialect spells property names. Adapters always ask with the ECS API's camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spelling {
    /// The ECS API and its CLI input: `containerDefinitions`.
    #[default]
    Camel,
    /// CloudFormation: `ContainerDefinitions`.
    Pascal,
    /// Terraform: `container_definitions`.
    Snake,
}

impl Spelling {
    /// Whether `key`, in this spelling, names the camelCase property `camel`. Inlined into
    /// the readers' scans, where the length check alone rejects most keys.
    #[inline(always)]
    pub fn matches(self, key: &str, camel: &str) -> bool {
        // Readers ask for each property by scanning an object's keys, so almost every call is
        // a mismatch: the length and the first byte reject those without a full comparison.
        let first = |a: &str, b: &str| match (a.as_bytes().first(), b.as_bytes().first()) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => a == b,
        };
        match self {
            Spelling::Camel => key == camel,
            // CloudFormation capitalises acronyms inconsistently (`EFSVolumeConfiguration`),
            // so compare without case — after the common case, the camelCase name with a
            // capital first letter, which one byte comparison settles.
            Spelling::Pascal => {
                key.len() == camel.len()
                    && first(key, camel)
                    && (key.as_bytes().get(1..) == camel.as_bytes().get(1..)
                        || key.eq_ignore_ascii_case(camel))
            }
            // snake_case is never shorter than the camelCase it spells.
            Spelling::Snake if key.len() < camel.len() || !first(key, camel) => false,
            Spelling::Snake => {
                if let Some((_, written)) = TERRAFORM_KEYS.iter().find(|(api, _)| *api == camel) {
                    return key == *written;
                }
                let mut expected = camel.chars().flat_map(|c| {
                    let lower = c.to_ascii_lowercase();
                    let underscore = c.is_ascii_uppercase().then_some('_');
                    underscore.into_iter().chain(std::iter::once(lower))
                });
                key.chars().all(|k| expected.next() == Some(k)) && expected.next().is_none()
            }
        }
    }
}

impl Spelling {
    /// The property at `camel_path` (`networkConfiguration.awsvpcConfiguration`) as this
    /// spelling writes it, including the AWS provider's own names for flattened or renamed
    /// arguments.
    pub fn spell(self, camel_path: &str) -> String {
        match self {
            Spelling::Camel => camel_path.to_string(),
            Spelling::Pascal => camel_path
                .split('.')
                .map(|segment| {
                    if let Some((_, written)) =
                        CLOUDFORMATION_NAMES.iter().find(|(api, _)| *api == segment)
                    {
                        return written.to_string();
                    }
                    let mut chars = segment.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_ascii_uppercase().to_string() + chars.as_str()
                    })
                })
                .collect::<Vec<_>>()
                .join("."),
            Spelling::Snake => match TERRAFORM_NAMES.iter().find(|(api, _)| *api == camel_path) {
                Some((_, terraform)) => terraform.to_string(),
                None => camel_path
                    .split('.')
                    .map(|segment| {
                        TERRAFORM_KEYS
                            .iter()
                            .find(|(api, _)| *api == segment)
                            .map_or_else(|| snake_case(segment), |(_, written)| written.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join("."),
            },
        }
    }

    /// How this format reads the name of the declared resource `id` inside a string: a
    /// CloudFormation `Ref` where it returns the name (`ref_is_name`, a cluster), else the
    /// `Name` attribute; Terraform's `name` attribute.
    pub fn name_of(self, id: &str, ref_is_name: bool) -> String {
        match self {
            Spelling::Snake => format!("`{id}.name`"),
            _ if ref_is_name => format!("`${{{id}}}`"),
            _ => format!("`${{{id}.Name}}`"),
        }
    }

    /// The spelling of JSON documents embedded in this format's properties (container
    /// definitions): Terraform writes them in the API's camelCase.
    pub fn documents(self) -> Spelling {
        match self {
            Spelling::Snake => Spelling::Camel,
            other => other,
        }
    }
}

/// Where one of the AWS provider's argument names is not the snake_case of the API's
/// (`ephemeral_storage.size_in_gib`).
const TERRAFORM_KEYS: &[(&str, &str)] = &[("sizeInGiB", "size_in_gib")];

/// Where CloudFormation's name is not the API's with a capital first letter (the
/// `AWS::ECS::TaskDefinition` resource reference).
const CLOUDFORMATION_NAMES: &[(&str, &str)] = &[
    ("efsVolumeConfiguration", "EFSVolumeConfiguration"),
    ("iam", "IAM"),
];

/// Where the AWS provider names an API property differently from its snake_case form
/// (provider documentation, `website/docs/r/ecs_service.html.markdown` and
/// `ecs_task_definition.html.markdown`). The Terraform reader reshapes resources by the same
/// correspondence (`dialect/terraform/resources.rs`).
const TERRAFORM_NAMES: &[(&str, &str)] = &[
    ("serviceName", "name"),
    ("clusterName", "name"),
    ("clusterSettings", "setting"),
    ("roleName", "name"),
    ("loadBalancers", "load_balancer"),
    (
        "loadBalancers.targetGroupArn",
        "load_balancer.target_group_arn",
    ),
    ("loadBalancerName", "elb_name"),
    ("listeners.instancePort", "listener.instance_port"),
    ("networkConfiguration", "network_configuration"),
    (
        "networkConfiguration.awsvpcConfiguration",
        "network_configuration",
    ),
    (
        "deploymentConfiguration.maximumPercent",
        "deployment_maximum_percent",
    ),
    (
        "deploymentConfiguration.minimumHealthyPercent",
        "deployment_minimum_healthy_percent",
    ),
    ("placementStrategy", "ordered_placement_strategy"),
    ("role", "iam_role"),
    (
        "deploymentConfiguration.deploymentCircuitBreaker",
        "deployment_circuit_breaker",
    ),
    (
        "deploymentConfiguration.deploymentCircuitBreaker.enable",
        "deployment_circuit_breaker.enable",
    ),
    ("deploymentConfiguration.alarms", "alarms"),
    ("deploymentConfiguration.alarms.enable", "alarms.enable"),
    ("volumes", "volume"),
    ("host.sourcePath", "host_path"),
    ("inferenceAccelerators", "inference_accelerator"),
    ("assumeRolePolicyDocument", "assume_role_policy"),
    ("policies", "inline_policy"),
];

fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_reads_a_resource_name() {
        assert_eq!(
            Spelling::Pascal.name_of("Service", false),
            "`${Service.Name}`"
        );
        assert_eq!(Spelling::Pascal.name_of("Cluster", true), "`${Cluster}`");
        assert_eq!(
            Spelling::Snake.name_of("aws_ecs_cluster.main", true),
            "`aws_ecs_cluster.main.name`"
        );
    }

    #[test]
    fn spellings_match_the_camel_case_name() {
        assert!(Spelling::Camel.matches("containerDefinitions", "containerDefinitions"));
        assert!(!Spelling::Camel.matches("ContainerDefinitions", "containerDefinitions"));
        assert!(Spelling::Pascal.matches("ContainerDefinitions", "containerDefinitions"));
        assert!(Spelling::Pascal.matches("EFSVolumeConfiguration", "efsVolumeConfiguration"));
        assert!(!Spelling::Pascal.matches("ContainerDefinitionz", "containerDefinitions"));
        assert!(Spelling::Pascal.matches("", ""));
        assert_eq!(
            Spelling::Pascal.spell("efsVolumeConfiguration.authorizationConfig.iam"),
            "EFSVolumeConfiguration.AuthorizationConfig.IAM"
        );
        assert!(Spelling::Snake.matches("container_definitions", "containerDefinitions"));
        assert!(!Spelling::Snake.matches("container_definition", "containerDefinitions"));
        assert!(!Spelling::Snake.matches("container_definitionsx", "containerDefinitions"));
        assert!(Spelling::Snake.matches("size_in_gib", "sizeInGiB"));
        assert_eq!(
            Spelling::Snake.spell("ephemeralStorage.sizeInGiB"),
            "ephemeral_storage.size_in_gib"
        );
        assert!(Spelling::Snake.matches("cpu", "cpu"));
    }

    #[test]
    fn names_are_spelled_as_each_format_writes_them() {
        assert_eq!(Spelling::Camel.spell("networkMode"), "networkMode");
        assert_eq!(Spelling::Pascal.spell("networkMode"), "NetworkMode");
        assert_eq!(Spelling::Snake.spell("networkMode"), "network_mode");
        assert_eq!(
            Spelling::Pascal.spell("networkConfiguration.awsvpcConfiguration"),
            "NetworkConfiguration.AwsvpcConfiguration"
        );
        assert_eq!(
            Spelling::Snake.spell("networkConfiguration.awsvpcConfiguration"),
            "network_configuration"
        );
        assert_eq!(Spelling::Snake.spell("loadBalancerName"), "elb_name");
        assert_eq!(
            Spelling::Snake.spell("logConfiguration.options"),
            "log_configuration.options"
        );
    }
}
