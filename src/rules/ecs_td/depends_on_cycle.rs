use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that the containers' `dependsOn` entries do not form a cycle: a container
    /// that waits for itself, or for a container that (through others) waits for it.
    ///
    /// ## Why is this bad?
    /// None of the containers in the cycle can start: the task stays `PENDING` until it
    /// times out.
    ///
    /// ## Example
    /// ```json
    /// "containerDefinitions": [
    ///   {"name": "app", "image": "app", "dependsOn": [{"containerName": "proxy", "condition": "START"}]},
    ///   {"name": "proxy", "image": "envoy", "dependsOn": [{"containerName": "app", "condition": "START"}]}]
    /// ```
    ///
    /// Use instead: one direction only (`app` waits for `proxy`).
    ///
    /// ## References
    /// - [Amazon ECS API: ContainerDependency](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html)
    pub DependsOnCycle {
        id: "ECS-TD-010",
        name: "depends-on-cycle",
        severity: Error,
        summary: "Containers whose dependsOn entries wait for each other",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html",
    }
}

/// Where a depth-first walk is with a container.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    New,
    /// On the current path: reaching it again closes a cycle.
    Open,
    Done,
}

impl Check for DependsOnCycle {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let index: FxHashMap<&str, usize> = td
                .containers
                .iter()
                .enumerate()
                .filter_map(|(i, c)| known(&c.name).map(|n| (n.value.as_str(), i)))
                .collect();
            // Each container's dependencies, as (container, the dependency's name).
            let edges: Vec<Vec<(usize, &crate::model::Dependency)>> = td
                .containers
                .iter()
                .map(|c| {
                    c.depends_on
                        .iter()
                        .filter_map(|d| {
                            let name = known(&d.container_name)?;
                            Some((*index.get(name.value.as_str())?, d))
                        })
                        .collect()
                })
                .collect();
            let mut marks = vec![Mark::New; td.containers.len()];
            for start in 0..td.containers.len() {
                if marks[start] != Mark::New {
                    continue;
                }
                // An explicit stack of (container, next edge to follow): linear in the edges.
                let mut stack = vec![(start, 0usize)];
                marks[start] = Mark::Open;
                while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                    let Some(&(target, dependency)) = edges[node].get(*next) else {
                        marks[node] = Mark::Done;
                        stack.pop();
                        continue;
                    };
                    *next += 1;
                    match marks[target] {
                        Mark::New => {
                            marks[target] = Mark::Open;
                            stack.push((target, 0));
                        }
                        Mark::Open => {
                            let path: Vec<String> = stack
                                .iter()
                                .skip_while(|(n, _)| *n != target)
                                .map(|(n, _)| td.containers[*n].name_or_index(*n).to_string())
                                .collect();
                            let name = known(&dependency.container_name).expect("indexed by name");
                            let message = if path.len() == 1 {
                                format!(
                                    "Container {} waits for itself, so it never starts",
                                    path[0]
                                )
                            } else {
                                format!(
                                    "These containers wait for each other, so none of them starts: {} → {}",
                                    path.join(" → "),
                                    td.containers[target].name_or_index(target)
                                )
                            };
                            sink.report_value(name, message)
                            .primary("closes the cycle")
                            .help("Remove one of the dependencies, so they wait in one direction.");
                        }
                        Mark::Done => {}
                    }
                }
            }
        }
    }
}
