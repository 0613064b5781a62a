use crate::cql;
use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::{MAX_PLACEMENT_CONSTRAINTS, MAX_PLACEMENT_EXPRESSION};
use crate::model::{Model, Placement, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks placement constraints, in services and task definitions: a `memberOf`
    /// constraint has a Cluster Query Language expression that parses (errors point inside
    /// it) and is at most 2,000 characters; `distinctInstance` has no expression; a task has
    /// at most ten constraints, its task definition's and its service's together; a task
    /// definition takes only `memberOf`.
    ///
    /// ## Why is this bad?
    /// ECS parses the expression when the service is created or the task definition
    /// registered and rejects what it cannot read (`attribute:ecs.instance-type = t3.large`
    /// with a single `=`, an `in` without `[…]`); "You can't specify an expression if the
    /// constraint type is distinctInstance", task definitions take only `memberOf`, and "You
    /// can specify a maximum of 10 constraints for each task", counting both places.
    ///
    /// ## Example
    /// ```json
    /// "placementConstraints": [{"type": "memberOf",
    ///                           "expression": "attribute:ecs.availability-zone in us-east-1a, us-east-1b"}]
    /// ```
    ///
    /// Use instead: `"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"`.
    ///
    /// ## References
    /// - [Amazon ECS: cluster query language](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html)
    /// - [Amazon ECS API: PlacementConstraint](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementConstraint.html)
    pub PlacementConstraint {
        id: "ECS-SVC-016",
        name: "invalid-placement-constraint",
        severity: Error,
        summary: "Placement constraint ECS cannot use: an expression that does not parse, distinctInstance misused, too many",
        tags: ["placement", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html",
    }
}

impl Check for PlacementConstraint {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for constraint in &td.constraints {
                check_constraint(model, sink, constraint, "This task definition", true);
            }
        }
        for service in model.services() {
            let subject = service.subject();
            for constraint in &service.constraints {
                check_constraint(model, sink, constraint, subject, false);
            }
            let inherited = model
                .task_definition_of(service)
                .map_or(0, |td| td.constraints.len());
            let total = inherited + service.constraints.len();
            if inherited > 0
                && total > MAX_PLACEMENT_CONSTRAINTS
                && let Some(extra) = service
                    .constraints
                    .get(MAX_PLACEMENT_CONSTRAINTS.saturating_sub(inherited))
            {
                sink.report(
                    extra.span,
                    format!(
                        "{subject}'s tasks have {total} placement constraints ({inherited} from the task definition); a task takes at most {MAX_PLACEMENT_CONSTRAINTS}"
                    ),
                )
                .primary("one too many")
                .help("Combine `memberOf` expressions with `and`.");
            }
        }
    }
}

fn check_constraint(
    model: &Model,
    sink: &mut Sink,
    constraint: &Placement,
    subject: impl std::fmt::Display,
    in_task_definition: bool,
) {
    let Some(kind) = known(&constraint.kind) else {
        return;
    };
    let expression = known(&constraint.expression);
    let property = || model.property("placementConstraints.expression");
    if kind.value == "distinctInstance" {
        if in_task_definition {
            sink.report(
                kind.span,
                format!("{subject} has a `distinctInstance` constraint, which only services take"),
            )
            .primary("not in a task definition")
            .help("Move the constraint to the service, or use a `memberOf` expression here.");
        } else if let Some(expression) = expression {
            sink.report(
                expression.span,
                format!("{subject} gives its `distinctInstance` constraint an expression, which it does not take"),
            )
            .primary("expression")
            .label(kind.span, "distinctInstance")
            .help(format!("Remove {}, or make the constraint `memberOf`.", property()));
        }
        return;
    }
    if kind.value != "memberOf" {
        return;
    }
    let Some(expression) = expression else {
        if constraint.expression.is_none() {
            sink.report(
                kind.span,
                format!("{subject} has a `memberOf` constraint without an expression"),
            )
            .primary("memberOf")
            .help(format!(
                "Set {} to a Cluster Query Language expression, such as `attribute:ecs.instance-type =~ t3.*`.",
                property()
            ));
        }
        return;
    };
    let text = &expression.value.text.value;
    if text.chars().count() > MAX_PLACEMENT_EXPRESSION {
        sink.report(
            expression.span,
            format!(
                "{subject} has a placement expression of {} characters; ECS takes at most {MAX_PLACEMENT_EXPRESSION}",
                text.chars().count()
            ),
        )
        .primary("too long")
        .help("Group the instances with a custom attribute and test that instead.");
        return;
    }
    if let Err(error) = cql::check(text) {
        sink.report(
            expression.value.span(error.span),
            format!("{subject} has a placement expression ECS cannot parse: {}", error.message),
        )
        .primary("here")
        .help("Cluster Query Language compares a subject with a value, `attribute:ecs.instance-type == t3.large`; lists are written `[a, b]`; expressions combine with `and`, `or`, `not` and parentheses.");
    }
}
