use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Model, known};
use crate::rules::Check;
use crate::text::and_list;

declare_rule! {
    /// ## What it does
    /// Checks a task's `proxyConfiguration` (the App Mesh Envoy proxy): its `containerName`
    /// is a container of the task, and it sets the properties the proxy needs — `AppPorts`,
    /// `ProxyIngressPort`, `ProxyEgressPort`, `EgressIgnoredPorts`, `EgressIgnoredIPs`, and
    /// `IgnoredUID` or `IgnoredGID`. Any App Mesh proxy also gets a warning: AWS ended App
    /// Mesh support on 2026-09-30.
    ///
    /// ## Why is this bad?
    /// The task definition parameters reference marks these properties required; without
    /// them the proxy cannot redirect traffic, and a proxy container name that is not in the
    /// task fails registration. "On September 30, 2026, AWS will discontinue support for AWS
    /// App Mesh": new meshes should use ECS Service Connect.
    ///
    /// ## Example
    /// ```json
    /// "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy",
    ///   "properties": [{"name": "AppPorts", "value": "8080"}]}
    /// ```
    ///
    /// Use instead: Service Connect (`serviceConnectConfiguration` on the service).
    ///
    /// ## References
    /// - [Amazon ECS: task definition parameters, proxy configuration](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#proxyConfiguration)
    /// - [AWS App Mesh end of support](https://docs.aws.amazon.com/app-mesh/latest/userguide/what-is-app-mesh.html)
    pub ProxyConfigurationCheck {
        id: "ECS-TD-034",
        name: "invalid-proxy-configuration",
        severity: Error,
        summary: "App Mesh proxy configuration naming no container or missing required properties; App Mesh has ended",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#proxyConfiguration",
    }
}

/// Properties the proxy needs (same reference); `IgnoredUID` or `IgnoredGID` is checked
/// apart, since either does.
const REQUIRED: &[&str] = &[
    "AppPorts",
    "ProxyIngressPort",
    "ProxyEgressPort",
    "EgressIgnoredPorts",
    "EgressIgnoredIPs",
];

impl Check for ProxyConfigurationCheck {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(proxy) = &td.proxy_configuration else {
                continue;
            };
            let warning = sink.report(
                proxy.span,
                "This task uses an App Mesh proxy; AWS ended App Mesh support on 2026-09-30",
            );
            warning.severity = Severity::Warning;
            warning
                .primary("App Mesh")
                .help("Move the service mesh to ECS Service Connect (`serviceConnectConfiguration` on the service).");
            if let Some(name) = known(&proxy.container_name)
                && !td.containers_unknown
                && td.containers.iter().all(|c| known(&c.name).is_some())
                && !td
                    .containers
                    .iter()
                    .any(|c| known(&c.name).is_some_and(|n| n.value == name.value))
            {
                sink.report_value(
                    name,
                    format!("The proxy configuration names container `{}`, which the task does not have", name.value),
                )
                .primary("no such container")
                .help("Name the Envoy container of the task.");
            }
            let Some(properties) = &proxy.properties else {
                continue;
            };
            let has = |name: &str| properties.iter().any(|p| p == name);
            let mut missing: Vec<String> = REQUIRED
                .iter()
                .filter(|r| !has(r))
                .map(|r| format!("`{r}`"))
                .collect();
            if !has("IgnoredUID") && !has("IgnoredGID") {
                missing.push("`IgnoredUID` or `IgnoredGID`".into());
            }
            if !missing.is_empty() {
                sink.report(
                    proxy.span,
                    format!(
                        "The proxy configuration does not set {}",
                        and_list(&missing)
                    ),
                )
                .primary("proxy configuration")
                .help("Set every property the App Mesh proxy needs, or move to Service Connect.");
            }
        }
    }
}
