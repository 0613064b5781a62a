//! The spanned document tree shared by the JSON and YAML loaders: every mapping, key, sequence
//! and scalar carries its byte range, so rules never search text to find what they report on.
//! Strings borrow from the file's text wherever no unescaping was needed.

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};

use super::span::Span;

/// One value in a document, with the byte range it occupies.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'s> {
    pub span: Span,
    pub value: Value<'s>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'s> {
    Null,
    Bool(bool),
    /// The number exactly as written, so `70000` or `1e999` can be reported rather than
    /// silently rounded. JSON grammar has already been checked by the loader.
    Number(Cow<'s, str>),
    String(Cow<'s, str>),
    Array(Vec<Node<'s>>),
    Object(Object<'s>),
    /// A Terraform expression that is not a literal (`var.cpu`, `aws_iam_role.exec.arn`,
    /// `"${local.name}-api"`): JSON and YAML never produce one.
    Expr(Box<Expr<'s>>),
}

/// A Terraform expression, before and after evaluation. The HCL and `.tf.json` readers
/// produce the first four forms; evaluation turns each into a value or into one of the last
/// three, which are what the rules can see of a value Terraform only knows at apply time.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr<'s> {
    /// `var.cpu`, `local.containers[0].name`, `aws_iam_role.exec.arn`.
    Traversal(Vec<Step<'s>>),
    /// `jsonencode(…)`, `file("…")`: the function's name and its arguments.
    Call { name: String, args: Vec<Node<'s>> },
    /// A string with interpolations: literal parts as strings, the rest as expressions.
    Template(Vec<Node<'s>>),
    /// `condition ? yes : no`.
    Conditional(Box<[Node<'s>; 3]>),
    /// `a == b` (`equal`) or `a != b`.
    Compare {
        equal: bool,
        operands: Box<[Node<'s>; 2]>,
    },
    /// `!a`.
    Not(Box<Node<'s>>),
    /// Anything a linter cannot evaluate for certain (`for`, arithmetic, splats).
    Opaque,
    /// Evaluated: an attribute of a resource or data source of the same configuration.
    Link {
        id: String,
        attribute: Option<String>,
    },
    /// Evaluated: a string whose unknown parts are written `${…}`.
    Partial(String),
    /// Evaluated: known only at apply time.
    Unknown,
}

impl<'s> Expr<'s> {
    /// The expression's operands, for passes that rewrite every node.
    pub fn children_mut(&mut self) -> Vec<&mut Node<'s>> {
        match self {
            Expr::Traversal(steps) => steps
                .iter_mut()
                .filter_map(|s| match s {
                    Step::Index(n) => Some(n),
                    Step::Name(_) | Step::Splat => None,
                })
                .collect(),
            Expr::Call { args: nodes, .. } | Expr::Template(nodes) => nodes.iter_mut().collect(),
            Expr::Conditional(nodes) => nodes.iter_mut().collect(),
            Expr::Compare { operands, .. } => operands.iter_mut().collect(),
            Expr::Not(node) => vec![node],
            Expr::Opaque | Expr::Link { .. } | Expr::Partial(_) | Expr::Unknown => Vec::new(),
        }
    }
}

/// One step of a traversal: a name (`.arn`), an index (`[0]`, `["web"]`) or a splat
/// (`[*]`, `.*`: every element).
#[derive(Debug, Clone, PartialEq)]
pub enum Step<'s> {
    Name(Cow<'s, str>),
    Index(Node<'s>),
    Splat,
}

/// An object's members in source order; duplicate keys are kept (the last one wins on lookup,
/// as in the AWS SDKs' JSON readers). It reads as the `Vec` of its entries.
///
/// The readers ask each object for dozens of properties it mostly does not have (a container
/// definition for ~45, of which it sets ~10), so the object remembers a summary of its keys,
/// made on the first lookup: most absent properties are then rejected without a scan.
#[derive(Debug, Default)]
pub struct Object<'s> {
    entries: Vec<Entry<'s>>,
    /// The keys' [`initials`] as a set of bits, with [`SUMMARISED`] once computed. Mutable
    /// access to the entries clears it. Atomic only so that trees can be shared between
    /// threads; relaxed loads and stores are plain moves.
    keys: AtomicU64,
}

/// The bit of [`Object::keys`] that says the summary has been computed.
const SUMMARISED: u64 = 1 << 63;

/// The bit a key sets in its object's summary: from its first and last characters without
/// case, so that every spelling of a property (`containerDefinitions`,
/// `ContainerDefinitions`, `container_definitions`, `EFSVolumeConfiguration`) sets the same
/// bit. One of 63, so an object of a dozen keys rejects ~5 in 6 absent names.
fn initials(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return 1;
    };
    let hash = u32::from(first.to_ascii_lowercase()) * 31 + u32::from(last.to_ascii_lowercase());
    1 << (hash % 63)
}

impl<'s> Object<'s> {
    /// Whether a key spelled as `name` in any case, with or without underscores, may be
    /// among the keys. `false` is certain; `true` means scan.
    #[inline]
    pub fn may_have(&self, name: &str) -> bool {
        let mut keys = self.keys.load(Ordering::Relaxed);
        if keys == 0 {
            keys = self
                .entries
                .iter()
                .fold(SUMMARISED, |k, e| k | initials(&e.key));
            self.keys.store(keys, Ordering::Relaxed);
        }
        keys & initials(name) != 0
    }
}

impl<'s> FromIterator<Entry<'s>> for Object<'s> {
    fn from_iter<I: IntoIterator<Item = Entry<'s>>>(entries: I) -> Self {
        Object::from(entries.into_iter().collect::<Vec<_>>())
    }
}

impl<'s> IntoIterator for Object<'s> {
    type Item = Entry<'s>;
    type IntoIter = std::vec::IntoIter<Entry<'s>>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, 's> IntoIterator for &'a Object<'s> {
    type Item = &'a Entry<'s>;
    type IntoIter = std::slice::Iter<'a, Entry<'s>>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<'s> From<Vec<Entry<'s>>> for Object<'s> {
    fn from(entries: Vec<Entry<'s>>) -> Self {
        Object {
            entries,
            keys: AtomicU64::new(0),
        }
    }
}

impl<'s> Deref for Object<'s> {
    type Target = Vec<Entry<'s>>;

    fn deref(&self) -> &Vec<Entry<'s>> {
        &self.entries
    }
}

impl<'s> DerefMut for Object<'s> {
    fn deref_mut(&mut self) -> &mut Vec<Entry<'s>> {
        *self.keys.get_mut() = 0;
        &mut self.entries
    }
}

impl Clone for Object<'_> {
    fn clone(&self) -> Self {
        Object {
            entries: self.entries.clone(),
            keys: AtomicU64::new(self.keys.load(Ordering::Relaxed)),
        }
    }
}

impl PartialEq for Object<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

/// One member of an object: the key with its own span, and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'s> {
    pub key: Cow<'s, str>,
    pub key_span: Span,
    pub value: Node<'s>,
}

impl<'s> Node<'s> {
    pub fn new(span: Span, value: Value<'s>) -> Self {
        Node { span, value }
    }

    /// This node and every node inside its objects and arrays (not inside expressions), each
    /// once, without recursion.
    pub fn descendants(&self) -> impl Iterator<Item = &Node<'s>> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            match &node.value {
                Value::Object(entries) => stack.extend(entries.iter().map(|e| &e.value)),
                Value::Array(items) => stack.extend(items),
                _ => {}
            }
            Some(node)
        })
    }

    pub fn object(&self) -> Option<&Object<'s>> {
        match &self.value {
            Value::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Entry<'s>]> {
        match &self.value {
            Value::Object(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'s>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key` of an object (the last one, if the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&Node<'s>> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry<'s>> {
        let object = self.object()?;
        if !object.may_have(key) {
            return None;
        }
        object.iter().rev().find(|e| e.key == key)
    }

    /// The node with every string copied, moved by `base` bytes (for a file read into a
    /// larger text, such as a Terraform module's).
    pub fn to_owned_at(&self, base: usize) -> Node<'static> {
        let own = |s: &Cow<str>| Cow::Owned(s.to_string());
        let value = match &self.value {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(own(n)),
            Value::String(s) => Value::String(own(s)),
            Value::Array(items) => {
                Value::Array(items.iter().map(|n| n.to_owned_at(base)).collect())
            }
            Value::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| Entry {
                        key: own(&e.key),
                        key_span: e.key_span.shifted(base),
                        value: e.value.to_owned_at(base),
                    })
                    .collect(),
            ),
            // Only Terraform's readers make expressions, and they make them owned.
            Value::Expr(_) => Value::Expr(Box::new(Expr::Opaque)),
        };
        Node::new(self.span.shifted(base), value)
    }

    /// The value as `serde_json` sees it, for the cold paths that need one (schema error
    /// messages, tests). A number too large for JSON's doubles becomes the largest double.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Number(n) => json_number(n).into(),
            Value::String(s) => s.to_string().into(),
            Value::Array(items) => items.iter().map(Node::to_json).collect(),
            Value::Object(entries) => entries
                .iter()
                .map(|e| (e.key.to_string(), e.value.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
            Value::Expr(_) => serde_json::Value::Null,
        }
    }

    /// A scalar's text (`512` and `"512"` are both `512`), to compare input values.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::String(s) | Value::Number(s) => Some(s.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A short name for the value's type, for messages ("expected an array, found a string").
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Expr(_) => "an expression",
        }
    }

    /// The JSON pointer (RFC 6901) of the innermost node whose span contains `target`, used
    /// as a finding's logical location: it survives edits that move lines.
    ///
    /// Children are found by binary search on their starts (they are in source order), so a
    /// finding in an array of thousands costs a logarithm, not a scan — `lint` asks once per
    /// finding. Children out of order (YAML aliases, which carry their anchor's spans) are
    /// scanned instead when there are few of them.
    pub fn pointer_to(&self, target: Span) -> String {
        let mut pointer = String::new();
        let mut node = self;
        loop {
            match &node.value {
                Value::Object(entries) => {
                    let Some(entry) = child(
                        entries,
                        |e| e.key_span.start,
                        target,
                        |e| contains(e.value.span, target) || contains(e.key_span, target),
                    ) else {
                        break;
                    };
                    pointer.push('/');
                    push_escaped(&mut pointer, &entry.key);
                    if !contains(entry.value.span, target) {
                        break;
                    }
                    node = &entry.value;
                }
                Value::Array(items) => {
                    let Some(index) = child_index(
                        items,
                        |i| i.span.start,
                        target,
                        |i| contains(i.span, target),
                    ) else {
                        break;
                    };
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    node = &items[index];
                }
                _ => break,
            }
        }
        pointer
    }
}

/// Children scanned one by one when binary search finds none containing the target: few
/// enough that a finding's cost stays bounded.
const SCANNED_CHILDREN: usize = 64;

fn child<T>(
    children: &[T],
    start: impl Fn(&T) -> u32,
    target: Span,
    holds: impl Fn(&T) -> bool,
) -> Option<&T> {
    child_index(children, start, target, holds).map(|i| &children[i])
}

/// The index of the first child that `holds` the target: the last one starting at or
/// before it, when children are in source order; else, among few children, a scan.
fn child_index<T>(
    children: &[T],
    start: impl Fn(&T) -> u32,
    target: Span,
    holds: impl Fn(&T) -> bool,
) -> Option<usize> {
    let after = children.partition_point(|c| start(c) <= target.start);
    let candidate = after.checked_sub(1).filter(|&i| holds(&children[i]));
    candidate.or_else(|| {
        (children.len() <= SCANNED_CHILDREN)
            .then(|| children.iter().position(&holds))
            .flatten()
    })
}

/// A number as written, as `serde_json` holds it. Literals beyond JSON's doubles (`1e999`) are
/// kept as written by the loaders; here they become the largest double, which fails any
/// schema `maximum`.
pub fn json_number(text: &str) -> serde_json::Number {
    text.parse()
        .unwrap_or_else(|_| serde_json::Number::from_f64(f64::MAX).expect("finite"))
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && !(outer.is_empty() && inner != outer)
}

fn push_escaped(pointer: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;

    #[test]
    fn an_object_may_have_a_key_in_any_spelling_and_not_what_it_lacks() {
        let root = parse_json(
            r#"{"containerDefinitions": 1, "EFSVolumeConfiguration": 2, "size_in_gib": 3}"#,
        )
        .unwrap();
        let object = root.object().unwrap();
        for name in [
            "containerDefinitions",
            "ContainerDefinitions",
            "container_definitions",
            "efsVolumeConfiguration",
            "sizeInGiB",
        ] {
            assert!(object.may_have(name), "{name}");
        }
        // Initials no key has (`n…e` sets another bit than `c…s`, `e…n` and `s…b`).
        assert!(!object.may_have("networkMode"));
        assert!(!object.may_have(""));
    }

    #[test]
    fn changing_an_object_forgets_its_keys() {
        let mut root = parse_json(r#"{"cpu": 1}"#).unwrap();
        assert!(!root.object().unwrap().may_have("networkMode"));
        let Value::Object(object) = &mut root.value else {
            unreachable!()
        };
        let added = Entry {
            key: Cow::Borrowed("networkMode"),
            key_span: Span::new(0, 0),
            value: Node::new(Span::new(0, 0), Value::Null),
        };
        object.push(added);
        assert!(root.object().unwrap().may_have("networkMode"));
        assert_eq!(
            root.entry("networkMode").map(|e| &*e.key),
            Some("networkMode")
        );
    }

    #[test]
    fn pointer_names_the_innermost_member() {
        let text = r#"{"a": [1, {"b/c": true}], "d": 2}"#;
        let root = parse_json(text).unwrap();
        let t = text.find("true").unwrap();
        assert_eq!(root.pointer_to(Span::new(t, t + 4)), "/a/1/b~1c");
        let d = text.find("\"d\"").unwrap();
        assert_eq!(root.pointer_to(Span::new(d, d + 3)), "/d");
        assert_eq!(root.pointer_to(Span::new(0, text.len())), "");
    }

    /// Found by binary search among many children: the same pointers a scan gives.
    #[test]
    fn pointers_among_many_children() {
        let items: Vec<String> = (0..1000).map(|i| format!(r#"{{"k{i}": [{i}]}}"#)).collect();
        let text = format!("[{}]", items.join(","));
        let root = crate::source::json::parse_json(&text).unwrap();
        for i in [0, 1, 500, 999] {
            let at = text.find(&format!(r#""k{i}""#)).unwrap();
            assert_eq!(root.pointer_to(Span::new(at, at + 1)), format!("/{i}/k{i}"));
            let value = text[at..].find('[').unwrap() + at + 1;
            let len = i.to_string().len();
            assert_eq!(
                root.pointer_to(Span::new(value, value + len)),
                format!("/{i}/k{i}/0")
            );
        }
        // Between children (a comma): the array itself.
        let comma = text.find("},").unwrap() + 1;
        assert_eq!(root.pointer_to(Span::new(comma, comma + 1)), "");
    }
}
