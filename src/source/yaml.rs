//! YAML to the spanned tree, built from `granit-parser` events.
//!
//! granit-parser (a fork of saphyr-parser) is used because it reports byte offsets and,
//! like PyYAML and CloudFormation, accepts a flow collection closed at its parent's
//! indentation (`Command: [` ... `]`), which real generated templates do; saphyr-parser
//! rejects those files.
//!
//! CloudFormation short-form tags become their long form with spans: `!Ref Foo` is the node
//! `{"Ref": "Foo"}` whose key spans `!Ref` and whose value spans `Foo`, so rules and the
//! CloudFormation resolver see one shape whichever form the author wrote. Plain scalars are
//! typed by the YAML 1.2 core schema (the one CloudFormation uses). Aliases are expanded
//! within a budget, so an alias bomb is an error, not an out-of-memory.

use std::borrow::Cow;

use granit_parser::{Event, Marker, Parser, ScalarStyle, StructureStyle, Tag};
use rustc_hash::{FxHashMap, FxHashSet};

use super::ParseError;
use super::json::MAX_DEPTH;
use super::span::Span;
use super::tree::{Entry, Node, Value};

/// How many nodes alias expansion may add to a file before it is refused.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// The parser's message for a quoted scalar whose continuation line is not indented past
/// its block.
const UNDER_INDENTED_QUOTED: &str = "invalid indentation in multiline quoted scalar";

/// How many such continuation lines one file may have.
const MAX_UNDER_INDENTED: usize = 1_000;

/// Parse every document of a YAML stream.
///
/// PyYAML and CloudFormation accept a quoted scalar whose continuation line is less indented
/// than its key (`Description: 'a long` / `  text'`), which YAML 1.2 and granit-parser reject.
/// Such a line is joined to the one before it (its line break becomes a space, so every
/// offset stays) and the text parsed again; the value keeps the continuation's indentation as
/// spaces where PyYAML folds them into one.
pub fn parse_yaml(text: &str) -> Result<Vec<Node<'_>>, ParseError> {
    let error = match parse_exactly(text) {
        Ok(documents) => return Ok(documents),
        Err(error) => error,
    };
    if !error.message.ends_with(UNDER_INDENTED_QUOTED) {
        return Err(error);
    }
    let mut patched = text.to_string();
    let mut error = error;
    for _ in 0..MAX_UNDER_INDENTED {
        let at = (error.span.start as usize).min(patched.len());
        let Some(line_break) = patched[..at].rfind('\n') else {
            return Err(error);
        };
        patched.replace_range(line_break..=line_break, " ");
        if line_break > 0 && patched.as_bytes()[line_break - 1] == b'\r' {
            patched.replace_range(line_break - 1..line_break, " ");
        }
        match parse_exactly(&patched) {
            Ok(documents) => return Ok(documents.iter().map(|d| d.to_owned_at(0)).collect()),
            Err(next) if next.message.ends_with(UNDER_INDENTED_QUOTED) => error = next,
            Err(other) => return Err(other),
        }
    }
    Err(error)
}

fn parse_exactly(text: &str) -> Result<Vec<Node<'_>>, ParseError> {
    let mut builder = Builder {
        text,
        stack: Vec::new(),
        aliased: aliased_anchors(text),
        anchors: FxHashMap::default(),
        alias_budget: MAX_ALIAS_NODES,
        documents: Vec::new(),
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            ParseError::new(
                format!("invalid YAML: {}", e.info()),
                Span::char_at(text, byte(e.marker())),
            )
        })?;
        let span = Span::new(byte(&span.start), byte(&span.end));
        builder.event(event, span)?;
    }
    Ok(builder.documents)
}

/// The anchors some alias refers to: only those are kept (cloned) when they close, so a file
/// of anchors nobody uses costs nothing. Found by a first pass over the events, made only
/// when the text could have an anchor at all.
fn aliased_anchors(text: &str) -> FxHashSet<usize> {
    if !text.contains('&') {
        return FxHashSet::default();
    }
    Parser::new_from_str(text)
        .map_while(Result::ok)
        .filter_map(|(event, _)| match event {
            Event::Alias(id) => Some(id),
            _ => None,
        })
        .collect()
}

enum Frame<'s> {
    Seq {
        start: usize,
        /// `[...]` rather than a block sequence.
        flow: bool,
        items: Vec<Node<'s>>,
        anchor: usize,
        tag: Option<(Cow<'s, Tag>, Span)>,
    },
    Map {
        start: usize,
        /// `{...}` rather than a block mapping.
        flow: bool,
        entries: Vec<Entry<'s>>,
        key: Option<(Cow<'s, str>, Span)>,
        anchor: usize,
        tag: Option<(Cow<'s, Tag>, Span)>,
    },
}

struct Builder<'s> {
    text: &'s str,
    stack: Vec<Frame<'s>>,
    /// The anchors an alias refers to.
    aliased: FxHashSet<usize>,
    /// Anchored nodes by anchor id, with their size (node count and depth) for the alias
    /// budget and the depth limit.
    anchors: FxHashMap<usize, (Node<'s>, Size)>,
    alias_budget: usize,
    documents: Vec<Node<'s>>,
}

impl<'s> Builder<'s> {
    fn event(&mut self, event: Event<'s>, span: Span) -> Result<(), ParseError> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let (tag_span, span) = self.split_tag(span, tag.is_some());
                let node = self.scalar(value, style, span, tag.as_deref(), tag_span);
                self.finish(node, anchor, None)
            }
            Event::SequenceStart(style, anchor, tag) => {
                let (tag_span, span) = self.split_tag(span, tag.is_some());
                self.push(
                    Frame::Seq {
                        start: span.start as usize,
                        flow: style == StructureStyle::Flow,
                        items: Vec::new(),
                        anchor,
                        tag: tag.map(|t| (t, tag_span)),
                    },
                    span,
                )
            }
            Event::MappingStart(style, anchor, tag) => {
                let (tag_span, span) = self.split_tag(span, tag.is_some());
                self.push(
                    Frame::Map {
                        start: span.start as usize,
                        flow: style == StructureStyle::Flow,
                        entries: Vec::new(),
                        key: None,
                        anchor,
                        tag: tag.map(|t| (t, tag_span)),
                    },
                    span,
                )
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // A flow collection ends after its `]` or `}`; a block collection ends with
                // its last child (the parser's end marker is at the next token, possibly
                // lines later).
                let close = (span.end as usize).max(span.start as usize);
                let end_of = |flow: bool, last: Option<u32>, start: usize| match (flow, last) {
                    (true, _) => close,
                    (false, Some(last)) => last as usize,
                    (false, None) => start,
                };
                let node_and_meta = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        flow,
                        items,
                        anchor,
                        tag,
                    }) => {
                        let end = end_of(flow, items.last().map(|n| n.span.end), start);
                        (
                            Node::new(Span::new(start, end), Value::Array(items)),
                            anchor,
                            tag,
                        )
                    }
                    Some(Frame::Map {
                        start,
                        flow,
                        entries,
                        anchor,
                        tag,
                        ..
                    }) => {
                        let end = end_of(flow, entries.last().map(|e| e.value.span.end), start);
                        (
                            Node::new(Span::new(start, end), Value::Object(entries.into())),
                            anchor,
                            tag,
                        )
                    }
                    None => return Ok(()),
                };
                let (node, anchor, tag) = node_and_meta;
                let node = match tag {
                    Some((tag, tag_span)) => self.apply_tag(node, cfn_long_form(&tag), tag_span),
                    None => node,
                };
                self.finish(node, anchor, None)
            }
            Event::Alias(id) => {
                let Some(&(_, size)) = self.anchors.get(&id) else {
                    return Err(ParseError::new("YAML alias to an unknown anchor", span));
                };
                self.spend(size.nodes, span)?;
                if self.stack.len() + size.depth > MAX_DEPTH {
                    return Err(ParseError::new(
                        format!("YAML aliases nest the document deeper than {MAX_DEPTH} levels"),
                        span,
                    ));
                }
                let node = self.anchors[&id].0.clone();
                self.finish(node, 0, Some(span))
            }
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(..)
            | Event::DocumentEnd => Ok(()),
            // Anchor metadata, unresolved aliases and comments are emitted only with options
            // and features ecslint does not use; the enum is non-exhaustive.
            _ => Ok(()),
        }
    }

    /// Takes `nodes` from the alias budget, or refuses the file.
    fn spend(&mut self, nodes: usize, span: Span) -> Result<(), ParseError> {
        if nodes > self.alias_budget {
            return Err(ParseError::new(
                format!(
                    "YAML aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?)"
                ),
                span,
            ));
        }
        self.alias_budget -= nodes;
        Ok(())
    }

    fn push(&mut self, frame: Frame<'s>, span: Span) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::new(
                format!("the document nests deeper than {MAX_DEPTH} levels"),
                span,
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Attach a completed node to its parent, or make it a document.
    fn finish(
        &mut self,
        node: Node<'s>,
        anchor: usize,
        alias_at: Option<Span>,
    ) -> Result<(), ParseError> {
        if anchor > 0 && self.aliased.contains(&anchor) {
            // Measuring and keeping the node cost its size once, from the same budget.
            let size = measure(&node, self.alias_budget.saturating_add(1));
            self.spend(size.nodes, node.span)?;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    // This node is a key. Scalar keys use their text; a complex key (a
                    // mapping or sequence used as a key) is named by its source text.
                    let span = alias_at.unwrap_or(node.span);
                    let name = match node.value {
                        Value::String(s) | Value::Number(s) => s,
                        Value::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
                        Value::Null => Cow::Borrowed(""),
                        _ => Cow::Borrowed(&self.text[span.range()]),
                    };
                    *key = Some((name, span));
                }
                Some((name, key_span)) => entries.push(Entry {
                    key: name,
                    key_span,
                    value: node,
                }),
            },
        }
        Ok(())
    }

    fn scalar(
        &self,
        value: Cow<'s, str>,
        style: ScalarStyle,
        span: Span,
        tag: Option<&Tag>,
        tag_span: Span,
    ) -> Node<'s> {
        let span = if value.is_empty() && style == ScalarStyle::Plain {
            Span::at(span.start as usize)
        } else {
            span
        };
        let typed = match tag {
            Some(t) if is_core_tag(t, "str") => Value::String(value),
            Some(t) if t.handle() == "!" => Value::String(value),
            _ if style == ScalarStyle::Plain => plain_scalar(value),
            _ => Value::String(value),
        };
        let node = Node::new(span, typed);
        match tag {
            Some(t) if t.handle() == "!" && t.suffix() == "GetAtt" => {
                self.get_att_short_form(node, tag_span)
            }
            _ => self.apply_tag(node, tag.and_then(cfn_long_form), tag_span),
        }
    }

    /// `!Ref X` → `{"Ref": X}`; other CloudFormation short forms → `{"Fn::Name": X}`.
    /// Unknown local tags are dropped and the value kept.
    fn apply_tag(&self, node: Node<'s>, long: Option<&'static str>, tag_span: Span) -> Node<'s> {
        let Some(long) = long else { return node };
        Node::new(
            tag_span.cover(node.span),
            Value::Object(
                vec![Entry {
                    key: Cow::Borrowed(long),
                    key_span: tag_span,
                    value: node,
                }]
                .into(),
            ),
        )
    }

    /// `!GetAtt Res.Attr` is the long form `{"Fn::GetAtt": ["Res", "Attr"]}`.
    fn get_att_short_form(&self, node: Node<'s>, tag_span: Span) -> Node<'s> {
        let Value::String(s) = &node.value else {
            return self.apply_tag(node, Some("Fn::GetAtt"), tag_span);
        };
        let Some(dot) = s.find('.') else {
            return self.apply_tag(node, Some("Fn::GetAtt"), tag_span);
        };
        // Split spans exactly when the source text is the value itself (a plain scalar).
        let exact = &self.text[node.span.range()] == s.as_ref();
        let (left_span, right_span) = if exact {
            let start = node.span.start as usize;
            (
                Span::new(start, start + dot),
                Span::new(start + dot + 1, node.span.end as usize),
            )
        } else {
            (node.span, node.span)
        };
        let (left, right) = match &node.value {
            Value::String(Cow::Borrowed(b)) => {
                (Cow::Borrowed(&b[..dot]), Cow::Borrowed(&b[dot + 1..]))
            }
            _ => (
                Cow::Owned(s[..dot].to_string()),
                Cow::Owned(s[dot + 1..].to_string()),
            ),
        };
        let list = Node::new(
            node.span,
            Value::Array(vec![
                Node::new(left_span, Value::String(left)),
                Node::new(right_span, Value::String(right)),
            ]),
        );
        self.apply_tag(list, Some("Fn::GetAtt"), tag_span)
    }

    /// Separates a tagged node's tag (`!Ref`) from its value. The parser's span is the
    /// value's; the tag is the token before it (possibly on an earlier line, as in `!Sub`
    /// followed by a block sequence).
    fn split_tag(&self, span: Span, tagged: bool) -> (Span, Span) {
        let start = span.start as usize;
        if !tagged {
            return (Span::at(start), span);
        }
        let before = self.text[..start].trim_end();
        // After the separator, which may be a multi-byte space (U+0085, U+2028).
        let tag_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '[' | '{' | ','))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if self.text[tag_start..].starts_with('!') {
            (Span::new(tag_start, before.len()), span)
        } else {
            (Span::at(start), span)
        }
    }
}

/// A subtree's node count and depth.
#[derive(Debug, Clone, Copy)]
struct Size {
    nodes: usize,
    depth: usize,
}

/// The size of `node`, counting no further than `limit` nodes (a count past the budget is
/// refused anyway). Iterative: the tree may be as deep as the parser allows.
fn measure(node: &Node, limit: usize) -> Size {
    let mut size = Size { nodes: 0, depth: 0 };
    let mut pending = vec![(node, 1)];
    while let Some((node, depth)) = pending.pop() {
        size.nodes += 1;
        size.depth = size.depth.max(depth);
        if size.nodes >= limit {
            break;
        }
        match &node.value {
            Value::Array(items) => pending.extend(items.iter().map(|i| (i, depth + 1))),
            Value::Object(entries) => pending.extend(entries.iter().map(|e| (&e.value, depth + 1))),
            _ => {}
        }
    }
    size
}

fn is_core_tag(tag: &Tag, suffix: &str) -> bool {
    (tag.handle() == "!!" || tag.handle() == "tag:yaml.org,2002:") && tag.suffix() == suffix
}

/// The CloudFormation intrinsic a short-form tag stands for.
/// Source: AWS CloudFormation User Guide, "Intrinsic function reference".
fn cfn_long_form(tag: &Tag) -> Option<&'static str> {
    if tag.handle() != "!" {
        return None;
    }
    Some(match tag.suffix() {
        "Ref" => "Ref",
        "Condition" => "Condition",
        "Base64" => "Fn::Base64",
        "Cidr" => "Fn::Cidr",
        "FindInMap" => "Fn::FindInMap",
        "ForEach" => "Fn::ForEach",
        "GetAtt" => "Fn::GetAtt",
        "GetAZs" => "Fn::GetAZs",
        "ImportValue" => "Fn::ImportValue",
        "Join" => "Fn::Join",
        "Length" => "Fn::Length",
        "Select" => "Fn::Select",
        "Split" => "Fn::Split",
        "Sub" => "Fn::Sub",
        "ToJsonString" => "Fn::ToJsonString",
        "Transform" => "Fn::Transform",
        "And" => "Fn::And",
        "Equals" => "Fn::Equals",
        "If" => "Fn::If",
        "Not" => "Fn::Not",
        "Or" => "Fn::Or",
        _ => return None,
    })
}

/// Types a plain scalar by the YAML 1.2 core schema. Numbers keep their text (hex and octal
/// are rewritten in decimal so every number in the tree reads the same way).
fn plain_scalar(text: Cow<'_, str>) -> Value<'_> {
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(n) = text
            .strip_prefix(prefix)
            .and_then(|digits| u64::from_str_radix(digits, radix).ok())
        {
            return Value::Number(Cow::Owned(n.to_string()));
        }
    }
    if is_core_number(&text) {
        let canonical = text.strip_prefix('+').map(str::to_string);
        return Value::Number(canonical.map_or(text, Cow::Owned));
    }
    Value::String(text)
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` from the YAML 1.2 core schema,
/// restricted to what JSON can also represent (no `.inf`/`.nan`, which stay strings).
fn is_core_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            frac_digits += 1;
        }
        // JSON needs digits on both sides of the point.
        if int_digits == 0 || frac_digits == 0 {
            return false;
        }
    }
    if int_digits == 0 {
        return false;
    }
    // A leading zero (`0123`) is a string to CloudFormation's parser, as in JSON.
    if int_digits > 1 && b[int_start] == b'0' {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return false;
        }
    }
    i == b.len()
}

/// The byte offset of a marker. Parsing from a `&str` always records byte offsets.
fn byte(marker: &Marker) -> usize {
    marker.byte_offset().unwrap_or_default()
}

#[cfg(test)]
mod tests {

    #[test]
    fn under_indented_quoted_continuations_are_read_as_cloudformation_reads_them() {
        let text = "a:\n  b: 'one\n two'\n  c: 1\n";
        let root = parse_yaml(text).unwrap().remove(0);
        let b = root.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.as_str(), Some("one  two"));
        assert_eq!(&text[b.span.range()], "'one\n two'");
        let c = root.get("a").unwrap().entry("c").unwrap();
        assert_eq!(&text[c.key_span.range()], "c");
    }

    use super::*;

    fn one(text: &str) -> Node<'_> {
        let mut docs = parse_yaml(text).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    #[test]
    fn short_form_tags_become_long_form_with_spans() {
        let text = "A: !Ref Foo\nB: !GetAtt Bar.Arn\nC: !Sub\n  - '${X}'\n  - X: 1\n";
        let root = one(text);
        let a = root.get("A").unwrap();
        let r = a.entry("Ref").unwrap();
        assert_eq!(&text[r.key_span.range()], "!Ref");
        assert_eq!(&text[r.value.span.range()], "Foo");
        assert_eq!(&text[a.span.range()], "!Ref Foo");
        let b = root.get("B").unwrap().get("Fn::GetAtt").unwrap();
        let parts = b.as_array().unwrap();
        assert_eq!(&text[parts[0].span.range()], "Bar");
        assert_eq!(&text[parts[1].span.range()], "Arn");
        let text_block = "list:\n  - a: 1\n    b: 2\nnext: [x, y]\n";
        let block = one(text_block);
        assert_eq!(
            &text_block[block.get("list").unwrap().span.range()],
            "- a: 1\n    b: 2"
        );
        assert_eq!(
            &text_block[block.get("next").unwrap().span.range()],
            "[x, y]"
        );
        let c = root.get("C").unwrap().entry("Fn::Sub").unwrap();
        assert_eq!(&text[c.key_span.range()], "!Sub");
        assert_eq!(c.value.as_array().unwrap().len(), 2);
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        let root = one(
            "a: 256\nb: '256'\nc: true\nd: ~\ne: 2012-10-17\nf: 1.5\ng: 0x10\nh: yes\ni: 0123\n",
        );
        assert_eq!(root.get("a").unwrap().value, Value::Number("256".into()));
        assert_eq!(root.get("b").unwrap().value, Value::String("256".into()));
        assert_eq!(root.get("c").unwrap().value, Value::Bool(true));
        assert_eq!(root.get("d").unwrap().value, Value::Null);
        assert_eq!(
            root.get("e").unwrap().value,
            Value::String("2012-10-17".into())
        );
        assert_eq!(root.get("f").unwrap().value, Value::Number("1.5".into()));
        assert_eq!(root.get("g").unwrap().value, Value::Number("16".into()));
        assert_eq!(root.get("h").unwrap().value, Value::String("yes".into()));
        assert_eq!(root.get("i").unwrap().value, Value::String("0123".into()));
    }

    #[test]
    fn offsets_are_bytes_after_multibyte_characters() {
        let text = "name: \"é日本\"\ncpu: 512\n";
        let root = one(text);
        let cpu = root.get("cpu").unwrap();
        assert_eq!(&text[cpu.span.range()], "512");
        let entry = root.entry("cpu").unwrap();
        assert_eq!(&text[entry.key_span.range()], "cpu");
    }

    #[test]
    fn aliases_expand_and_bombs_are_refused() {
        let root = one("base: &b {x: 1}\ncopy: *b\n");
        assert_eq!(
            root.get("copy").unwrap().get("x").unwrap().value,
            Value::Number("1".into())
        );

        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i", "j"])
        {
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let err = parse_yaml(&bomb).unwrap_err();
        assert!(err.message.contains("alias bomb"), "{}", err.message);
    }

    #[test]
    fn errors_carry_a_location() {
        let err = parse_yaml("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"));
        let deep = "- ".repeat(100_000);
        let err = parse_yaml(&deep).unwrap_err();
        assert!(
            err.message.contains("recursion limit") || err.message.contains("nests deeper"),
            "{}",
            err.message
        );
        assert!(err.span.start > 0);
    }

    #[test]
    fn several_documents() {
        assert_eq!(parse_yaml("a: 1\n---\nb: 2\n").unwrap().len(), 2);
        assert_eq!(parse_yaml("# only a comment\n").unwrap().len(), 0);
    }
}
