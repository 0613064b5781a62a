use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds bind mounts of host paths that hand a container the host: the Docker or
    /// containerd socket, the root file system, `/etc`, `/proc`, `/dev`, `/boot`, `/root`,
    /// `/run` and Docker's own data directory — when a container of the task mounts them.
    ///
    /// ## Why is this bad?
    /// Whoever can talk to the Docker socket can start a privileged container with the
    /// host's root mounted, so the socket is root on the instance even mounted read-only;
    /// `/`, `/etc` or `/proc` let a process read or change the host's configuration and
    /// other processes. Every task on the instance, and the instance role, are then exposed.
    /// Monitoring agents sometimes need this; suppress the finding there, with the reason.
    ///
    /// ## Example
    /// ```json
    /// {"volumes": [{"name": "docker", "host": {"sourcePath": "/var/run/docker.sock"}}],
    ///  "containerDefinitions": [{"name": "ci", "image": "runner:2",
    ///    "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]}]}
    /// ```
    ///
    /// Use instead: a task-scoped volume, or an API the container calls with its task role.
    ///
    /// ## References
    /// - [Amazon ECS: bind mounts](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html)
    pub SensitiveHostMount {
        id: "ECS-TD-037",
        name: "sensitive-host-path-mount",
        severity: Warning,
        summary: "Container mounts the Docker socket or a sensitive host path",
        tags: ["security"],
        security_severity: Some("8.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html",
    }
}

/// Host paths that give the host away, exactly (a file under `/etc`, such as its CA
/// certificates, is a common and harmless mount). Sockets count wherever they live.
const SENSITIVE: &[&str] = &[
    "/",
    "/etc",
    "/proc",
    "/dev",
    "/boot",
    "/root",
    "/run",
    "/var/run",
    "/var/lib/docker",
];

/// Why mounting `path` exposes the host, if it does.
fn exposure(path: &str) -> Option<&'static str> {
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    if path.ends_with("/docker.sock") || path.ends_with("/containerd.sock") {
        Some("the container runtime's socket: control of it is root on the instance")
    } else if SENSITIVE.contains(&path) {
        Some("a host directory that exposes the instance")
    } else {
        None
    }
}

impl Check for SensitiveHostMount {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for volume in &td.volumes {
                let (Some(name), Some(path)) = (
                    volume.name.as_ref().and_then(Val::value),
                    volume.host_source_path.as_ref().and_then(Val::known),
                ) else {
                    continue;
                };
                let Some(why) = exposure(&path.value) else {
                    continue;
                };
                let mounts: Vec<_> = td
                    .containers
                    .iter()
                    .enumerate()
                    .flat_map(|(index, c)| c.mount_points.iter().map(move |m| (index, c, m)))
                    .filter(|(_, _, m)| m.source_volume.value() == Some(name))
                    .collect();
                if mounts.is_empty() {
                    continue;
                }
                let diagnostic = sink.report_value(
                    path,
                    format!("Volume `{name}` mounts `{}`, {why}", path.value),
                );
                diagnostic.primary("host path");
                for (index, container, mount) in mounts {
                    diagnostic.label(
                        mount.source_volume.span(),
                        format!("mounted by container {}", container.name_or_index(index)),
                    );
                }
                diagnostic.help(
                    "Mount a task-scoped volume instead, or suppress this finding with the reason \
                     where an agent truly needs the host.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::exposure;

    #[test]
    fn sockets_and_top_level_directories_only() {
        for path in [
            "/var/run/docker.sock",
            "/run/containerd/containerd.sock",
            "/",
            "//",
            "/etc/",
            "/proc",
        ] {
            assert!(exposure(path).is_some(), "{path}");
        }
        for path in [
            "/etc/ssl/certs",
            "/var/log/app",
            "/sys/fs/cgroup",
            "/data",
            "/ecs",
        ] {
            assert!(exposure(path).is_none(), "{path}");
        }
    }
}
