use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::{FEATURES_PLATFORM_VERSION, RETIRED_LINUX_PLATFORM_VERSIONS};
use crate::model::{Model, Service, TaskDefinition, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks the Fargate platform version a service pins (`platformVersion`): not a
    /// retired Linux version (1.0.0–1.2.0), and not one below 1.4.0 when the task uses what
    /// only 1.4.0 offers — EFS volumes, ephemeral storage, 8 or 16 vCPU, `pidMode`,
    /// `systemControls`, the `SYS_PTRACE` capability, environment files, ECS Exec.
    ///
    /// ## Why is this bad?
    /// Retired versions cannot start tasks, and a task asking for a 1.4.0 feature on 1.3.0
    /// fails to start ("Fargate Linux platform versions"; each feature's page names 1.4.0).
    /// `LATEST` (or omitting the parameter) is 1.4.0 and avoids both.
    ///
    /// ## Example
    /// ```json
    /// {"launchType": "FARGATE", "platformVersion": "1.3.0", "enableExecuteCommand": true}
    /// ```
    ///
    /// Use instead: `"platformVersion": "LATEST"`, or drop it.
    ///
    /// ## References
    /// - [Amazon ECS: Fargate Linux platform versions](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html)
    pub PlatformVersion {
        id: "FARGATE-013",
        name: "fargate-platform-version-too-old",
        severity: Error,
        summary: "Fargate platform version retired, or too old for a feature the task uses",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html",
    }
}

/// `1.3.0` as numbers; `LATEST` and anything else is `None`.
fn version(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

/// The first feature of the task (and service) that needs Linux platform version 1.4.0, and
/// where it is set.
fn newer_feature(td: &TaskDefinition, service: &Service) -> Option<(Span, &'static str)> {
    let containers = || td.containers.iter();
    td.volumes
        .iter()
        .find_map(|v| v.efs.as_ref().map(|e| (e.span, "EFS volumes")))
        .or_else(|| {
            td.ephemeral_storage
                .as_ref()
                .map(|e| (e.span(), "ephemeral storage"))
        })
        .or_else(|| {
            known(&td.cpu)
                .filter(|c| c.value >= 8192)
                .map(|c| (c.span, "8 or 16 vCPU"))
        })
        .or_else(|| td.pid_mode.as_ref().map(|p| (p.span(), "`pidMode`")))
        .or_else(|| containers().find_map(|c| c.system_controls.map(|s| (s, "`systemControls`"))))
        .or_else(|| {
            containers()
                .flat_map(|c| &c.capabilities_add)
                .filter_map(|c| c.known())
                .find(|c| c.value.eq_ignore_ascii_case("SYS_PTRACE"))
                .map(|c| (c.span, "the `SYS_PTRACE` capability"))
        })
        .or_else(|| {
            containers().find_map(|c| {
                c.environment_files
                    .first()
                    .map(|f| (f.span, "environment files"))
            })
        })
        .or_else(|| service.execute_command().map(|e| (e.span, "ECS Exec")))
        .or_else(|| {
            service
                .service_connect
                .as_ref()
                .filter(|c| c.is_enabled())
                .map(|c| (c.span, "Service Connect"))
        })
}

impl Check for PlatformVersion {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let Some(pinned) = known(&service.platform_version) else {
                continue;
            };
            if model.service_fargate_by(service).is_none() {
                continue;
            }
            let td = model.task_definition_of(service);
            // Windows' one version is 1.0.0: only a known Linux task is held to Linux's.
            if td.is_some_and(TaskDefinition::is_windows) {
                continue;
            }
            let subject = service.subject();
            let retired = RETIRED_LINUX_PLATFORM_VERSIONS.contains(&pinned.value.as_str())
                && (td.is_some() || pinned.value != "1.0.0");
            if retired {
                sink.report_value(
                    pinned,
                    format!(
                        "{subject} pins Fargate platform version {}, which is retired",
                        pinned.value
                    ),
                )
                .primary("retired platform version")
                .help(format!(
                    "Set {} to `LATEST` (1.4.0), or remove it.",
                    model.property("platformVersion")
                ));
                continue;
            }
            let (Some(td), Some(v)) = (td, version(&pinned.value)) else {
                continue;
            };
            if v >= FEATURES_PLATFORM_VERSION {
                continue;
            }
            if let Some((span, feature)) = newer_feature(td, service) {
                sink.report_value(
                    pinned,
                    format!(
                        "{subject} pins Fargate platform version {}, but the task uses {feature}, which needs 1.4.0",
                        pinned.value
                    ),
                )
                .primary("platform version")
                .label(span, feature)
                .help(format!(
                    "Set {} to `LATEST` (1.4.0), or remove it.",
                    model.property("platformVersion")
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::version;

    #[test]
    fn versions_compare_as_numbers() {
        assert_eq!(version("1.3.0"), Some((1, 3, 0)));
        assert!(version("1.3.0") < Some((1, 4, 0)));
        assert!(version("1.10.0") > Some((1, 4, 0)));
        assert_eq!(version("LATEST"), None);
        assert_eq!(version("1.4"), None);
        assert_eq!(version("1.4.0.1"), None);
    }
}
