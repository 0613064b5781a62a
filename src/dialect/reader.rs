//! Reading model fields out of a document: one reader serves every dialect, parameterised by
//! how keys are spelled and how a written value resolves to what it will be at deploy time.

use std::borrow::Cow;

use crate::model::Val;
use crate::source::span::{Located, Span};
use crate::source::tree::{Entry, Node, Value};

/// How a dialect spells property names. Adapters always ask with the ECS API's camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// The ECS API and its CLI input: `containerDefinitions`.
    Camel,
    /// CloudFormation: `ContainerDefinitions`.
    Pascal,
    /// Terraform: `container_definitions`.
    Snake,
}

impl Spelling {
    /// Whether `key`, in this spelling, names the camelCase property `camel`.
    pub fn matches(self, key: &str, camel: &str) -> bool {
        match self {
            // The first byte rejects almost every other key without a full comparison.
            Spelling::Camel => key.as_bytes().first() == camel.as_bytes().first() && key == camel,
            // CloudFormation capitalises acronyms inconsistently (`EFSVolumeConfiguration`),
            // so compare without case.
            Spelling::Pascal => key.eq_ignore_ascii_case(camel),
            Spelling::Snake => {
                let mut expected = camel.chars().flat_map(|c| {
                    let lower = c.to_ascii_lowercase();
                    let underscore = c.is_ascii_uppercase().then_some('_');
                    underscore.into_iter().chain(std::iter::once(lower))
                });
                key.chars().all(|k| expected.next() == Some(k)) && expected.next().is_none()
            }
        }
    }
}

/// A scalar as it will be at deploy time, borrowed from the document where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Str(Cow<'a, str>),
    /// A number as written.
    Num(Cow<'a, str>),
    Bool(bool),
}

impl Scalar<'_> {
    /// The value if it is a string.
    pub fn string(&self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s.to_string()),
            _ => None,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Scalar::Str(s) | Scalar::Num(s) => s,
            Scalar::Bool(true) => "true",
            Scalar::Bool(false) => "false",
        }
    }
}

/// Turns a written value into what it will be. The ECS API dialect takes values literally;
/// the CloudFormation dialect evaluates intrinsic functions.
pub trait Resolve {
    fn scalar<'n>(&self, node: &'n Node) -> Val<Scalar<'n>>;
}

/// Values taken as written, except template placeholders (`{{ must_env "CPU" }}` for
/// ecspresso, `${CPU}` for envsubst), which are unknown until rendered.
pub struct Literal;

impl Resolve for Literal {
    fn scalar<'n>(&self, node: &'n Node) -> Val<Scalar<'n>> {
        match &node.value {
            Value::String(s) if is_placeholder(s) => Val::Unknown(node.span),
            Value::String(s) => Val::Known(Located::new(Scalar::Str(Cow::Borrowed(s)), node.span)),
            Value::Number(n) => Val::Known(Located::new(Scalar::Num(Cow::Borrowed(n)), node.span)),
            Value::Bool(b) => Val::Known(Located::new(Scalar::Bool(*b), node.span)),
            _ => Val::Invalid(Located::new(node.type_name().to_string(), node.span)),
        }
    }
}

/// Whether a string is a template placeholder that a deploy tool fills in later.
pub fn is_placeholder(s: &str) -> bool {
    // Every placeholder form has a `{`: one search rejects ordinary strings.
    memchr::memchr(b'{', s.as_bytes())
        .is_some_and(|_| (s.contains("{{") && s.contains("}}")) || s.contains("${"))
}

/// A dialect's reader: its spelling and its resolver.
pub struct Reader<'r> {
    pub spelling: Spelling,
    pub resolve: &'r dyn Resolve,
}

impl Reader<'_> {
    /// The member named `camel` (in this reader's spelling). `null` and `""` count as
    /// absent: SDK-based deploy tools (ecspresso, describe output) write unset fields so.
    pub fn get<'n, 's>(&self, obj: &'n Node<'s>, camel: &str) -> Option<&'n Node<'s>> {
        let entry = self.entry(obj, camel)?;
        (!is_unset(&entry.value)).then_some(&entry.value)
    }

    fn entry<'n, 's>(&self, obj: &'n Node<'s>, camel: &str) -> Option<&'n Entry<'s>> {
        obj.as_object()?
            .iter()
            .rev()
            .find(|e| self.spelling.matches(&e.key, camel))
    }

    /// The object members of the list `camel` (non-objects are the schema check's business).
    pub fn objects<'n, 's>(
        &self,
        obj: &'n Node<'s>,
        camel: &str,
    ) -> impl Iterator<Item = &'n Node<'s>> {
        self.get(obj, camel)
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .filter(|n| n.as_object().is_some())
    }

    /// Where `camel` is set to something other than an empty list or `false`: for parameters
    /// whose mere presence matters. The span is the property's name, which is one line even
    /// when the value is a long block.
    pub fn present(&self, obj: &Node, camel: &str) -> Option<Span> {
        let entry = self.entry(obj, camel)?;
        match &entry.value.value {
            Value::Array(items) if items.is_empty() => None,
            Value::Object(entries) if entries.is_empty() => None,
            Value::Bool(false) => None,
            _ if is_unset(&entry.value) => None,
            _ => Some(entry.key_span),
        }
    }

    pub fn scalar<'n>(&self, obj: &'n Node, camel: &str) -> Option<Val<Scalar<'n>>> {
        self.get(obj, camel).map(|node| self.resolve.scalar(node))
    }

    /// A property parsed from its scalar; a value that does not parse is `Invalid`.
    pub fn parsed<T>(
        &self,
        obj: &Node,
        camel: &str,
        parse: impl Fn(&Scalar) -> Option<T>,
    ) -> Option<Val<T>> {
        self.scalar(obj, camel).map(|v| parse_val(v, parse))
    }

    pub fn string(&self, obj: &Node, camel: &str) -> Option<Val<String>> {
        self.parsed(obj, camel, |s| s.string())
    }

    pub fn u32(&self, obj: &Node, camel: &str) -> Option<Val<u32>> {
        self.parsed(obj, camel, |s| match s {
            // CloudFormation and Terraform write many integers as strings.
            Scalar::Num(n) | Scalar::Str(n) => n.trim().parse().ok(),
            Scalar::Bool(_) => None,
        })
    }

    pub fn bool(&self, obj: &Node, camel: &str) -> Option<Val<bool>> {
        self.parsed(obj, camel, |s| match s {
            Scalar::Bool(b) => Some(*b),
            Scalar::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Scalar::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
    }

    /// Each element of the list `camel`, resolved and parsed.
    pub fn list<T>(
        &self,
        obj: &Node,
        camel: &str,
        parse: impl Fn(&Scalar) -> Option<T>,
    ) -> Option<Val<Vec<Val<T>>>> {
        let node = self.get(obj, camel)?;
        Some(match node.as_array() {
            Some(items) => Val::Known(Located::new(
                items
                    .iter()
                    .map(|item| parse_val(self.resolve.scalar(item), &parse))
                    .collect(),
                node.span,
            )),
            None => match self.resolve.scalar(node) {
                Val::Unknown(span) => Val::Unknown(span),
                _ => Val::Invalid(Located::new(node.type_name().to_string(), node.span)),
            },
        })
    }
}

/// `null` or the empty string: what SDK-generated documents write for "not set".
pub fn is_unset(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn parse_val<T>(v: Val<Scalar>, parse: impl Fn(&Scalar) -> Option<T>) -> Val<T> {
    match v {
        Val::Known(l) => match parse(&l.value) {
            Some(parsed) => Val::Known(Located {
                value: parsed,
                span: l.span,
                origin: l.origin,
            }),
            None => Val::Invalid(Located {
                value: l.value.text().to_string(),
                span: l.span,
                origin: l.origin,
            }),
        },
        Val::Unknown(span) => Val::Unknown(span),
        Val::Invalid(l) => Val::Invalid(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;

    #[test]
    fn spellings_match_the_camel_case_name() {
        assert!(Spelling::Camel.matches("containerDefinitions", "containerDefinitions"));
        assert!(!Spelling::Camel.matches("ContainerDefinitions", "containerDefinitions"));
        assert!(Spelling::Pascal.matches("ContainerDefinitions", "containerDefinitions"));
        assert!(Spelling::Pascal.matches("EFSVolumeConfiguration", "efsVolumeConfiguration"));
        assert!(Spelling::Snake.matches("container_definitions", "containerDefinitions"));
        assert!(!Spelling::Snake.matches("container_definition", "containerDefinitions"));
        assert!(!Spelling::Snake.matches("container_definitionsx", "containerDefinitions"));
        assert!(Spelling::Snake.matches("cpu", "cpu"));
    }

    #[test]
    fn literal_values_placeholders_and_nulls() {
        let root = parse_json(r#"{"a": "x", "b": "{{ must_env `CPU` }}", "c": null, "d": "12", "e": [1], "f": "${IMAGE}:1", "g": ""}"#).unwrap();
        let reader = Reader {
            spelling: Spelling::Camel,
            resolve: &Literal,
        };
        assert_eq!(
            reader.string(&root, "a").unwrap().value(),
            Some(&"x".to_string())
        );
        assert!(matches!(reader.string(&root, "b"), Some(Val::Unknown(_))));
        assert!(matches!(reader.string(&root, "f"), Some(Val::Unknown(_))));
        assert!(reader.string(&root, "c").is_none());
        assert!(reader.string(&root, "g").is_none());
        assert_eq!(reader.u32(&root, "d").unwrap().value(), Some(&12));
        assert!(matches!(reader.u32(&root, "a"), Some(Val::Invalid(_))));
        assert!(matches!(reader.string(&root, "e"), Some(Val::Invalid(_))));
    }
}
