//! HCL (`.tf`) to the configuration tree. `hcl-edit` keeps the byte range of every
//! expression, so a finding inside `jsonencode([{ … }])` points at the HCL that wrote it.

use std::borrow::Cow;

use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::{Element, Template};

use crate::source::ParseError;
use crate::source::span::{Located, Span};
use crate::source::tree::{Entry, Expr, Node, Step, Value};

use super::brackets;
use super::config::Block;

/// Parses one `.tf` file whose text starts at `base` in the unit's text.
pub fn parse(text: &str, base: usize) -> Result<Vec<Block>, ParseError> {
    let (body, at) = parse_body(text, base)?;
    Ok(body
        .iter()
        .filter_map(Structure::as_block)
        .map(|block| Block {
            kind: block.ident.as_str().to_string(),
            labels: block
                .labels
                .iter()
                .map(|label| {
                    Located::new(label.as_str().to_string(), at.span(label, Span::default()))
                })
                .collect(),
            body: at.body(&block.body, at.span(block, Span::default())),
        })
        .collect())
}

/// A file of arguments only (`terraform.tfvars`), as an object.
pub fn values(text: &str, base: usize) -> Result<Node<'static>, ParseError> {
    let (body, at) = parse_body(text, base)?;
    Ok(at.body(&body, Span::new(base, base + text.len())))
}

fn parse_body(text: &str, base: usize) -> Result<(Body, At), ParseError> {
    // hcl-edit does not skip a byte-order mark; Terraform does.
    let (text, base) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, base + '\u{feff}'.len_utf8()),
        None => (text, base),
    };
    let open = brackets::unclosed(text);
    if open.len() > brackets::MAX_UNCLOSED {
        return Err(ParseError::new(
            format!(
                "{} brackets are never closed, the first here; ecslint did not lint this file",
                open.len()
            ),
            Span::char_at(text, open[0]).shifted(base),
        ));
    }
    let mut renamed = Vec::new();
    let mut patched = std::borrow::Cow::Borrowed(text);
    loop {
        match hcl_edit::parser::parse_body(&patched) {
            Ok(body) => return Ok((body, At { base, renamed })),
            Err(error) => {
                let offset = error.location().offset();
                // Terraform accepts a key written twice in an object (the last one wins);
                // hcl-edit does not. The later key is renamed, to a name of the same length,
                // for the parser, and given its name back in the tree.
                if error.message().ends_with("found redefined object key")
                    && renamed.len() < MAX_RENAMED_KEYS
                    && let Some(original) = rename_key(patched.to_mut(), offset, renamed.len())
                {
                    renamed.push((offset, original));
                    continue;
                }
                return Err(ParseError::new(
                    format!(
                        "ecslint cannot parse this HCL ({}); Terraform may still accept the file, \
                         but ecslint did not lint it",
                        error.message()
                    ),
                    Span::char_at(text, offset).shifted(base),
                ));
            }
        }
    }
}

/// How many keys written twice one file may have.
const MAX_RENAMED_KEYS: usize = 64;

/// Renames the identifier at `offset` to one of the same length that no real key uses
/// (`_0…`, with the count in it); returns the original name.
fn rename_key(text: &mut String, offset: usize, count: usize) -> Option<String> {
    let rest = text.get(offset..)?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if len == 0 {
        return None;
    }
    let original = rest[..len].to_string();
    let replacement: String = format!("_{count:0>width$}", width = len - 1)
        .chars()
        .take(len)
        .collect();
    if replacement.len() != len || !original.is_ascii() {
        return None;
    }
    text.replace_range(offset..offset + len, &replacement);
    Some(original)
}

/// Converts template text (a `.tf.json` string) that starts at `base` in the unit's text.
pub fn template(text: &str, base: usize, whole: Span) -> Node<'static> {
    match hcl_edit::parser::parse_template(text) {
        Ok(template) => At {
            base,
            renamed: Vec::new(),
        }
        .template(&template, whole),
        Err(_) => Node::new(whole, Value::Expr(Box::new(Expr::Opaque))),
    }
}

/// Where the file starts in the unit's text.
struct At {
    base: usize,
    /// Object keys renamed for the parser, by offset in the file, with their names.
    renamed: Vec<(usize, String)>,
}

impl At {
    /// An object key's name, as written before any renaming.
    fn key_name(&self, parsed: &str, span: Span) -> String {
        let offset = (span.start as usize).saturating_sub(self.base);
        match self.renamed.iter().find(|(at, _)| *at == offset) {
            Some((_, original)) => original.clone(),
            None => parsed.to_string(),
        }
    }

    fn span(&self, item: &impl hcl_edit::Span, fallback: Span) -> Span {
        item.span().map_or(fallback, |r| {
            Span::new(self.base + r.start, self.base + r.end)
        })
    }

    /// A body: its arguments, then each kind of nested block as one array.
    fn body(&self, body: &Body, span: Span) -> Node<'static> {
        let mut entries: Vec<Entry<'static>> = Vec::new();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attribute) => {
                    let key_span = self.span(&attribute.key, span);
                    entries.push(Entry {
                        key: Cow::Owned(attribute.key.as_str().to_string()),
                        key_span,
                        value: self.expression(&attribute.value, key_span),
                    });
                }
                Structure::Block(block) => {
                    let key_span = self.span(&block.ident, span);
                    let block_span = self.span(block, key_span);
                    let ident = block.ident.as_str();
                    // `dynamic "load_balancer" { for_each = … }` makes blocks only known at
                    // plan time.
                    if ident == "dynamic" {
                        let Some(label) = block.labels.first() else {
                            continue;
                        };
                        let opaque = Value::Expr(Box::new(Expr::Opaque));
                        // With `dynamic` blocks, how many blocks of the kind there are is
                        // only known at plan time, whatever else is written.
                        match entries.iter_mut().find(|e| e.key == label.as_str()) {
                            Some(existing) => {
                                let span = existing.value.span.cover(block_span);
                                existing.value = Node::new(span, opaque);
                            }
                            None => entries.push(Entry {
                                key: Cow::Owned(label.as_str().to_string()),
                                key_span: self.span(label, key_span),
                                value: Node::new(block_span, opaque),
                            }),
                        }
                        continue;
                    }
                    let node = self.body(&block.body, block_span);
                    match entries.iter_mut().find(|e| e.key == ident) {
                        // Beside `dynamic` blocks of the kind: still unknown.
                        Some(Entry {
                            value:
                                Node {
                                    value: Value::Expr(_),
                                    ..
                                },
                            ..
                        }) => {}
                        Some(Entry {
                            value:
                                Node {
                                    span,
                                    value: Value::Array(items),
                                },
                            ..
                        }) => {
                            *span = span.cover(block_span);
                            items.push(node);
                        }
                        _ => entries.push(Entry {
                            key: Cow::Owned(ident.to_string()),
                            key_span,
                            value: Node::new(block_span, Value::Array(vec![node])),
                        }),
                    }
                }
            }
        }
        Node::new(span, Value::Object(entries.into()))
    }

    fn expression(&self, written: &Expression, fallback: Span) -> Node<'static> {
        let span = self.span(written, fallback);
        let value = match written {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => Value::Number(Cow::Owned(n.value().to_string())),
            Expression::String(s) => Value::String(Cow::Owned(s.value().clone())),
            Expression::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.expression(item, span))
                    .collect(),
            ),
            Expression::Object(object) => Value::Object(
                object
                    .iter()
                    .filter_map(|(key, value)| {
                        let key_span = self.span(key, span);
                        let name = match key {
                            ObjectKey::Ident(ident) => self.key_name(ident.as_str(), key_span),
                            ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                            // A computed key (`(var.name) = …`) names an unknown member.
                            ObjectKey::Expression(_) => return None,
                        };
                        Some(Entry {
                            key: Cow::Owned(name),
                            key_span,
                            value: self.expression(value.expr(), key_span),
                        })
                    })
                    .collect(),
            ),
            Expression::StringTemplate(template) => {
                return self.elements(template.iter(), span);
            }
            Expression::HeredocTemplate(heredoc) => return self.template(&heredoc.template, span),
            Expression::Parenthesis(inner) => return self.expression(inner.inner(), span),
            Expression::Variable(name) => expr(Expr::Traversal(vec![Step::Name(Cow::Owned(
                name.as_str().to_string(),
            ))])),
            Expression::Traversal(traversal) => expr(self.traversal(traversal, span)),
            Expression::FuncCall(call) => {
                let mut name = String::new();
                for part in &call.name.namespace {
                    name.push_str(part.as_str());
                    name.push_str("::");
                }
                name.push_str(call.name.name.as_str());
                expr(Expr::Call {
                    name,
                    args: call
                        .args
                        .iter()
                        .map(|arg| self.expression(arg, span))
                        .collect(),
                })
            }
            Expression::UnaryOp(op) => match (op.operator.value(), op.expr.as_number()) {
                (UnaryOperator::Neg, Some(n)) => Value::Number(Cow::Owned(format!("-{n}"))),
                (UnaryOperator::Not, _) => {
                    expr(Expr::Not(Box::new(self.expression(&op.expr, span))))
                }
                _ => expr(Expr::Opaque),
            },
            Expression::Conditional(c) => expr(Expr::Conditional(Box::new([
                self.expression(&c.cond_expr, span),
                self.expression(&c.true_expr, span),
                self.expression(&c.false_expr, span),
            ]))),
            Expression::BinaryOp(op)
                if matches!(
                    op.operator.value(),
                    BinaryOperator::Eq | BinaryOperator::NotEq
                ) =>
            {
                expr(Expr::Compare {
                    equal: *op.operator.value() == BinaryOperator::Eq,
                    operands: Box::new([
                        self.expression(&op.lhs_expr, span),
                        self.expression(&op.rhs_expr, span),
                    ]),
                })
            }
            _ => expr(Expr::Opaque),
        };
        Node::new(span, value)
    }

    /// `var.cpu`, `aws_iam_role.exec.arn`, `local.containers[0]`, `aws_subnet.a[*].id`: a
    /// named root and its steps. Traversals of computed values are opaque.
    fn traversal(&self, traversal: &hcl_edit::expr::Traversal, span: Span) -> Expr<'static> {
        let Expression::Variable(root) = &traversal.expr else {
            return Expr::Opaque;
        };
        let mut steps = vec![Step::Name(Cow::Owned(root.as_str().to_string()))];
        for operator in &traversal.operators {
            steps.push(match operator.value() {
                TraversalOperator::GetAttr(name) => {
                    Step::Name(Cow::Owned(name.as_str().to_string()))
                }
                TraversalOperator::Index(index) => Step::Index(self.expression(index, span)),
                TraversalOperator::LegacyIndex(index) => Step::Index(Node::new(
                    span,
                    Value::Number(Cow::Owned(index.value().to_string())),
                )),
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => Step::Splat,
            });
        }
        Expr::Traversal(steps)
    }

    fn template(&self, template: &Template, span: Span) -> Node<'static> {
        self.elements(template.iter(), span)
    }

    /// A template: one literal is a plain string; anything else keeps its parts.
    fn elements<'e>(
        &self,
        elements: impl Iterator<Item = &'e Element>,
        span: Span,
    ) -> Node<'static> {
        let parts: Vec<Node<'static>> = elements
            .map(|element| match element {
                Element::Literal(literal) => Node::new(
                    self.span(literal, span),
                    Value::String(Cow::Owned(literal.value().clone())),
                ),
                Element::Interpolation(interpolation) => self.expression(&interpolation.expr, span),
                Element::Directive(_) => Node::new(span, expr(Expr::Opaque)),
            })
            .collect();
        match parts.as_slice() {
            [] => Node::new(span, Value::String(Cow::Borrowed(""))),
            [
                Node {
                    value: Value::String(s),
                    ..
                },
            ] => Node::new(span, Value::String(s.clone())),
            _ => Node::new(span, expr(Expr::Template(parts))),
        }
    }
}

fn expr(e: Expr<'static>) -> Value<'static> {
    Value::Expr(Box::new(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Node<'static> {
        parse(text, 0).unwrap().remove(0).body
    }

    #[test]
    fn blocks_arguments_and_nested_blocks() {
        let text = "resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n  desired_count = 2\n  load_balancer {\n    container_port = 80\n  }\n  load_balancer {\n    container_port = 81\n  }\n}\n";
        let blocks = parse(text, 0).unwrap();
        assert_eq!(blocks[0].kind, "resource");
        assert_eq!(blocks[0].labels[1].value, "api");
        let body = &blocks[0].body;
        let name = body.get("name").unwrap();
        assert_eq!(&text[name.span.range()], "\"api\"");
        let lbs = body.get("load_balancer").unwrap().as_array().unwrap();
        assert_eq!(lbs.len(), 2);
        let port = lbs[1].get("container_port").unwrap();
        assert_eq!(&text[port.span.range()], "81");
    }

    #[test]
    fn expressions_keep_their_spans() {
        let text = "locals {\n  a = var.cpu\n  b = jsonencode([{ name = \"x\", cpu = -1 }])\n  c = \"${var.n}-api\"\n  d = <<-EOF\n    {\"k\": 1}\n  EOF\n}\n";
        let b = body(text);
        let a = b.get("a").unwrap();
        assert_eq!(&text[a.span.range()], "var.cpu");
        assert!(
            matches!(&a.value, Value::Expr(e) if matches!(**e, Expr::Traversal(ref s) if s.len() == 2))
        );
        let Value::Expr(call) = &b.get("b").unwrap().value else {
            panic!()
        };
        let Expr::Call { name, args } = &**call else {
            panic!()
        };
        assert_eq!(name, "jsonencode");
        let cpu = args[0].as_array().unwrap()[0].get("cpu").unwrap();
        assert_eq!(cpu.value, Value::Number("-1".into()));
        assert!(
            matches!(&b.get("c").unwrap().value, Value::Expr(e) if matches!(**e, Expr::Template(_)))
        );
        let d = b.get("d").unwrap();
        assert_eq!(d.as_str(), Some("{\"k\": 1}\n"));
    }

    #[test]
    fn a_key_written_twice_in_an_object_is_read_as_terraform_reads_it() {
        let text = "locals {\n  x = {\n    env = [1]\n    b = 2\n    env = []\n  }\n}\n";
        let x = body(text).get("x").cloned().unwrap();
        let keys: Vec<_> = x
            .as_object()
            .unwrap()
            .iter()
            .map(|e| e.key.to_string())
            .collect();
        assert_eq!(keys, ["env", "b", "env"]);
        // The last one wins, as in Terraform.
        assert_eq!(x.get("env").unwrap().as_array().unwrap().len(), 0);
        let second = x.as_object().unwrap()[2].key_span;
        assert_eq!(&text[second.range()], "env");
    }

    #[test]
    fn dynamic_blocks_make_the_kind_unknown_once() {
        let text = "data \"x\" \"y\" {\n  statement {\n    sid = \"a\"\n  }\n  dynamic \"statement\" {\n    for_each = []\n  }\n  dynamic \"statement\" {\n    for_each = []\n  }\n}\n";
        let body = body(text);
        let entries = body.as_object().unwrap();
        assert_eq!(entries.len(), 1);
        assert!(matches!(entries[0].value.value, Value::Expr(_)));
    }

    #[test]
    fn errors_are_located() {
        let text = "resource \"a\" \"b\" {\n  x = \n}\n";
        let error = parse(text, 10).unwrap_err();
        assert!(error.span.start >= 10, "{error:?}");
        assert!(
            error.message.contains("cannot parse this HCL"),
            "{}",
            error.message
        );
    }
}
