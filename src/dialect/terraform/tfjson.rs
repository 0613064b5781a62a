//! `.tf.json` configuration to the same blocks as HCL. The JSON syntax nests one object per
//! block label (`"resource": {"aws_ecs_service": {"api": {…}}}`), and any level may be an
//! array of such objects; `"//"` members are comments; every string is a template.

use crate::source::span::{Located, Span};
use crate::source::tree::{Entry, Node, Value};

use super::config::Block;
use super::hcl;

/// The blocks of a `.tf.json` root object, parsed from `text`, which starts at `base` in
/// the unit's text.
pub fn blocks(root: &Node, text: &str, base: usize) -> Vec<Block> {
    let mut out = Vec::new();
    for entry in root.as_object().unwrap_or_default() {
        let labels = match entry.key.as_ref() {
            "resource" | "data" => 2,
            "variable" | "module" | "output" | "provider" => 1,
            "//" => continue,
            _ => 0,
        };
        collect(
            &entry.key,
            &entry.value,
            labels,
            Vec::new(),
            text,
            base,
            &mut out,
        );
    }
    out
}

fn collect(
    kind: &str,
    value: &Node,
    labels_left: usize,
    labels: Vec<Located<String>>,
    text: &str,
    base: usize,
    out: &mut Vec<Block>,
) {
    if let Some(items) = value.as_array() {
        for item in items {
            collect(kind, item, labels_left, labels.clone(), text, base, out);
        }
        return;
    }
    if labels_left == 0 {
        out.push(Block {
            kind: kind.to_string(),
            labels,
            body: convert(value, text, base),
        });
        return;
    }
    for entry in value.as_object().unwrap_or_default() {
        if entry.key == "//" {
            continue;
        }
        let mut labels = labels.clone();
        labels.push(Located::new(
            entry.key.to_string(),
            entry.key_span.shifted(base),
        ));
        collect(kind, &entry.value, labels_left - 1, labels, text, base, out);
    }
}

/// A JSON value as configuration: strings become templates, comments are dropped.
fn convert(node: &Node, text: &str, base: usize) -> Node<'static> {
    match &node.value {
        Value::String(s) if s.contains("${") || s.contains("%{") => {
            template(s, node.span, text, base)
        }
        Value::Array(items) => Node::new(
            node.span.shifted(base),
            Value::Array(items.iter().map(|n| convert(n, text, base)).collect()),
        ),
        Value::Object(entries) => Node::new(
            node.span.shifted(base),
            Value::Object(
                entries
                    .iter()
                    .filter(|e| e.key != "//")
                    .map(|e| Entry {
                        key: e.key.to_string().into(),
                        key_span: e.key_span.shifted(base),
                        value: convert(&e.value, text, base),
                    })
                    .collect(),
            ),
        ),
        _ => node.to_owned_at(base),
    }
}

/// A string holding a template. Its parts are located exactly when the string has no
/// escapes; otherwise each part is located at the whole string.
fn template(value: &str, written: Span, text: &str, base: usize) -> Node<'static> {
    let whole = written.shifted(base);
    let raw = text.get(written.range()).unwrap_or_default();
    let exact = raw.len() == value.len() + 2;
    let mut node = hcl::template(value, base + written.start as usize + 1, whole);
    if !exact {
        respan(&mut node, whole);
    }
    node
}

fn respan(node: &mut Node, span: Span) {
    node.span = span;
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| respan(n, span)),
        Value::Object(entries) => entries.iter_mut().for_each(|e| {
            e.key_span = span;
            respan(&mut e.value, span);
        }),
        Value::Expr(expr) => {
            if let crate::source::tree::Expr::Template(parts)
            | crate::source::tree::Expr::Call { args: parts, .. } = &mut **expr
            {
                parts.iter_mut().for_each(|n| respan(n, span));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;
    use crate::source::tree::Expr;

    #[test]
    fn object_and_array_forms_comments_and_templates() {
        let text = r#"{"//": "x", "resource": [{"aws_ecs_service": {"api": [{"name": "api", "desired_count": "${var.n}", "//": "c"}]}}], "variable": {"n": {"default": 2}}, "locals": {"a": 1}}"#;
        let root = parse_json(text).unwrap();
        let blocks = blocks(&root, text, 100);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].kind, "resource");
        assert_eq!(blocks[0].labels[0].value, "aws_ecs_service");
        assert_eq!(blocks[0].labels[1].value, "api");
        let body = &blocks[0].body;
        assert!(body.get("//").is_none());
        let count = body.get("desired_count").unwrap();
        let Value::Expr(e) = &count.value else {
            panic!()
        };
        let Expr::Template(parts) = &**e else {
            panic!()
        };
        let at = parts[0].span.start as usize - 100;
        assert_eq!(&text[at..at + 5], "var.n");
        assert_eq!(blocks[1].labels[0].value, "n");
        assert_eq!(blocks[2].kind, "locals");
    }
}
