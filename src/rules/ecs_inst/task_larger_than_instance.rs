use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::instance_types::{self, InstanceSize};
use crate::model::{AutoScalingGroup, Model, Resource, Val};
use crate::rules::Check;
use crate::source::span::Located;

declare_rule! {
    /// ## What it does
    /// Finds an EC2 service whose task needs more memory or CPU than any instance its
    /// capacity providers launch has — or, without capacity providers, the Auto Scaling
    /// groups whose user data joins its cluster: the instance types of those groups (the
    /// launch template's `InstanceType`, or the mixed instances policy's overrides), looked
    /// up in EC2's own table of instance types. What a task needs is its task-level `memory`
    /// and `cpu`, or else what its containers reserve.
    ///
    /// ## Why is this bad?
    /// No container instance can ever hold the task: the service's tasks stay
    /// `PROVISIONING` and then stop with "no container instance met all of its requirements",
    /// and managed scaling keeps launching instances that do not help. An instance registers
    /// less than its full memory (the container agent and the operating system keep some),
    /// so a task that needs exactly an instance's memory does not fit either; this rule only
    /// reports what exceeds the whole instance.
    ///
    /// ## Example
    /// ```yaml
    /// LaunchTemplate:
    ///   Properties:
    ///     LaunchTemplateData:
    ///       InstanceType: t3.medium        # 2 vCPUs, 4 GiB
    /// TaskDefinition:
    ///   Properties:
    ///     Memory: "8192"
    /// ```
    ///
    /// Use instead: an instance type with room for the task and the agent (`m5.xlarge`,
    /// 16 GiB), or a smaller task.
    ///
    /// ## References
    /// - [Amazon ECS: container instance memory management](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html)
    /// - [Amazon EC2: DescribeInstanceTypes](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html)
    pub TaskLargerThanInstance {
        id: "ECS-INST-009",
        name: "task-larger-than-container-instance",
        severity: Warning,
        summary: "EC2 task that needs more memory or CPU than the instances of its capacity providers have",
        tags: ["ec2", "capacity-providers", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html",
    }
}

impl Check for TaskLargerThanInstance {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            if model.service_fargate_by(service).is_some() {
                continue;
            }
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let Some(types) = model
                .instance_groups(service)
                .and_then(|groups| instance_types(model, &groups))
            else {
                continue;
            };
            let needs = [
                (td.reserved_memory(), Reserved::Memory),
                (td.reserved_cpu(), Reserved::Cpu),
            ];
            for (need, reserved) in needs {
                let Some(need) = need else {
                    continue;
                };
                let (what, offers) = (reserved.unit(), |size| reserved.of(size));
                // The roomiest of the instance types: the task fits there if anywhere.
                let Some((largest, name)) = types.iter().max_by_key(|(size, _)| offers(*size))
                else {
                    continue;
                };
                if need.value <= offers(*largest) {
                    continue;
                }
                sink.report(
                    need.span,
                    format!(
                        "{} runs tasks that need {} {what}, more than {} has ({}): no container instance can hold one",
                        service.subject(),
                        need.value,
                        if types.len() > 1 {
                            "any instance type of its container instances"
                        } else {
                            "the instance type of its container instances"
                        },
                        describe(name, *largest),
                    ),
                )
                .primary(format!("{} {what}", need.value))
                .label(name.span, describe(name, *largest))
                .label(service.anchor(), "the service")
                .help("Use a larger instance type, leaving room for the container agent, or a smaller task.");
                // One finding per service: the other resource is likely short too.
                break;
            }
        }
    }
}

/// What a task reserves on its container instance.
#[derive(Clone, Copy)]
enum Reserved {
    Memory,
    Cpu,
}

impl Reserved {
    fn unit(self) -> &'static str {
        match self {
            Reserved::Memory => "MiB of memory",
            Reserved::Cpu => "CPU units",
        }
    }

    /// How much of it an instance of `size` has.
    fn of(self, size: InstanceSize) -> u32 {
        match self {
            Reserved::Memory => size.memory_mib,
            Reserved::Cpu => size.cpu_units(),
        }
    }
}

fn describe(name: &Located<String>, size: InstanceSize) -> String {
    format!(
        "{}: {} vCPU{}, {} MiB",
        name.value,
        size.vcpus,
        if size.vcpus == 1 { "" } else { "s" },
        size.memory_mib
    )
}

/// The size of every instance type the groups launch: `None` unless each group's types are
/// all written out and known to EC2's table.
fn instance_types<'m>(
    model: &'m Model,
    groups: &[&'m AutoScalingGroup],
) -> Option<Vec<(InstanceSize, &'m Located<String>)>> {
    let mut types = Vec::new();
    for group in groups {
        let names: Vec<Option<&Val<String>>> = if group.override_types.is_empty() {
            let template =
                model.linked(model.launch_templates(), group.launch_template.as_ref())?;
            vec![template.instance_type.as_ref()]
        } else {
            group.override_types.iter().map(Option::as_ref).collect()
        };
        for name in names {
            let name = name?.known()?;
            types.push((instance_types::size(&name.value)?, name));
        }
    }
    Some(types)
}
