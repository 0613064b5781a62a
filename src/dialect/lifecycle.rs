//! ECR lifecycle policies to the model. The policy is JSON in the ECR API's camelCase in every
//! input: a string (CloudFormation's `LifecyclePolicyText`, a Terraform heredoc or `file()`)
//! parsed with positions mapped back through its escapes, an object (Terraform's
//! `jsonencode`), or a file of its own.

use crate::dialect::reader::{Reader, Resolve, Scalar, Spelling, Verbatim};
use crate::facts::ecr_lifecycle::{ACTION_KEYS, POLICY_KEYS, RULE_KEYS, SELECTION_KEYS};
use crate::model::{LifecyclePolicy, LifecycleRule, Val};
use crate::source::embedded::parse_json_in_string;
use crate::source::span::{Located, Span};
use crate::source::tree::{Node, Value};

/// Whether a document is a lifecycle policy as `aws ecr put-lifecycle-policy` takes it: a
/// `rules` list whose entries have a `rulePriority` or a `selection`.
pub fn is_lifecycle_policy(root: &Node) -> bool {
    root.get("rules")
        .and_then(Node::as_array)
        .is_some_and(|rules| {
            rules
                .iter()
                .any(|r| r.get("rulePriority").is_some() || r.get("selection").is_some())
        })
}

/// A lifecycle policy file.
pub fn standalone(root: &Node, text: &str) -> LifecyclePolicy {
    read(&Verbatim, root, text)
}

/// The policy a property holds, read with the dialect's resolver; `None` when it is only
/// known at deploy time.
pub fn embedded(resolve: &dyn Resolve, node: &Node, text: &str) -> Option<LifecyclePolicy> {
    let node = resolve.structure(node)?;
    match resolve.scalar(node) {
        // A written object (Terraform's `jsonencode`), not a function.
        Val::Invalid(_) if node.as_object().is_some() => Some(read(resolve, node, text)),
        Val::Known(written) => match &written.value {
            Scalar::Str(s) => Some(match parse_json_in_string(s, text, node.span) {
                Ok(inner) => read(&Verbatim, &inner, text),
                Err(error) => LifecyclePolicy {
                    span: node.span,
                    malformed: Some(Located::new(
                        format!("The lifecycle policy is not valid JSON: {}", error.message),
                        error.span,
                    )),
                    ..LifecyclePolicy::default()
                },
            }),
            _ => None,
        },
        _ => None,
    }
}

fn read(resolve: &dyn Resolve, root: &Node, text: &str) -> LifecyclePolicy {
    let r = Reader {
        spelling: Spelling::Camel,
        resolve,
        text,
    };
    let mut policy = LifecyclePolicy {
        span: root.span,
        nulls: nulls(root),
        ..LifecyclePolicy::default()
    };
    unknown_keys(root, POLICY_KEYS, &mut policy.unknown_keys);
    if r.get(root, "rules").and_then(Node::as_array).is_none() {
        if !matches!(
            r.get(root, "rules").map(|n| resolve.scalar(n)),
            Some(Val::Unknown(_))
        ) {
            policy.malformed = Some(Located::new(
                "The lifecycle policy has no `rules` list".into(),
                root.span,
            ));
        }
        return policy;
    }
    let number = |s: &Scalar| match s {
        Scalar::Num(n) | Scalar::Str(n) => n.trim().parse::<i64>().ok(),
        _ => None,
    };
    for rule in r.objects(root, "rules") {
        let selection = r.get(rule, "selection");
        let action = r.get(rule, "action");
        for (node, known) in [
            (Some(rule), RULE_KEYS),
            (selection, SELECTION_KEYS),
            (action, ACTION_KEYS),
        ] {
            if let Some(node) = node {
                unknown_keys(node, known, &mut policy.unknown_keys);
            }
        }
        let of = |obj: Option<&Node>, camel: &str| obj.and_then(|o| r.string(o, camel));
        // A list of strings written out, each known or not.
        let strings = |obj: Option<&Node>, camel: &str| {
            obj.and_then(|o| r.list(o, camel, |v| v.string()))
                .and_then(|l| l.known().cloned())
                .map(|l| l.value)
        };
        policy.rules.push(LifecycleRule {
            span: rule.span,
            priority: r.u32(rule, "rulePriority"),
            tag_status: of(selection, "tagStatus"),
            tag_prefix_list: selection.and_then(|s| r.present(s, "tagPrefixList")),
            tag_pattern_list: selection.and_then(|s| r.present(s, "tagPatternList")),
            tag_patterns: strings(selection, "tagPatternList")
                .map(|l| l.into_iter().filter_map(|v| v.known().cloned()).collect())
                .unwrap_or_default(),
            tag_prefixes: strings(selection, "tagPrefixList").and_then(|l| {
                l.into_iter()
                    .map(|v| v.known().cloned())
                    .collect::<Option<Vec<_>>>()
            }),
            count_type: of(selection, "countType"),
            count_unit: of(selection, "countUnit"),
            count_number: selection.and_then(|s| r.parsed(s, "countNumber", number)),
            action_type: of(action, "type"),
            target_storage_class: of(action, "targetStorageClass"),
            has_selection: selection.is_some(),
        });
    }
    policy
}

/// The members of `node` whose names are not among `known`.
fn unknown_keys(
    node: &Node,
    known: &'static [&'static str],
    out: &mut Vec<(Located<String>, &'static [&'static str])>,
) {
    for entry in node.as_object().unwrap_or_default() {
        if !known.contains(&entry.key.as_ref()) {
            out.push((Located::new(entry.key.to_string(), entry.key_span), known));
        }
    }
}

/// Every `null` value in the document, in order.
fn nulls(root: &Node) -> Vec<Span> {
    let mut out: Vec<Span> = root
        .descendants()
        .filter(|node| node.value == Value::Null)
        .map(|node| node.span)
        .collect();
    out.sort_unstable_by_key(|s| s.start);
    out
}
