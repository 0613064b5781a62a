use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Condition, Model, Val};
use crate::rules::Check;
use crate::suggest::closest;

use super::deploy_time;

declare_rule! {
    /// ## What it does
    /// Checks each `Condition` operator: that it exists (with its optional `IfExists`
    /// suffix and `ForAllValues:` / `ForAnyValue:` qualifier), that `Null` has no
    /// `IfExists`, and that `Bool`, `Null` and numeric operators get values of their type.
    ///
    /// ## Why is this bad?
    /// IAM rejects an unknown operator and `NullIfExists`. A value of the wrong type makes
    /// the condition never match (`"Bool": {"aws:SecureTransport": "yes"}`): an `Allow`
    /// then grants nothing, and a `Deny` protects nothing.
    ///
    /// ## Example
    /// ```json
    /// "Condition": {"StringEqual": {"aws:SourceAccount": "123456789012"}}
    /// ```
    ///
    /// Use instead: `"StringEquals"`.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Condition operators](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
    pub ConditionOperators {
        id: "IAM-014",
        name: "condition-operator",
        severity: Error,
        summary: "Unknown condition operator, or a value of the wrong type for it",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    }
}

/// The condition operators, without `IfExists`. Source: IAM JSON policy elements: Condition
/// operators.
const OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

impl Check for ConditionOperators {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let conditions = model
            .policy_documents()
            .flat_map(|d| &d.statements)
            .flat_map(|s| &s.conditions);
        // Several keys share one operator: report the operator once.
        let mut reported = Vec::new();
        for condition in conditions {
            let written = &condition.operator;
            let qualified = ["ForAllValues:", "ForAnyValue:"]
                .iter()
                .find_map(|q| written.value.strip_prefix(q))
                .unwrap_or(&written.value);
            let (base, if_exists) = match qualified.strip_suffix("IfExists") {
                Some(base) => (base, true),
                None => (qualified, false),
            };
            if !OPERATORS.contains(&base) {
                if !reported.contains(&written.span) {
                    reported.push(written.span);
                    let diagnostic = sink.report(
                        written.span,
                        format!("`{}` is not a condition operator", written.value),
                    );
                    if let Some(intended) = closest(base, OPERATORS.iter().copied()) {
                        diagnostic.help(format!(
                            "Did you mean `{}`?",
                            written.value.replacen(base, intended, 1)
                        ));
                    }
                }
                continue;
            }
            if base == "Null" && if_exists {
                if !reported.contains(&written.span) {
                    reported.push(written.span);
                    sink.report(
                        written.span,
                        "`Null` already tests whether the key exists; IAM rejects `NullIfExists`",
                    )
                    .help("Use `Null`.");
                }
                continue;
            }
            check_values(base, condition, sink);
        }
    }
}

/// `Bool` and `Null` take `true` or `false`; numeric operators take numbers.
fn check_values(operator: &str, condition: &Condition, sink: &mut Sink) {
    let (expected, valid): (&str, fn(&str) -> bool) = match operator {
        "Bool" | "Null" => ("`true` or `false`", |v| {
            v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false")
        }),
        o if o.starts_with("Numeric") => ("a number", |v| v.trim().parse::<f64>().is_ok()),
        _ => return,
    };
    for value in condition.values.iter().filter_map(Val::known) {
        if deploy_time(&value.value) || valid(&value.value) {
            continue;
        }
        sink.report_value(
            value,
            format!(
                "`{operator}` compares `{}` with {expected}, not `{}`: the condition never matches",
                condition.key.value, value.value
            ),
        );
    }
}
