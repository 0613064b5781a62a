use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks the names containers use for each other and for volumes: two containers of a
    /// task may not share a name, `dependsOn[].containerName` and
    /// `volumesFrom[].sourceContainer` must name a container of the task, and
    /// `mountPoints[].sourceVolume` a volume of the task.
    ///
    /// ## Why is this bad?
    /// ECS rejects the task definition, or the task never starts: container names are how
    /// dependencies and shared volumes find each other ("task definition parameters":
    /// `dependsOn`, `volumesFrom`, `mountPoints` — "sourceVolume … must match the name of a
    /// volume").
    ///
    /// ## Example
    /// ```json
    /// {"volumes": [{"name": "data"}], "containerDefinitions": [
    ///   {"name": "app", "image": "app", "mountPoints": [{"sourceVolume": "dta", "containerPath": "/data"}],
    ///    "dependsOn": [{"containerName": "logrouter", "condition": "START"}]}]}
    /// ```
    ///
    /// Use instead: names that exist (`data`, and a container called `logrouter`).
    ///
    /// ## References
    /// - [Amazon ECS: task definition parameters](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html)
    pub UnknownContainerReference {
        id: "ECS-TD-009",
        name: "unknown-container-reference",
        severity: Error,
        summary: "Container name used twice, or a reference to a container or volume that does not exist",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html",
    }
}

impl Check for UnknownContainerReference {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            // A name that is not known could be anything: nothing is reported against it.
            let all_names_known =
                !td.containers_unknown && td.containers.iter().all(|c| known(&c.name).is_some());
            let mut containers: FxHashMap<&str, Span> = FxHashMap::default();
            for container in &td.containers {
                let Some(name) = known(&container.name) else {
                    continue;
                };
                if let Some(&first) = containers.get(name.value.as_str()) {
                    sink.report_value(
                        name,
                        format!("Two containers of this task are called `{}`", name.value),
                    )
                    .label(first, "first called so here")
                    .help("Give each container its own name.");
                    continue;
                }
                containers.insert(&name.value, name.span);
            }
            let volumes_known =
                !td.volumes_unknown && td.volumes.iter().all(|v| known(&v.name).is_some());
            let volumes: FxHashMap<&str, Span> = td
                .volumes
                .iter()
                .filter_map(|v| known(&v.name).map(|n| (n.value.as_str(), n.span)))
                .collect();
            for container in &td.containers {
                let referenced = container
                    .depends_on
                    .iter()
                    .filter_map(|d| known(&d.container_name))
                    .chain(container.volumes_from.iter().filter_map(|v| v.known()));
                for other in referenced {
                    if all_names_known && !containers.contains_key(other.value.as_str()) {
                        sink.report_value(
                            other,
                            format!("No container of this task is called `{}`", other.value),
                        )
                        .help(names_help(containers.keys()));
                    }
                }
                for volume in container
                    .mount_points
                    .iter()
                    .filter_map(|m| m.source_volume.known())
                {
                    if volumes_known && !volumes.contains_key(volume.value.as_str()) {
                        sink.report_value(
                            volume,
                            format!("The task declares no volume `{}`", volume.value),
                        )
                        .help(format!(
                            "Declare it in the task's {}{}.",
                            model.property("volumes"),
                            match volumes.is_empty() {
                                true => String::new(),
                                false => format!(", or use one of {}", names_list(volumes.keys())),
                            }
                        ));
                    }
                }
            }
        }
    }
}

fn names_list<'a>(names: impl Iterator<Item = &'a &'a str>) -> String {
    let mut quoted: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    quoted.sort();
    crate::text::or_list(&quoted)
}

fn names_help<'a>(names: impl Iterator<Item = &'a &'a str>) -> String {
    format!("Use one of the task's containers: {}.", names_list(names))
}
