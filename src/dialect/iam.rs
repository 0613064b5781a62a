//! Reading IAM policy documents into the model: standalone policy files, and the policies a
//! template embeds — as objects, or as JSON strings whose positions are mapped back into the
//! file. Values go through the dialect's resolver, so a template's `!Sub` ARNs and `!Ref`
//! links become patterns (see [`crate::model::policy`]).

use crate::dialect::reader::{Resolve, Scalar, Verbatim};
use crate::model::{
    Condition, Effect, Elements, PolicyDocument, PolicyKind, Principal, Statement, Val,
};
use crate::source::embedded::parse_json_in_string;
use crate::source::span::{Located, Span};
use crate::source::tree::{Entry, Node, Value};

/// The elements IAM knows at the top of a policy and in a statement.
pub const DOCUMENT_ELEMENTS: &[&str] = &["Version", "Id", "Statement"];
pub const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// Whether a standalone document is an IAM policy: an object with a `Statement`, or with a
/// policy `Version` (and a missing statement, which is then reported).
pub fn is_policy(root: &Node) -> bool {
    root.get("Statement").is_some()
        || root
            .get("Version")
            .and_then(Node::as_str)
            .is_some_and(|v| v == "2012-10-17" || v == "2008-10-17")
}

/// A standalone policy file, its kind told by its shape: statements with a principal make a
/// trust policy when they are about `sts:AssumeRole…`, a resource policy otherwise.
pub fn standalone(root: &Node) -> PolicyDocument {
    let mut document = read_object(&Verbatim, root, PolicyKind::Identity);
    let with_principal: Vec<&Statement> = document
        .statements
        .iter()
        .filter(|s| s.principal.is_some() || s.not_principal.is_some())
        .collect();
    if !with_principal.is_empty() {
        // A trust policy is about assuming the role (`sts:AssumeRole…`, and `sts:TagSession`
        // or `sts:SetSourceIdentity` beside it) and names no resource: the role is the
        // resource. Anything else with a principal is a resource policy (or a resource
        // control policy, which names `sts:AssumeRole` among others).
        let sts_only = |s: &&Statement| {
            s.resources().is_none()
                && s.action.as_ref().is_some_and(|a| {
                    a.values
                        .iter()
                        .filter_map(Val::value)
                        .all(|v| v.to_ascii_lowercase().starts_with("sts:"))
                })
        };
        let assumes = with_principal.iter().any(|s| {
            s.action.as_ref().is_some_and(|a| {
                a.values
                    .iter()
                    .filter_map(Val::value)
                    .any(|v| v.to_ascii_lowercase().starts_with("sts:assumerole"))
            })
        });
        document.kind = if assumes && with_principal.iter().all(sts_only) {
            PolicyKind::Trust
        } else {
            PolicyKind::Resource
        };
    }
    document
}

/// A policy document a template embeds: an object, or a JSON string (`text` is the file, to
/// map positions inside the string). `None` when the document is only known at deploy time.
pub fn embedded(
    resolve: &dyn Resolve,
    node: &Node,
    kind: PolicyKind,
    text: &str,
) -> Option<PolicyDocument> {
    let node = resolve.structure(node)?;
    if node.as_object().is_some() {
        // An object the resolver reads as a value is a function (`Fn::ImportValue`), unless
        // it is a plain object.
        return match resolve.scalar(node) {
            Val::Invalid(_) => Some(read_object(resolve, node, kind)),
            Val::Known(written) => from_string(&written.value, node.span, kind, text),
            Val::Unknown(_) => None,
        };
    }
    match resolve.scalar(node) {
        Val::Known(written) => from_string(&written.value, node.span, kind, text),
        _ => None,
    }
}

fn from_string(
    written: &Scalar,
    span: Span,
    kind: PolicyKind,
    text: &str,
) -> Option<PolicyDocument> {
    let value = match written {
        Scalar::Str(s) | Scalar::Template(s) => s,
        _ => return None,
    };
    Some(match parse_json_in_string(value, text, span) {
        Ok(inner) => read_object(&Verbatim, &inner, kind),
        Err(error) => PolicyDocument {
            malformed: vec![Located::new(
                format!(
                    "the policy document in this string is not valid JSON: {}",
                    error.message
                ),
                error.span,
            )],
            ..PolicyDocument::empty(span, kind)
        },
    })
}

fn read_object(resolve: &dyn Resolve, node: &Node, kind: PolicyKind) -> PolicyDocument {
    let mut document = PolicyDocument::empty(node.span, kind);
    let Some(entries) = node.as_object() else {
        document.malformed.push(Located::new(
            format!("a policy document is an object, not {}", node.type_name()),
            node.span,
        ));
        return document;
    };
    for entry in entries {
        let Some(value) = resolve.structure(&entry.value) else {
            continue;
        };
        match entry.key.as_ref() {
            "Version" => document.version = Some(string(resolve, value)),
            "Id" => {}
            "Statement" => {
                document.statement_key = Some(entry.key_span);
                let statement = |node: &Node, document: &mut PolicyDocument| match node.as_object()
                {
                    Some(_) => {
                        let statement = read_statement(resolve, node, document);
                        document.statements.push(statement);
                    }
                    None => document.malformed.push(Located::new(
                        format!("a statement is an object, not {}", node.type_name()),
                        node.span,
                    )),
                };
                match &value.value {
                    Value::Array(items) => {
                        for item in items.iter().filter_map(|i| resolve.structure(i)) {
                            statement(item, &mut document);
                        }
                    }
                    Value::Object(_) => statement(value, &mut document),
                    _ => document.malformed.push(Located::new(
                        format!(
                            "`Statement` is an object or an array of objects, not {}",
                            value.type_name()
                        ),
                        value.span,
                    )),
                }
            }
            other => document
                .unknown_elements
                .push(Located::new(other.to_string(), entry.key_span)),
        }
    }
    document
}

fn read_statement(resolve: &dyn Resolve, node: &Node, document: &mut PolicyDocument) -> Statement {
    let mut statement = Statement {
        span: node.span,
        ..Statement::default()
    };
    for entry in node.as_object().unwrap_or_default() {
        let Some(value) = resolve.structure(&entry.value) else {
            continue;
        };
        let key = entry.key_span;
        match entry.key.as_ref() {
            "Sid" => statement.sid = Some(string(resolve, value)),
            "Effect" => {
                statement.effect = Some(match string(resolve, value) {
                    Val::Known(l) if l.value == "Allow" => Val::Known(l.map(|_| Effect::Allow)),
                    Val::Known(l) if l.value == "Deny" => Val::Known(l.map(|_| Effect::Deny)),
                    Val::Known(l) => Val::Invalid(l),
                    Val::Unknown(span) => Val::Unknown(span),
                    Val::Invalid(l) => Val::Invalid(l),
                })
            }
            "Action" => statement.action = Some(elements(resolve, entry, value, document)),
            "NotAction" => statement.not_action = Some(elements(resolve, entry, value, document)),
            "Resource" => statement.resource = Some(elements(resolve, entry, value, document)),
            "NotResource" => {
                statement.not_resource = Some(elements(resolve, entry, value, document))
            }
            "Principal" => statement.principal = Some(principal(resolve, key, value, document)),
            "NotPrincipal" => {
                statement.not_principal = Some(principal(resolve, key, value, document))
            }
            "Condition" => {
                statement.condition_key = Some(key);
                statement.conditions = conditions(resolve, value, document);
            }
            other => statement
                .unknown_elements
                .push(Located::new(other.to_string(), key)),
        }
    }
    statement
}

/// A string or a list of strings.
fn elements(
    resolve: &dyn Resolve,
    entry: &Entry,
    value: &Node,
    document: &mut PolicyDocument,
) -> Elements {
    Elements {
        key: entry.key_span,
        values: strings(resolve, &entry.key, value, document),
    }
}

/// The strings of element `name`: one string, or a list of them.
fn strings(
    resolve: &dyn Resolve,
    name: &str,
    value: &Node,
    document: &mut PolicyDocument,
) -> Vec<Val<String>> {
    match &value.value {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| resolve.structure(i))
            .map(|i| string(resolve, i))
            .collect(),
        Value::Object(_) if matches!(resolve.scalar(value), Val::Invalid(_)) => {
            document.malformed.push(Located::new(
                format!("`{name}` is a string or an array of strings, not an object"),
                value.span,
            ));
            Vec::new()
        }
        _ => vec![string(resolve, value)],
    }
}

/// A value as a pattern (see [`Scalar::pattern`]).
fn string(resolve: &dyn Resolve, node: &Node) -> Val<String> {
    match resolve.scalar(node) {
        Val::Known(l) => Val::Known(l.map(|s| s.pattern())),
        Val::Unknown(span) => Val::Unknown(span),
        Val::Invalid(l) => Val::Invalid(l),
    }
}

fn principal(
    resolve: &dyn Resolve,
    key: Span,
    value: &Node,
    document: &mut PolicyDocument,
) -> Principal {
    let mut principal = Principal {
        key,
        everyone: None,
        members: Vec::new(),
    };
    match value.as_object() {
        Some(entries) if matches!(resolve.scalar(value), Val::Invalid(_)) => {
            for entry in entries {
                let Some(values) = resolve.structure(&entry.value) else {
                    continue;
                };
                principal.members.push((
                    Located::new(entry.key.to_string(), entry.key_span),
                    strings(resolve, &entry.key, values, document),
                ));
            }
        }
        _ => match string(resolve, value) {
            Val::Known(l) if l.value == "*" => principal.everyone = Some(l.span),
            Val::Unknown(_) => {}
            _ => document.malformed.push(Located::new(
                "a principal is `\"*\"` or an object such as `{\"Service\": \"ecs-tasks.amazonaws.com\"}`"
                    .to_string(),
                value.span,
            )),
        },
    }
    principal
}

fn conditions(
    resolve: &dyn Resolve,
    value: &Node,
    document: &mut PolicyDocument,
) -> Vec<Condition> {
    let mut conditions = Vec::new();
    let Some(operators) = value.as_object() else {
        document.malformed.push(Located::new(
            format!(
                "`Condition` is an object of operators, not {}",
                value.type_name()
            ),
            value.span,
        ));
        return conditions;
    };
    for operator in operators {
        let Some(tests) = resolve.structure(&operator.value) else {
            continue;
        };
        let Some(tests) = tests.as_object() else {
            document.malformed.push(Located::new(
                format!(
                    "a condition operator takes an object of condition keys, not {}",
                    tests.type_name()
                ),
                tests.span,
            ));
            continue;
        };
        for test in tests {
            let Some(values) = resolve.structure(&test.value) else {
                continue;
            };
            conditions.push(Condition {
                operator: Located::new(operator.key.to_string(), operator.key_span),
                key: Located::new(test.key.to_string(), test.key_span),
                values: strings(resolve, &test.key, values, document),
            });
        }
    }
    conditions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;

    fn kind(json: &str) -> PolicyKind {
        standalone(&parse_json(json).unwrap()).kind
    }

    #[test]
    fn a_standalone_policy_is_told_by_its_shape() {
        assert_eq!(
            kind(
                r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#
            ),
            PolicyKind::Identity
        );
        assert_eq!(
            kind(
                r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}"#
            ),
            PolicyKind::Trust
        );
        assert_eq!(
            kind(
                r#"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "ecr:BatchGetImage"}]}"#
            ),
            PolicyKind::Resource
        );
        // A resource control policy names sts:AssumeRole among other actions, on resources.
        assert_eq!(
            kind(
                r#"{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": ["sts:AssumeRole", "s3:*"], "Resource": "*"}]}"#
            ),
            PolicyKind::Resource
        );
    }
}
