//! Reading model fields out of a document: one reader serves every dialect, parameterised by
//! how keys are spelled and how a written value resolves to what it will be at deploy time.

use std::borrow::Cow;

pub use crate::model::Spelling;
use crate::model::{Target, Val};
use crate::source::span::{Located, Span};
use crate::source::tree::{Entry, Node, Value};

/// A scalar as it will be at deploy time, borrowed from the document where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Str(Cow<'a, str>),
    /// A number as written.
    Num(Cow<'a, str>),
    Bool(bool),
    /// A string only partly known at lint time: `Fn::Sub` or `Fn::Join` over values that are
    /// only known at deploy time, which stay in the text as `${Name}`
    /// (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web`). Its shape is known, its
    /// value is not.
    Template(Cow<'a, str>),
    /// A resource declared in the same template (`Ref` or `Fn::GetAtt`): a link in the
    /// resource graph, not a string.
    Link {
        id: Cow<'a, str>,
        attribute: Option<Cow<'a, str>>,
    },
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
            Scalar::Str(s) | Scalar::Num(s) | Scalar::Template(s) => s,
            Scalar::Bool(true) => "true",
            Scalar::Bool(false) => "false",
            Scalar::Link { id, .. } => id,
        }
    }

    /// The value, no longer borrowing from its document.
    pub fn into_owned(self) -> Scalar<'static> {
        let own = |c: Cow<str>| Cow::Owned(c.into_owned());
        match self {
            Scalar::Str(s) => Scalar::Str(own(s)),
            Scalar::Num(s) => Scalar::Num(own(s)),
            Scalar::Bool(b) => Scalar::Bool(b),
            Scalar::Template(s) => Scalar::Template(own(s)),
            Scalar::Link { id, attribute } => Scalar::Link {
                id: own(id),
                attribute: attribute.map(own),
            },
        }
    }

    /// The value as a reference to another resource: a link, or a written-out ARN or name.
    pub fn target(&self) -> Option<Target> {
        match self {
            Scalar::Link { id, .. } => Some(Target::Resource(id.to_string())),
            Scalar::Str(t) => Some(Target::Named(t.to_string())),
            _ => None,
        }
    }

    /// The value as a pattern: written text, with the parts only known at deploy time as
    /// `${Name}`, and a link as `${Id}` (`Ref`) or `${Id.Attribute}` (`Fn::GetAtt`), the way
    /// `Fn::Sub` writes them. Two patterns naming the same link name the same value.
    pub fn pattern(&self) -> String {
        match self {
            Scalar::Link {
                id,
                attribute: None,
            } => format!("${{{id}}}"),
            Scalar::Link {
                id,
                attribute: Some(attribute),
            } => format!("${{{id}.{attribute}}}"),
            other => other.text().to_string(),
        }
    }

    /// Whether the value is fully known (a partial string or a link is not a value).
    pub fn is_value(&self) -> bool {
        !matches!(self, Scalar::Template(_) | Scalar::Link { .. })
    }
}

/// Turns a written value into what it will be. The ECS API dialect takes values literally;
/// the CloudFormation dialect evaluates intrinsic functions.
pub trait Resolve {
    /// What a written node stands for in the document's structure: CloudFormation's
    /// `Fn::If` becomes its chosen branch, and `Ref: AWS::NoValue` removes the property
    /// (`None`). Literal documents are their own structure.
    fn structure<'n, 's>(&self, node: &'n Node<'s>) -> Option<&'n Node<'s>> {
        Some(node)
    }

    fn scalar<'n>(&self, node: &'n Node) -> Val<Scalar<'n>>;
}

/// Values taken as written, except template placeholders (`{{ must_env "CPU" }}` for
/// ecspresso, `${CPU}` for envsubst), which are unknown until rendered.
pub struct Literal;

impl Resolve for Literal {
    fn scalar<'n>(&self, node: &'n Node) -> Val<Scalar<'n>> {
        match &node.value {
            Value::String(s) if is_placeholder(s) => Val::Unknown(node.span),
            _ => Verbatim.scalar(node),
        }
    }
}

/// Values exactly as written, `${…}` included: IAM policies use `${aws:username}` as policy
/// variables, which are part of the value.
pub struct Verbatim;

impl Resolve for Verbatim {
    fn scalar<'n>(&self, node: &'n Node) -> Val<Scalar<'n>> {
        match &node.value {
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
    /// The file's text, to find positions inside documents written as strings.
    pub text: &'r str,
}

impl<'r> Reader<'r> {
    /// The reader for JSON documents embedded in this dialect's properties (container
    /// definitions): Terraform writes them in the ECS API's camelCase, CloudFormation in its
    /// own PascalCase.
    pub fn documents(&self) -> Reader<'r> {
        Reader {
            spelling: self.spelling.documents(),
            resolve: self.resolve,
            text: self.text,
        }
    }

    /// The member named `camel` (in this reader's spelling), as the resolver's structure
    /// sees it. `null` and `""` count as absent: SDK-based deploy tools (ecspresso, describe
    /// output) write unset fields so.
    pub fn get<'n, 's>(&self, obj: &'n Node<'s>, camel: &str) -> Option<&'n Node<'s>> {
        self.entry(obj, camel).map(|(_, value)| value)
    }

    /// The member's key span and its value, if it is set.
    fn entry<'n, 's>(&self, obj: &'n Node<'s>, camel: &str) -> Option<(Span, &'n Node<'s>)> {
        let object = obj.object()?;
        if !object.may_have(camel) {
            return None;
        }
        let entry: &Entry = object
            .iter()
            .rev()
            .find(|e| self.spelling.matches(&e.key, camel))?;
        let value = self.resolve.structure(&entry.value)?;
        (!is_unset(value)).then_some((entry.key_span, value))
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
            .filter_map(|n| self.resolve.structure(n))
            .filter(|n| n.as_object().is_some())
    }

    /// Where `camel` is set to something other than an empty list or `false`: for parameters
    /// whose mere presence matters. The span is the property's name, which is one line even
    /// when the value is a long block.
    pub fn present(&self, obj: &Node, camel: &str) -> Option<Span> {
        let (key_span, value) = self.entry(obj, camel)?;
        match &value.value {
            Value::Array(items) if items.is_empty() => None,
            Value::Object(entries) if entries.is_empty() => None,
            Value::Bool(false) => None,
            _ => Some(key_span),
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
        self.scalar(obj, camel)
            .map(|v| parse_val(v, values_only(parse)))
    }

    /// Like [`Reader::parsed`], but `parse` also sees partly known strings and links.
    fn parsed_any<T>(
        &self,
        obj: &Node,
        camel: &str,
        parse: impl Fn(&Scalar) -> Option<T>,
    ) -> Option<Val<T>> {
        self.scalar(obj, camel).map(|v| parse_val(v, parse))
    }

    /// A string that may name declared resources (`service/${Cluster}/${Service.Name}`):
    /// like [`Reader::pattern`], and a lone link is `${Id}` or `${Id.Attribute}`.
    pub fn linked_pattern(&self, obj: &Node, camel: &str) -> Option<Val<String>> {
        self.parsed_any(obj, camel, |s| Some(s.pattern()))
    }

    pub fn string(&self, obj: &Node, camel: &str) -> Option<Val<String>> {
        self.parsed(obj, camel, |s| s.string())
    }

    /// A string whose shape matters even where parts of it are unknown (an image name built
    /// with `Fn::Sub`): partly known strings are kept with their unknown parts as `${Name}`.
    pub fn pattern(&self, obj: &Node, camel: &str) -> Option<Val<String>> {
        self.parsed_any(obj, camel, |s| match s {
            Scalar::Str(t) | Scalar::Template(t) => Some(t.to_string()),
            _ => None,
        })
    }

    /// A value that names another resource by ARN or name, as a pattern (see
    /// [`Scalar::pattern`]): a link stays comparable with the same link elsewhere.
    pub fn reference(&self, obj: &Node, camel: &str) -> Option<Val<String>> {
        self.parsed_any(obj, camel, |s| Some(s.pattern()))
    }

    /// A reference to another resource: a link to one declared in the same template, or an
    /// ARN or name written out.
    pub fn target(&self, obj: &Node, camel: &str) -> Option<Val<Target>> {
        self.parsed_any(obj, camel, |s| s.target())
    }

    pub fn u32(&self, obj: &Node, camel: &str) -> Option<Val<u32>> {
        self.parsed(obj, camel, |s| match s {
            // CloudFormation and Terraform write many integers as strings.
            Scalar::Num(n) | Scalar::Str(n) => n.trim().parse().ok(),
            _ => None,
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

    /// Each member of the object `camel` (a map such as a log driver's `options`), mapped
    /// from its name, the name's span and its value. An object the resolver reads as a
    /// value (CloudFormation's `{"Fn::ImportValue": …}`) is not a written map: unknown.
    pub fn members<T>(
        &self,
        obj: &Node,
        camel: &str,
        map: impl Fn(&str, Span, &Node) -> T,
    ) -> Option<Val<Vec<T>>> {
        let node = self.get(obj, camel)?;
        let Some(entries) = node.as_object() else {
            return Some(Val::Invalid(Located::new(
                node.type_name().to_string(),
                node.span,
            )));
        };
        if !matches!(self.resolve.scalar(node), Val::Invalid(_)) {
            return Some(Val::Unknown(node.span));
        }
        let members = entries
            .iter()
            .filter_map(|e| Some(map(&e.key, e.key_span, self.resolve.structure(&e.value)?)))
            .collect();
        Some(Val::Known(Located::new(members, node.span)))
    }

    /// A node's value as a string (numbers and booleans as written, as maps of strings
    /// such as log options take them).
    pub fn value_string(&self, node: &Node) -> Val<String> {
        parse_val(
            self.resolve.scalar(node),
            values_only(|s| Some(s.text().to_string())),
        )
    }

    /// Each element of the list `camel`, resolved and parsed. Unlike [`Reader::parsed`],
    /// `parse` also sees partly known strings and links (a list of roles holds links).
    /// The references of a list property (roles, subnets); an unknown list is empty. A list
    /// given by one reference to a resource — Terraform's `aws_subnet.a[*].id`, or a plan's
    /// list of resources it creates — names that resource.
    pub fn targets(&self, obj: &Node, camel: &str) -> Vec<Val<Target>> {
        match self.list(obj, camel, |s| s.target()) {
            Some(Val::Known(items)) => items.value,
            _ => self
                .parsed_any(obj, camel, |s| match s {
                    Scalar::Link { .. } => s.target(),
                    _ => None,
                })
                .filter(|link| matches!(link, Val::Known(_)))
                .into_iter()
                .collect(),
        }
    }

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
                    .filter_map(|item| self.resolve.structure(item))
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

/// `parse` restricted to fully known values.
fn values_only<T>(parse: impl Fn(&Scalar) -> Option<T>) -> impl Fn(&Scalar) -> Option<T> {
    move |s| if s.is_value() { parse(s) } else { None }
}

/// A scalar parsed into a model value. Only a fully known value can be wrong: a partly known
/// string or a link that `parse` cannot take is unknown.
fn parse_val<T>(v: Val<Scalar>, parse: impl Fn(&Scalar) -> Option<T>) -> Val<T> {
    match v {
        Val::Known(l) => match parse(&l.value) {
            Some(parsed) => Val::Known(Located {
                value: parsed,
                span: l.span,
                origin: l.origin,
            }),
            None if !l.value.is_value() => Val::Unknown(l.span),
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
    fn literal_values_placeholders_and_nulls() {
        let root = parse_json(r#"{"a": "x", "b": "{{ must_env `CPU` }}", "c": null, "d": "12", "e": [1], "f": "${IMAGE}:1", "g": ""}"#).unwrap();
        let reader = Reader {
            spelling: Spelling::Camel,
            resolve: &Literal,
            text: "",
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
