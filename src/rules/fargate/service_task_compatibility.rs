use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Resource, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds a service that runs on Fargate — by `launchType`, a `FARGATE`/`FARGATE_SPOT`
    /// capacity provider, or its cluster's default capacity provider strategy — whose task
    /// definition (declared in the same template) does not list `FARGATE` in
    /// `requiresCompatibilities`. Omitted, the list defaults to `EC2`.
    ///
    /// ## Why is this bad?
    /// ECS runs a task on Fargate only if its task definition was validated for Fargate:
    /// creating the service fails with "Task definition does not support launch_type
    /// FARGATE". cfn-lint's E3054 checks `LaunchType` only; a capacity provider strategy
    /// puts the service on Fargate just the same.
    ///
    /// ## Example
    /// ```yaml
    /// TaskDefinition:
    ///   Type: AWS::ECS::TaskDefinition
    ///   Properties:
    ///     NetworkMode: awsvpc
    ///     ContainerDefinitions: [...]
    /// Service:
    ///   Type: AWS::ECS::Service
    ///   Properties:
    ///     TaskDefinition: !Ref TaskDefinition
    ///     CapacityProviderStrategy: [{CapacityProvider: FARGATE_SPOT, Weight: 1}]
    /// ```
    ///
    /// Use instead: `RequiresCompatibilities: [FARGATE]` (with task-level `Cpu` and
    /// `Memory`) in the task definition.
    ///
    /// ## References
    /// - [Amazon ECS API: RegisterTaskDefinition `requiresCompatibilities`](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html)
    pub ServiceTaskCompatibility {
        id: "FARGATE-015",
        name: "fargate-service-task-not-fargate-compatible",
        severity: Error,
        summary: "Fargate service runs a task definition that does not require FARGATE",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    }
}

impl Check for ServiceTaskCompatibility {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(td) = model.task_definition_of(service) else {
                continue;
            };
            let Some(fargate) = model.service_fargate_by(service) else {
                continue;
            };
            if td.requires_fargate().is_some() {
                continue;
            }
            let compatibilities = model.property("requiresCompatibilities");
            let (span, label) = match &td.requires_compatibilities {
                // An unknown entry could be FARGATE.
                Some(Val::Known(list)) if list.value.iter().all(|c| c.known().is_some()) => {
                    (list.span, "does not include FARGATE".to_string())
                }
                Some(_) => continue,
                // ECS checks a task definition without compatibilities against the launch
                // type when the task runs: awsvpc with task-level CPU and memory passes for
                // Fargate (cfn-lint dropped its check for this reason).
                None if fargate_shaped(td) => continue,
                None => (
                    td.anchor(),
                    format!("sets no {compatibilities} (EC2 by default)"),
                ),
            };
            sink.report(
                span,
                format!(
                    "{} runs on Fargate ({}), but its task definition is not compatible with FARGATE",
                    service.subject(),
                    fargate.describe()
                ),
            )
            .primary(label)
            .label(fargate.span(), "this puts the service on Fargate")
            .help(format!(
                "Add FARGATE to the task definition's {compatibilities}, or run the service on EC2."
            ));
        }
    }
}

/// Whether a task definition that names no compatibilities has what Fargate needs: the
/// awsvpc network mode and task-level CPU and memory (any of them unknown counts as there).
fn fargate_shaped(td: &crate::model::TaskDefinition) -> bool {
    let awsvpc = match &td.network_mode {
        Some(Val::Known(mode)) => mode.value == crate::model::NetworkMode::Awsvpc,
        Some(_) => true,
        None => false,
    };
    awsvpc && td.cpu.is_some() && td.memory.is_some()
}
