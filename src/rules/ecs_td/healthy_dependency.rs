use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a container waiting for another to be `HEALTHY` waits for one that has a
    /// `healthCheck`.
    ///
    /// ## Why is this bad?
    /// The `HEALTHY` condition "requires that the dependent container has health checks
    /// configured" (`ContainerDependency`); a container without one never reports healthy,
    /// so the waiting container never starts and the task is stuck or stopped. Whether ECS
    /// refuses such a task definition at registration is not documented, so this is a
    /// warning.
    ///
    /// ## Example
    /// ```json
    /// "containerDefinitions": [
    ///   {"name": "db", "image": "postgres:16"},
    ///   {"name": "app", "image": "app",
    ///    "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]}]
    /// ```
    ///
    /// Use instead: give `db` a `healthCheck` (`["CMD-SHELL", "pg_isready"]`), or wait for
    /// `START`.
    ///
    /// ## References
    /// - [Amazon ECS API: ContainerDependency](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html)
    pub HealthyDependency {
        id: "ECS-TD-012",
        name: "healthy-dependency-without-health-check",
        severity: Warning,
        summary: "Container waits for another to be HEALTHY, but that one has no health check",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
    }
}

impl Check for HealthyDependency {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container, dependency, target) in td.dependencies() {
                let Some(condition) = known(&dependency.condition)
                    .filter(|c| c.value.eq_ignore_ascii_case("HEALTHY"))
                else {
                    continue;
                };
                let Some(name) = known(&dependency.container_name) else {
                    continue;
                };
                if target.health_check.is_some() {
                    continue;
                }
                sink.report_value(
                        condition,
                        format!(
                            "Container {} waits for `{}` to be HEALTHY, but `{}` has no health check, so it never is",
                            container.name_or_index(index),
                            name.value,
                            name.value
                        ),
                    )
                    .primary("HEALTHY dependency")
                    .label(
                        target.name.as_ref().map_or(target.span, |n| n.span()),
                        "no health check",
                    )
                    .help(format!(
                        "Give `{}` a {}, or wait for it to `START`.",
                        name.value,
                        model.container_property("healthCheck")
                    ));
            }
        }
    }
}
