use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds task definitions that share the host's process or IPC namespace (`pidMode` or
    /// `ipcMode` set to `host`) on EC2 or external instances. On Fargate `pidMode: host` is
    /// rejected (FARGATE-011) and `ipcMode` unsupported (FARGATE-005).
    ///
    /// ## Why is this bad?
    /// With the host's PID namespace a container sees, and as root can signal or trace, every
    /// process on the instance, the ECS agent and other tasks included; with its IPC
    /// namespace it shares the host's shared memory. The task definition guide warns that
    /// either exposes the host. checkov's CKV_AWS_335 means to catch this but looks for
    /// `pidMode` inside the containers, where it never is.
    ///
    /// ## Example
    /// ```json
    /// {"pidMode": "host", "containerDefinitions": [{"name": "web", "image": "web:1.4"}]}
    /// ```
    ///
    /// Use instead: `"pidMode": "task"` (containers of the task share one namespace) or no
    /// `pidMode` at all; the same for `ipcMode`.
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: `pidMode`, `ipcMode`](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode)
    pub HostNamespaces {
        id: "ECS-TD-020",
        name: "host-namespace-sharing",
        severity: Warning,
        summary: "Task shares the host's process or IPC namespace",
        tags: ["security"],
        security_severity: Some("6.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode",
    }
}

impl Check for HostNamespaces {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if model.fargate(td).is_some() {
                continue;
            }
            let modes = [
                ("pidMode", &td.pid_mode, "process"),
                ("ipcMode", &td.ipc_mode, "IPC"),
            ];
            for (property, mode, namespace) in modes {
                let Some(host) = known(mode).filter(|m| m.value.eq_ignore_ascii_case("host"))
                else {
                    continue;
                };
                sink.report_value(
                    host,
                    format!("The task shares the host's {namespace} namespace"),
                )
                .primary("host namespace")
                .help(format!(
                    "Set {} to `task`, or remove it.",
                    model.property(property)
                ));
            }
        }
    }
}
