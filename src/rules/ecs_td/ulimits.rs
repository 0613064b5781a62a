use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::MAX_NOFILE;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks each container's `ulimits`: a soft limit above its hard limit, the same limit
    /// set twice, a `nofile` above 1048576 on Fargate, and `ulimits` on Windows.
    ///
    /// ## Why is this bad?
    /// Docker refuses to start a container whose soft limit exceeds its hard limit, so the
    /// task stops at launch; Fargate caps `nofile` at 1048576 ("Amazon ECS task definition
    /// differences for Fargate"), and Windows containers take no `ulimits` at all. A limit
    /// written twice keeps only one of the values, which one is not documented.
    ///
    /// ## Example
    /// ```json
    /// "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 4096}]
    /// ```
    ///
    /// Use instead: `{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}`.
    ///
    /// ## References
    /// - [Amazon ECS API: Ulimit](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Ulimit.html)
    /// - [Amazon ECS: task definition differences for Fargate](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html)
    pub Ulimits {
        id: "ECS-TD-030",
        name: "invalid-ulimit",
        severity: Error,
        summary: "Container ulimit that cannot apply: soft above hard, repeated, above Fargate's cap, or on Windows",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Ulimit.html",
    }
}

impl Check for Ulimits {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let fargate = model.fargate(td);
            let windows = known(&td.operating_system_family).filter(|_| td.is_windows());
            for (index, container) in td.containers.iter().enumerate() {
                let who = container.name_or_index(index);
                if let (Some(os), Some(first)) = (windows, container.ulimits.first()) {
                    sink.report(
                        first.span,
                        format!(
                            "Container {who} sets `ulimits`, which Windows containers do not take"
                        ),
                    )
                    .primary("ulimits")
                    .label(os.span, "Windows containers")
                    .help(format!("Remove {}.", model.container_property("ulimits")));
                    continue;
                }
                let mut seen = FxHashMap::default();
                for ulimit in &container.ulimits {
                    let name = known(&ulimit.name);
                    if let Some(name) = name
                        && let Some(first) = seen.insert(name.value.as_str(), name.span)
                    {
                        sink.report(
                            name.span,
                            format!("Container {who} sets the `{}` ulimit twice", name.value),
                        )
                        .primary("set again")
                        .label(first, "first set here")
                        .help("Keep one entry per limit.");
                    }
                    let (soft, hard) = (known(&ulimit.soft_limit), known(&ulimit.hard_limit));
                    if let (Some(soft), Some(hard)) = (soft, hard)
                        && soft.value > hard.value
                    {
                        sink.report(
                            soft.span,
                            format!(
                                "Container {who} sets a soft limit of {} above its hard limit of {}{}, so the container cannot start",
                                soft.value,
                                hard.value,
                                name.map(|n| format!(" for `{}`", n.value)).unwrap_or_default()
                            ),
                        )
                        .primary("soft limit")
                        .label(hard.span, "hard limit")
                        .help("Raise the hard limit to at least the soft limit.");
                    }
                    if let Some(fargate) = &fargate
                        && name.is_some_and(|n| n.value == "nofile")
                    {
                        for limit in [soft, hard].into_iter().flatten() {
                            if limit.value > MAX_NOFILE {
                                sink.report(
                                    limit.span,
                                    format!(
                                        "Container {who} sets `nofile` to {}; Fargate allows at most {MAX_NOFILE}",
                                        limit.value
                                    ),
                                )
                                .primary("above Fargate's cap")
                                .label(fargate.span, &fargate.label)
                                .help(format!("Set it to {MAX_NOFILE} or less."));
                            }
                        }
                    }
                }
            }
        }
    }
}
