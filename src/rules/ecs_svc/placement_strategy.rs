use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::facts::ecs::BINPACK_FIELDS;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks a service's placement strategies: `binpack` packs by `cpu` or `memory`,
    /// `spread` needs the `field` to spread over; a `field` on `random` is ignored (a
    /// warning). (More than five strategies is the document shape check's: INPUT-002.)
    ///
    /// ## Why is this bad?
    /// `CreateService` rejects a strategy whose field does not fit its type ("For the binpack
    /// placement strategy, valid values are cpu and memory"; spread over `instanceId`, `host`
    /// or an attribute such as `attribute:ecs.availability-zone`). For `random`, "this field is not used", so a field there says the author meant
    /// another strategy.
    ///
    /// ## Example
    /// ```json
    /// "placementStrategy": [{"type": "binpack", "field": "attribute:ecs.availability-zone"}]
    /// ```
    ///
    /// Use instead: `[{"type": "spread", "field": "attribute:ecs.availability-zone"},
    /// {"type": "binpack", "field": "memory"}]`.
    ///
    /// ## References
    /// - [Amazon ECS API: PlacementStrategy](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementStrategy.html)
    /// - [Amazon ECS: task placement strategies](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html)
    pub PlacementStrategy {
        id: "ECS-SVC-015",
        name: "invalid-placement-strategy",
        severity: Error,
        summary: "Placement strategy whose field does not fit its type",
        tags: ["placement", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementStrategy.html",
    }
}

impl Check for PlacementStrategy {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let field_property = || model.property("placementStrategy.field");
        for service in model.services() {
            let subject = service.subject();
            for strategy in &service.strategies {
                let Some(kind) = known(&strategy.kind) else {
                    continue;
                };
                let field = &strategy.field;
                match kind.value.to_ascii_lowercase().as_str() {
                    "binpack" => {
                        if let Some(field) = known(field).filter(|f| {
                            !BINPACK_FIELDS
                                .iter()
                                .any(|b| f.value.eq_ignore_ascii_case(b))
                        }) {
                            sink.report_value(
                                field,
                                format!("{subject} packs tasks by `{}`, but binpack packs by `cpu` or `memory`", field.value),
                            )
                            .primary("not cpu or memory")
                            .label(kind.span, "binpack")
                            .help("Pack by `memory` or `cpu`; to spread over an attribute, use a `spread` strategy.");
                        }
                    }
                    "spread" if field.is_none() => {
                        sink.report(
                            kind.span,
                            format!("{subject} has a spread strategy that names nothing to spread over"),
                        )
                        .primary("spread without a field")
                        .help(format!(
                            "Set {} to `instanceId` or an attribute such as `attribute:ecs.availability-zone`.",
                            field_property()
                        ));
                    }
                    "random" => {
                        if let Some(field) = field {
                            let diagnostic = sink.report(
                                field.span(),
                                format!("{subject} gives its random strategy a field, which random placement ignores"),
                            );
                            diagnostic.severity = Severity::Warning;
                            diagnostic
                                .primary("ignored")
                                .label(kind.span, "random")
                                .help(format!(
                                    "Remove {}, or use `spread` or `binpack` if the field was meant.",
                                    field_property()
                                ));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
