use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::dialect::iam::{DOCUMENT_ELEMENTS, STATEMENT_ELEMENTS};
use crate::model::{Elements, Model, PolicyKind, Statement, Val};
use crate::rules::Check;
use crate::source::span::Located;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Checks the shape of a policy document: a `Statement` that is an object or an array of
    /// objects; in each statement an `Effect` of `Allow` or `Deny` (case-sensitive), exactly
    /// one of `Action` and `NotAction`, at most one of `Resource` and `NotResource` (an
    /// identity policy needs one); no element IAM does not know (with the likely intended
    /// one); and, for a policy written as a JSON string, JSON that parses — located inside
    /// the string.
    ///
    /// ## Why is this bad?
    /// IAM rejects the policy (`MalformedPolicyDocument`) and the stack fails to create. A
    /// misspelt element name is not ignored: the policy is refused.
    ///
    /// ## Example
    /// ```json
    /// {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Actions": "s3:GetObject",
    ///   "Resource": "*"}]}
    /// ```
    ///
    /// Use instead: `"Effect": "Allow"` and `"Action"`.
    ///
    /// ## References
    /// - [IAM JSON policy elements reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html)
    /// - [IAM JSON policy grammar](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html)
    pub StatementStructure {
        id: "IAM-002",
        name: "policy-statement-structure",
        severity: Error,
        summary: "Policy document or statement that IAM rejects as malformed",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
    }
}

impl Check for StatementStructure {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for document in model.policy_documents() {
            for problem in &document.malformed {
                sink.report(problem.span, capitalised(&problem.value));
            }
            unknown_elements(
                &document.unknown_elements,
                "policy",
                DOCUMENT_ELEMENTS,
                sink,
            );
            if document.statement_key.is_none() && document.malformed.is_empty() {
                sink.report(document.span, "The policy has no `Statement`");
            }
            for statement in &document.statements {
                check_statement(statement, document.kind, sink);
            }
        }
    }
}

fn check_statement(statement: &Statement, kind: PolicyKind, sink: &mut Sink) {
    unknown_elements(
        &statement.unknown_elements,
        "statement",
        STATEMENT_ELEMENTS,
        sink,
    );
    match &statement.effect {
        None => {
            sink.report(statement.span, "The statement has no `Effect`")
                .help("Add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`.");
        }
        Some(Val::Invalid(effect)) => {
            let suggestion = closest(&effect.value, ["Allow", "Deny"])
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            sink.report_value(
                effect,
                format!(
                    "`Effect` is `{}`; it must be `Allow` or `Deny`, with that case{suggestion}",
                    effect.value
                ),
            );
        }
        _ => {}
    }
    either(
        statement,
        &statement.action,
        &statement.not_action,
        "Action",
        true,
        sink,
    );
    let resource_required = kind == PolicyKind::Identity;
    either(
        statement,
        &statement.resource,
        &statement.not_resource,
        "Resource",
        resource_required,
        sink,
    );
}

/// Exactly one (or, when not `required`, at most one) of `X` and `NotX`.
fn either(
    statement: &Statement,
    positive: &Option<Elements>,
    negative: &Option<Elements>,
    name: &str,
    required: bool,
    sink: &mut Sink,
) {
    match (positive, negative) {
        (Some(p), Some(n)) => {
            sink.report(
                n.key,
                format!("The statement has both `{name}` and `Not{name}`; IAM accepts only one"),
            )
            .label(p.key, format!("`{name}` is here"));
        }
        (None, None) if required => {
            sink.report(
                statement.span,
                format!("The statement has neither `{name}` nor `Not{name}`"),
            );
        }
        _ => {}
    }
}

/// Elements a `level` ("policy", "statement") does not have, with the likely intended one.
fn unknown_elements(unknown: &[Located<String>], level: &str, known: &[&str], sink: &mut Sink) {
    for element in unknown {
        let diagnostic = sink.report(
            element.span,
            format!("`{}` is not a {level} element IAM knows", element.value),
        );
        match closest(&element.value, known.iter().copied()) {
            Some(intended) => diagnostic.help(format!("Did you mean `{intended}`?")),
            None => {
                let quoted: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                diagnostic.help(format!(
                    "A {level} has only {}.",
                    crate::text::and_list(&quoted)
                ))
            }
        };
    }
}

fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
