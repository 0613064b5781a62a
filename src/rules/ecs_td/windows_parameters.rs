use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{ContainerDefinition, Model, TaskDefinition, Val, known};
use crate::rules::{Check, spelled};
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds parameters a Windows task definition (`runtimePlatform.operatingSystemFamily`
    /// `WINDOWS_*`) cannot use: the Linux-only container parameters (`linuxParameters`,
    /// `privileged`, `user`, `readonlyRootFilesystem`, `links`, the DNS and host parameters,
    /// `disableNetworking`), `pidMode`, `ipcMode`, `proxyConfiguration` and Docker volume
    /// drivers other than `local`; on Fargate also
    /// the ARM64 architecture, EFS volumes and `systemControls`. (`ulimits`, environment
    /// files and FireLens have their own rules; what Fargate rejects on any OS is
    /// FARGATE-005's.)
    ///
    /// ## Why is this bad?
    /// The Amazon ECS guide on Windows task definitions lists these as not supported, and
    /// Fargate Windows tasks "must have the X86_64 CPU architecture" and cannot mount EFS;
    /// registration fails, or the container cannot start.
    ///
    /// ## Example
    /// ```json
    /// {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
    ///  "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis",
    ///                            "readonlyRootFilesystem": true}]}
    /// ```
    ///
    /// Use instead: drop `readonlyRootFilesystem`.
    ///
    /// ## References
    /// - [Amazon ECS: Windows task definition differences](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows_task_definitions.html)
    /// - [Amazon ECS: Fargate Windows considerations](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html)
    pub WindowsParameters {
        id: "ECS-TD-033",
        name: "windows-unsupported-parameter",
        severity: Error,
        summary: "Task-definition parameter that Windows containers do not support",
        tags: ["windows", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/windows_task_definitions.html",
    }
}

/// Where a parameter is set, and whether FARGATE-005 already reports it on Fargate.
type Finder<T> = (&'static str, bool, fn(&T) -> Option<Span>);

/// Container parameters Windows containers do not take. Source: Amazon ECS Developer Guide,
/// "Amazon ECS task definition differences for EC2 instances running Windows"; AWS Batch
/// `RuntimePlatform` for Fargate ("linuxParameters, privileged, user, ulimits,
/// readonlyRootFilesystem, and efsVolumeConfiguration" cannot be set).
const CONTAINER: &[Finder<ContainerDefinition>] = &[
    ("linuxParameters", false, |c| c.linux_parameters),
    ("privileged", true, |c| {
        known(&c.privileged).filter(|p| p.value).map(|p| p.span)
    }),
    ("user", false, |c| c.user),
    ("readonlyRootFilesystem", false, |c| {
        known(&c.readonly_root_filesystem)
            .filter(|r| r.value)
            .map(|r| r.span)
    }),
    ("links", true, |c| c.links),
    ("dnsServers", true, |c| c.dns_servers),
    ("dnsSearchDomains", true, |c| c.dns_search_domains),
    ("extraHosts", true, |c| c.extra_hosts),
    ("disableNetworking", true, |c| {
        known(&c.disable_networking)
            .filter(|d| d.value)
            .map(|d| d.span)
    }),
];

/// Task parameters Windows tasks do not take (same sources).
const TASK: &[Finder<TaskDefinition>] = &[
    ("pidMode", false, |td| td.pid_mode.as_ref().map(Val::span)),
    ("ipcMode", true, |td| td.ipc_mode.as_ref().map(Val::span)),
    ("proxyConfiguration", false, |td| {
        td.proxy_configuration.as_ref().map(|p| p.span)
    }),
];

/// What Fargate adds for Windows: "you must have the X86_64 CPU architecture", no EFS, no
/// `systemControls` ("This isn't supported for Windows containers on Fargate").
const FARGATE_TASK: &[Finder<TaskDefinition>] = &[
    ("ARM64 cpuArchitecture", false, |td| {
        known(&td.cpu_architecture)
            .filter(|a| a.value.eq_ignore_ascii_case("ARM64"))
            .map(|a| a.span)
    }),
    ("EFS volumes", false, |td| {
        td.volumes
            .iter()
            .find_map(|v| v.efs.as_ref().map(|e| e.span))
    }),
];

impl Check for WindowsParameters {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(os) = known(&td.operating_system_family).filter(|_| td.is_windows()) else {
                continue;
            };
            let fargate = model.fargate(td).is_some();
            let report = |sink: &mut Sink, span: Span, what: String| {
                sink.report(span, format!("Windows containers do not support {what}"))
                    .primary("not on Windows")
                    .label(os.span, "Windows task")
                    .help("Remove it; it applies to Linux containers only.");
            };
            let fargate_tasks = if fargate { FARGATE_TASK } else { &[] };
            for (name, fargate_reports, find) in TASK.iter().chain(fargate_tasks) {
                if let Some(span) = find(td).filter(|_| !(fargate && *fargate_reports)) {
                    report(sink, span, spelled(name, |n| model.property(n)));
                }
            }
            // EC2 Windows takes Docker volumes with the `local` driver only (the same guide);
            // Fargate takes none, which FARGATE-005 reports.
            for driver in td
                .volumes
                .iter()
                .filter_map(|v| known(&v.docker_volume_driver))
            {
                if !fargate && driver.value != "local" {
                    report(
                        sink,
                        driver.span,
                        format!(
                            "Docker volume drivers other than `local` (`{}`)",
                            driver.value
                        ),
                    );
                }
            }
            for (index, container) in td.containers.iter().enumerate() {
                for (name, fargate_reports, find) in CONTAINER {
                    if let Some(span) = find(container).filter(|_| !(fargate && *fargate_reports)) {
                        report(
                            sink,
                            span,
                            format!(
                                "{} (container {})",
                                model.container_property(name),
                                container.name_or_index(index)
                            ),
                        );
                    }
                }
                if fargate && let Some(span) = container.system_controls {
                    report(
                        sink,
                        span,
                        format!(
                            "{} on Fargate (container {})",
                            model.container_property("systemControls"),
                            container.name_or_index(index)
                        ),
                    );
                }
            }
        }
    }
}
