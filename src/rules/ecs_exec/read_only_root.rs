use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::ECS_EXEC_AGENT_PATHS;
use crate::model::{ContainerDefinition, Model, Val};
use crate::rules::Check;
use crate::text::and_list;

declare_rule! {
    /// ## What it does
    /// Finds a service with ECS Exec enabled whose task runs a Linux container with a
    /// read-only root file system, unless that container mounts writable volumes where the
    /// SSM agent writes (`/managed-agents`, `/var/lib/amazon/ssm`, `/var/log/amazon/ssm`).
    ///
    /// ## Why is this bad?
    /// ECS Exec runs the SSM agent inside the container, and the agent writes its binaries,
    /// state and logs there. "Making the root file system read-only using the
    /// readonlyRootFilesystem task definition parameter … isn't supported": `execute-command`
    /// fails with `TargetNotConnectedException` when it is needed most.
    ///
    /// ## Example
    /// ```yaml
    /// ContainerDefinitions:
    ///   - Name: api
    ///     ReadonlyRootFilesystem: true
    /// ...
    /// Service:
    ///   Properties:
    ///     EnableExecuteCommand: true
    /// ```
    ///
    /// Use instead: writable volumes mounted at the agent's three paths, or ECS Exec off for
    /// this service.
    ///
    /// ## References
    /// - [Amazon ECS: Monitor Amazon ECS containers with ECS Exec](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html)
    /// - [containers-roadmap#1359: ECS Exec with a read-only root file system](https://github.com/aws/containers-roadmap/issues/1359)
    pub ExecReadOnlyRoot {
        id: "ECS-EXEC-011",
        name: "ecs-exec-with-read-only-root-filesystem",
        severity: Warning,
        summary: "ECS Exec on a container whose root file system is read-only",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html",
    }
}

impl Check for ExecReadOnlyRoot {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(enabled) = service.execute_command() else {
                continue;
            };
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            if td.is_windows() {
                continue;
            }
            for (index, container) in td.containers.iter().enumerate() {
                let Some(Val::Known(read_only)) = &container.readonly_root_filesystem else {
                    continue;
                };
                if !read_only.value || agent_can_write(container) {
                    continue;
                }
                sink.report(
                    read_only.span,
                    format!(
                        "{} enables ECS Exec, but container {} has a read-only root file system, where the SSM agent cannot write",
                        service.subject(),
                        container.name_or_index(index)
                    ),
                )
                .label(enabled.span, "ECS Exec")
                .help(format!(
                    "Mount writable volumes at {} in this container, or turn ECS Exec off for the service.",
                    and_list(&ECS_EXEC_AGENT_PATHS.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>())
                ));
            }
        }
    }
}

/// Whether the container mounts a writable volume at each of the agent's paths — or
/// mounts something whose path is not known, which may be one.
fn agent_can_write(container: &ContainerDefinition) -> bool {
    if container
        .mount_points
        .iter()
        .any(|m| !matches!(m.container_path, Some(Val::Known(_))))
    {
        return true;
    }
    ECS_EXEC_AGENT_PATHS.iter().all(|path| {
        container.mount_points.iter().any(|m| {
            m.writable() != Some(false)
                && m.container_path
                    .as_ref()
                    .and_then(Val::value)
                    .is_some_and(|p| p.trim_end_matches('/') == *path)
        })
    })
}
