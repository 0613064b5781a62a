//! Evaluating CloudFormation's intrinsic functions for one scenario (an assignment of
//! parameter values and undecidable conditions, see [`super::scenarios`]).
//!
//! A value resolves to what it will be at deploy time, or honestly to unknown: `Ref` to a
//! parameter gives its default (or, in a scenario, one of its `AllowedValues`), with the
//! parameter as the value's origin; `Ref`/`Fn::GetAtt` to a resource is a link in the graph;
//! `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split` (inside `Fn::Select`), `Fn::FindInMap`,
//! `Fn::If` and `Fn::Base64` are evaluated; pseudo parameters, `Fn::ImportValue`,
//! `Fn::GetAZs` and dynamic references (`{{resolve:…}}`) are unknown.

use std::borrow::Cow;
use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::dialect::reader::{Resolve, Scalar};
use crate::model::Val;
use crate::source::span::{Located, Origin, Span};
use crate::source::tree::{Node, Value};

use super::template::Template;

/// One assignment of the template's free choices. The default scenario takes every
/// parameter's `Default` and assumes every condition that defaults cannot decide is true.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scenario {
    /// A parameter (by index) set to one of its `AllowedValues` (by index).
    pub parameter: Option<(usize, usize)>,
    /// An undecidable condition (by index) taken as false.
    pub flipped: Option<usize>,
}

/// What resolving consulted that other scenarios could change.
#[derive(Debug, Default, Clone)]
pub struct Consulted {
    /// Parameters with `AllowedValues` whose value was used.
    pub parameters: Vec<usize>,
    /// Conditions that the scenario's parameter values could not decide.
    pub forced: Vec<usize>,
}

impl Consulted {
    /// Whether `scenario` changes something consulted: a value read in the default scenario
    /// may then read differently.
    pub fn changed_by(&self, scenario: &Scenario) -> bool {
        scenario
            .parameter
            .is_some_and(|(index, _)| self.parameters.contains(&index))
            || scenario
                .flipped
                .is_some_and(|index| self.forced.contains(&index))
    }

    fn merge(&mut self, other: &Consulted) {
        for &index in &other.parameters {
            push_once(&mut self.parameters, index);
        }
        for &index in &other.forced {
            push_once(&mut self.forced, index);
        }
    }
}

/// How deep conditions may refer to conditions before the rest are taken as undecided.
const MAX_CONDITION_DEPTH: usize = 64;

pub struct Resolver<'t, 'n, 's> {
    template: &'t Template<'n, 's>,
    scenario: Scenario,
    consulted: RefCell<Consulted>,
    /// What is being read (a resource, a condition inside it) and what it consulted so far:
    /// a condition evaluated once and then remembered still counts for every later reader.
    recording: RefCell<Vec<Consulted>>,
    /// Conditions evaluated so far, with what each consulted, and the ones being evaluated
    /// (to stop on cycles).
    conditions: RefCell<FxHashMap<usize, (bool, Consulted)>>,
    evaluating: RefCell<Vec<usize>>,
}

impl<'t, 'n, 's> Resolver<'t, 'n, 's> {
    pub fn new(template: &'t Template<'n, 's>, scenario: Scenario) -> Self {
        Resolver {
            template,
            scenario,
            consulted: RefCell::default(),
            recording: RefCell::default(),
            conditions: RefCell::default(),
            evaluating: RefCell::default(),
        }
    }

    pub fn into_consulted(self) -> Consulted {
        self.consulted.into_inner()
    }

    /// Runs `read`, and says what it consulted that another scenario could change.
    pub fn recording<T>(&self, read: impl FnOnce() -> T) -> (T, Consulted) {
        self.recording.borrow_mut().push(Consulted::default());
        let value = read();
        let consulted = self.recording.borrow_mut().pop().unwrap_or_default();
        self.note(&consulted);
        (value, consulted)
    }

    /// Adds to what the innermost reading consulted, and to what the whole resolver did.
    fn note(&self, consulted: &Consulted) {
        if let Some(reading) = self.recording.borrow_mut().last_mut() {
            reading.merge(consulted);
        }
        self.consulted.borrow_mut().merge(consulted);
    }

    fn resolve<'a>(&self, node: &'a Node) -> Val<Scalar<'a>> {
        let known = |scalar| Val::Known(Located::new(scalar, node.span));
        match &node.value {
            // A dynamic reference is read from SSM or Secrets Manager at deploy time.
            Value::String(s) if s.contains("{{resolve:") => Val::Unknown(node.span),
            Value::String(s) => known(Scalar::Str(Cow::Borrowed(s))),
            Value::Number(n) => known(Scalar::Num(Cow::Borrowed(n))),
            Value::Bool(b) => known(Scalar::Bool(*b)),
            Value::Object(entries) if entries.len() == 1 => {
                let entry = &entries[0];
                self.intrinsic(&entry.key, &entry.value, node.span)
                    .unwrap_or_else(|| invalid(node))
            }
            _ => invalid(node),
        }
    }

    /// An intrinsic function's value; `None` when `name` is not an intrinsic function.
    fn intrinsic<'a>(&self, name: &str, args: &'a Node, span: Span) -> Option<Val<Scalar<'a>>> {
        let unknown = Val::Unknown(span);
        Some(match name {
            "Ref" => match args.as_str() {
                Some(name) => self.reference(name, span),
                None => unknown,
            },
            "Fn::GetAtt" => get_att(args).map_or(unknown, |(id, attribute)| {
                known(
                    Scalar::Link {
                        id: Cow::Borrowed(id),
                        attribute: Some(Cow::Borrowed(attribute)),
                    },
                    span,
                )
            }),
            "Fn::Sub" => self.sub(args, span),
            "Fn::Join" => self.join(args, span),
            "Fn::Select" => self.select(args, span),
            "Fn::FindInMap" => self.find_in_map(args, span),
            "Fn::If" => match self.branch(args) {
                Some(branch) if !is_no_value(branch) => self.resolve(branch),
                _ => unknown,
            },
            "Fn::Base64" => match self.resolve(args) {
                Val::Known(l) if l.value.is_value() => {
                    known(Scalar::Str(Cow::Owned(base64(l.value.text()))), span)
                }
                _ => unknown,
            },
            // Fn::ImportValue, Fn::GetAZs, Fn::Split outside Fn::Select, Fn::Cidr, ...: only
            // known at deploy time, or not a single value.
            _ if name.starts_with("Fn::") => unknown,
            _ => return None,
        })
    }

    /// `Ref` (and a `${Name}` in `Fn::Sub`) to a parameter, pseudo parameter or resource.
    fn reference<'a>(&self, name: &'a str, span: Span) -> Val<Scalar<'a>> {
        if let Some((index, _)) = self.template.parameter(name) {
            return self.parameter(index, span).unwrap_or(Val::Unknown(span));
        }
        if self.template.resource(name).is_some() {
            return known(
                Scalar::Link {
                    id: Cow::Borrowed(name),
                    attribute: None,
                },
                span,
            );
        }
        // AWS::Region, AWS::AccountId, AWS::Partition, AWS::StackName, AWS::NoValue, ...:
        // known only at deploy time. A name that is nothing at all is also unknown here.
        Val::Unknown(span)
    }

    /// A parameter's value in this scenario, with the parameter as its origin.
    fn parameter<'a>(&self, index: usize, span: Span) -> Option<Val<Scalar<'a>>> {
        let parameter = &self.template.parameters[index];
        if parameter.is_list || parameter.from_ssm {
            return None;
        }
        if !parameter.allowed_values.is_empty() {
            self.note(&Consulted {
                parameters: vec![index],
                forced: Vec::new(),
            });
        }
        let (node, what) = match self.scenario.parameter {
            Some((p, allowed)) if p == index => {
                let node = &parameter.allowed_values[allowed];
                let what = format!(
                    "parameter `{}` set to its allowed value {}",
                    parameter.name,
                    node.to_json()
                );
                (node, what)
            }
            _ => (
                parameter.default?,
                format!("the default of parameter `{}`", parameter.name),
            ),
        };
        let value = literal(node)?.into_owned();
        Some(Val::Known(Located {
            value,
            span,
            origin: Some(Box::new(Origin {
                span: node.span,
                what,
            })),
        }))
    }

    fn sub<'a>(&self, args: &'a Node, span: Span) -> Val<Scalar<'a>> {
        let (text, variables) = match &args.value {
            Value::String(text) => (text.as_ref(), None),
            Value::Array(items) if items.len() == 2 => match items[0].as_str() {
                Some(text) => (text, items[1].as_object()),
                None => return Val::Unknown(span),
            },
            _ => return Val::Unknown(span),
        };
        let mut out = String::new();
        let mut complete = true;
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                rest = &rest[start..];
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                // `${!Literal}` is the text `${Literal}`.
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let variable = variables.and_then(|vars| vars.iter().rev().find(|e| e.key == name));
            let value = match variable {
                Some(entry) => self.resolve(&entry.value),
                None => match name.split_once('.') {
                    Some((id, attribute)) if self.template.resource(id).is_some() => known(
                        Scalar::Link {
                            id: Cow::Borrowed(id),
                            attribute: Some(Cow::Borrowed(attribute)),
                        },
                        span,
                    ),
                    _ => self.reference(name, span),
                },
            };
            if let Val::Known(l) = &value {
                // `!Sub "${TaskRole.Arn}"` is the link itself.
                if text.len() == name.len() + 3 && matches!(l.value, Scalar::Link { .. }) {
                    return Val::Known(Located::new(l.value.clone().into_owned(), span));
                }
            }
            complete &= push_part(&mut out, value, name);
        }
        out.push_str(rest);
        partial_string(out, complete, span)
    }

    fn join<'a>(&self, args: &'a Node, span: Span) -> Val<Scalar<'a>> {
        let (Some(delimiter), Some(items)) = (
            arg(args, 0).and_then(Node::as_str),
            arg(args, 1).and_then(Node::as_array),
        ) else {
            return Val::Unknown(span);
        };
        let mut out = String::new();
        let mut complete = true;
        for (i, item) in items.iter().filter_map(|i| self.structure(i)).enumerate() {
            if i > 0 {
                out.push_str(delimiter);
            }
            complete &= push_part(&mut out, self.resolve(item), "…");
        }
        partial_string(out, complete, span)
    }

    fn select<'a>(&self, args: &'a Node, span: Span) -> Val<Scalar<'a>> {
        let index = arg(args, 0).map(|i| self.resolve(i));
        let Some(index) = index
            .as_ref()
            .and_then(Val::value)
            .and_then(|i| i.text().parse::<usize>().ok())
        else {
            return Val::Unknown(span);
        };
        let Some(list) = arg(args, 1) else {
            return Val::Unknown(span);
        };
        if let Some(items) = list.as_array() {
            return match items.get(index).and_then(|i| self.structure(i)) {
                Some(item) => self.resolve(item),
                None => Val::Unknown(span),
            };
        }
        // `Fn::Split` or a list parameter: pick from the split text.
        let split = match list.as_object() {
            Some([entry]) if entry.key == "Fn::Split" => {
                let delimiter = arg(&entry.value, 0).and_then(Node::as_str);
                let text = arg(&entry.value, 1).map(|t| self.resolve(t));
                delimiter.zip(text)
            }
            Some([entry]) if entry.key == "Ref" => {
                let parameter = entry
                    .value
                    .as_str()
                    .and_then(|n| self.template.parameter(n));
                let default = parameter
                    .filter(|(_, p)| p.is_list)
                    .and_then(|(_, p)| p.default);
                default.map(|d| (",", self.resolve(d)))
            }
            _ => None,
        };
        match split {
            Some((delimiter, Val::Known(l))) if l.value.is_value() => {
                match l.value.text().split(delimiter).nth(index) {
                    Some(piece) => Val::Known(Located {
                        value: Scalar::Str(Cow::Owned(piece.trim().to_string())),
                        span,
                        origin: l.origin,
                    }),
                    None => Val::Unknown(span),
                }
            }
            _ => Val::Unknown(span),
        }
    }

    fn find_in_map<'a>(&self, args: &'a Node, span: Span) -> Val<Scalar<'a>> {
        let key = |i| {
            arg(args, i).map(|k| self.resolve(k)).and_then(|v| {
                v.value()
                    .filter(|s| s.is_value())
                    .map(|s| s.text().to_string())
            })
        };
        let (Some(map), Some(top), Some(second)) = (key(0), key(1), key(2)) else {
            return Val::Unknown(span);
        };
        let leaf = self
            .template
            .mappings
            .and_then(|m| m.get(&map))
            .and_then(|m| m.get(&top))
            .and_then(|m| m.get(&second));
        match leaf.and_then(literal) {
            Some(value) => Val::Known(Located {
                value: value.into_owned(),
                span,
                origin: leaf.map(|leaf| {
                    Box::new(Origin {
                        span: leaf.span,
                        what: format!("mapping `{map}` ({top} → {second})"),
                    })
                }),
            }),
            None => Val::Unknown(span),
        }
    }

    /// The branch an `Fn::If` takes in this scenario.
    fn branch<'a, 'x>(&self, args: &'a Node<'x>) -> Option<&'a Node<'x>> {
        let name = arg(args, 0)?.as_str()?;
        let index = self.template.condition(name)?;
        arg(args, if self.condition(index) { 1 } else { 2 })
    }

    /// A named condition's value: evaluated from the scenario's parameter values, or — when
    /// they cannot decide it — true, except in the scenario that flips it.
    pub fn condition(&self, index: usize) -> bool {
        if let Some((value, consulted)) = self.conditions.borrow().get(&index) {
            if let Some(reading) = self.recording.borrow_mut().last_mut() {
                reading.merge(consulted);
            }
            return *value;
        }
        // A cycle, or a chain of conditions deeper than anyone writes (each `Condition` of
        // the one before): undecided, rather than recursing until the stack runs out.
        let cycle = self.evaluating.borrow().contains(&index)
            || self.evaluating.borrow().len() >= MAX_CONDITION_DEPTH;
        let (evaluated, mut consulted) = if cycle {
            (None, Consulted::default())
        } else {
            self.evaluating.borrow_mut().push(index);
            let evaluated = self.recording(|| self.evaluate(self.template.conditions[index].2));
            self.evaluating.borrow_mut().pop();
            evaluated
        };
        let value = evaluated.unwrap_or_else(|| {
            consulted.forced.push(index);
            self.note(&consulted);
            self.scenario.flipped != Some(index)
        });
        self.conditions
            .borrow_mut()
            .insert(index, (value, consulted));
        value
    }

    /// A condition expression, if the scenario's values decide it.
    fn evaluate(&self, node: &Node) -> Option<bool> {
        let [entry] = node.as_object()? else {
            return None;
        };
        let args = || entry.value.as_array().unwrap_or_default();
        match entry.key.as_ref() {
            "Fn::Equals" => {
                let [a, b] = args() else { return None };
                let (a, b) = (self.resolve(a), self.resolve(b));
                let (a, b) = (a.value()?, b.value()?);
                (a.is_value() && b.is_value()).then(|| a.text() == b.text())
            }
            "Fn::Not" => self.evaluate(args().first()?).map(|v| !v),
            "Fn::And" => all(args().iter().map(|c| self.evaluate(c))),
            "Fn::Or" => all(args().iter().map(|c| self.evaluate(c).map(|v| !v))).map(|v| !v),
            "Condition" => {
                let index = self.template.condition(entry.value.as_str()?)?;
                Some(self.condition(index))
            }
            _ => None,
        }
    }
}

impl Resolve for Resolver<'_, '_, '_> {
    fn structure<'a, 'x>(&self, node: &'a Node<'x>) -> Option<&'a Node<'x>> {
        let mut node = node;
        loop {
            match node.as_object() {
                Some([entry]) if entry.key == "Fn::If" => match self.branch(&entry.value) {
                    Some(branch) => node = branch,
                    None => return Some(node),
                },
                _ if is_no_value(node) => return None,
                _ => return Some(node),
            }
        }
    }

    fn scalar<'a>(&self, node: &'a Node) -> Val<Scalar<'a>> {
        self.resolve(node)
    }
}

/// Three-valued AND: false if any is false, true if all are true, else undecided.
fn all(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut result = Some(true);
    for value in values {
        match value {
            Some(false) => return Some(false),
            None => result = None,
            Some(true) => {}
        }
    }
    result
}

fn known(scalar: Scalar, span: Span) -> Val<Scalar> {
    Val::Known(Located::new(scalar, span))
}

fn invalid<T>(node: &Node) -> Val<T> {
    Val::Invalid(Located::new(node.type_name().to_string(), node.span))
}

/// A literal scalar node's value.
fn literal<'a>(node: &'a Node) -> Option<Scalar<'a>> {
    Some(match &node.value {
        Value::String(s) => Scalar::Str(Cow::Borrowed(s)),
        Value::Number(n) => Scalar::Num(Cow::Borrowed(n)),
        Value::Bool(b) => Scalar::Bool(*b),
        _ => return None,
    })
}

/// Appends one part of a string being built: its text when known, its shape when partly
/// known, else `${name}`. Whether the part was fully known.
fn push_part(out: &mut String, part: Val<Scalar>, name: &str) -> bool {
    match part {
        Val::Known(l) if l.value.is_value() => {
            out.push_str(l.value.text());
            true
        }
        Val::Known(Located {
            value: Scalar::Template(t),
            ..
        }) => {
            out.push_str(&t);
            false
        }
        // A link keeps its name (`${Service.Name}`), in `Fn::Join` as in `Fn::Sub`.
        Val::Known(Located {
            value: link @ Scalar::Link { .. },
            ..
        }) => {
            out.push_str(&link.pattern());
            false
        }
        _ => {
            out.push_str("${");
            out.push_str(name);
            out.push('}');
            false
        }
    }
}

fn partial_string<'a>(text: String, complete: bool, span: Span) -> Val<Scalar<'a>> {
    let text = Cow::Owned(text);
    known(
        if complete {
            Scalar::Str(text)
        } else {
            Scalar::Template(text)
        },
        span,
    )
}

/// `Ref: AWS::NoValue`, which removes the property it is the value of.
fn is_no_value(node: &Node) -> bool {
    matches!(node.as_object(), Some([entry]) if entry.key == "Ref" && entry.value.as_str() == Some("AWS::NoValue"))
}

/// The `index`th argument of an intrinsic function's argument list.
fn arg<'a, 'x>(args: &'a Node<'x>, index: usize) -> Option<&'a Node<'x>> {
    args.as_array()?.get(index)
}

/// `Fn::GetAtt`'s resource and attribute: `["Role", "Arn"]` or `"Role.Arn"`.
fn get_att<'a>(args: &'a Node) -> Option<(&'a str, &'a str)> {
    match &args.value {
        Value::String(s) => s.split_once('.'),
        Value::Array(items) => Some((items.first()?.as_str()?, items.get(1)?.as_str()?)),
        _ => None,
    }
}

fn push_once(list: &mut Vec<usize>, index: usize) {
    if !list.contains(&index) {
        list.push(index);
    }
}

/// Standard base64 with padding, as `Fn::Base64` encodes.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(text.len().div_ceil(3) * 4);
    for chunk in text.as_bytes().chunks(3) {
        let bytes = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(bytes[0]) << 16) | (u32::from(bytes[1]) << 8) | u32::from(bytes[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::yaml::parse_yaml;

    const TEMPLATE: &str = r#"
Parameters:
  Size: {Type: String, Default: small, AllowedValues: [small, large]}
  Env: {Type: String}
  Subnets: {Type: CommaDelimitedList, Default: "a, b"}
  Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /aws/service/ami}
Mappings:
  Sizes:
    small: {Cpu: 256}
    large: {Cpu: 4096}
Conditions:
  IsLarge: !Equals [!Ref Size, large]
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsLarge, !Condition IsProd]
Resources:
  Role: {Type: AWS::IAM::Role}
  Probe:
    Type: Custom::Probe
    Properties:
      Cpu: !FindInMap [Sizes, !Ref Size, Cpu]
      Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:${Size}"
      Name: !Sub ["${Prefix}-web-${!Literal}", {Prefix: !Ref Size}]
      Joined: !Join ["-", [a, !Ref Size, !Ref Env]]
      Selected: !Select [1, !Ref Subnets]
      Split: !Select [0, !Split [",", "x,y"]]
      Role: !GetAtt Role.Arn
      RoleBySub: !Sub "${Role.Arn}"
      RoleName: !Ref Role
      Mode: !If [IsLarge, host, bridge]
      Prod: !If [NotProd, dev, !Ref AWS::NoValue]
      Imported: !ImportValue Shared
      Encoded: !Base64 "hi!"
      Dynamic: "{{resolve:ssm:/cpu}}"
      Region: !Ref AWS::Region
      FromSsm: !Ref Ami
"#;

    fn with<R>(scenario: Scenario, f: impl FnOnce(&Resolver, &Node) -> R) -> R {
        let documents = parse_yaml(TEMPLATE).unwrap();
        let template = Template::new(&documents[0], TEMPLATE);
        let resolver = Resolver::new(&template, scenario);
        let properties = template.resource("Probe").unwrap().properties.unwrap();
        f(&resolver, properties)
    }

    fn text(resolver: &Resolver, properties: &Node, key: &str) -> Option<String> {
        match resolver.scalar(properties.get(key).unwrap()) {
            Val::Known(l) => Some(match l.value {
                Scalar::Template(t) => format!("template {t}"),
                Scalar::Link { id, attribute } => format!("link {id} {attribute:?}"),
                other => other.text().to_string(),
            }),
            _ => None,
        }
    }

    #[test]
    fn evaluates_intrinsics_in_the_default_scenario() {
        with(Scenario::default(), |r, p| {
            assert_eq!(text(r, p, "Cpu").as_deref(), Some("256"));
            assert_eq!(
                text(r, p, "Image").as_deref(),
                Some("template ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:small")
            );
            assert_eq!(text(r, p, "Name").as_deref(), Some("small-web-${Literal}"));
            assert_eq!(
                text(r, p, "Joined").as_deref(),
                Some("template a-small-${…}")
            );
            assert_eq!(text(r, p, "Selected").as_deref(), Some("b"));
            assert_eq!(text(r, p, "Split").as_deref(), Some("x"));
            assert_eq!(
                text(r, p, "Role").as_deref(),
                Some(r#"link Role Some("Arn")"#)
            );
            assert_eq!(
                text(r, p, "RoleBySub").as_deref(),
                Some(r#"link Role Some("Arn")"#)
            );
            assert_eq!(text(r, p, "RoleName").as_deref(), Some("link Role None"));
            assert_eq!(text(r, p, "Mode").as_deref(), Some("bridge"));
            assert_eq!(text(r, p, "Encoded").as_deref(), Some("aGkh"));
            for unknown in ["Imported", "Dynamic", "Region", "FromSsm"] {
                assert_eq!(text(r, p, unknown), None, "{unknown}");
            }
        });
    }

    #[test]
    fn a_parameter_value_keeps_its_origin() {
        with(Scenario::default(), |r, p| {
            let Val::Known(cpu) = r.scalar(p.get("Cpu").unwrap()) else {
                panic!("unresolved")
            };
            let origin = cpu.origin.unwrap();
            assert_eq!(origin.what, "mapping `Sizes` (small → Cpu)");
            assert_eq!(&TEMPLATE[origin.span.range()], "256");
            assert_eq!(
                &TEMPLATE[cpu.span.range()],
                "!FindInMap [Sizes, !Ref Size, Cpu]"
            );
        });
    }

    #[test]
    fn scenarios_choose_allowed_values_and_flip_undecidable_conditions() {
        let large = Scenario {
            parameter: Some((0, 1)),
            flipped: None,
        };
        with(large, |r, p| {
            assert_eq!(text(r, p, "Cpu").as_deref(), Some("4096"));
            assert_eq!(text(r, p, "Mode").as_deref(), Some("host"));
        });
        // `IsProd` cannot be decided (Env has no default): it is true unless flipped, and
        // the conditions built on it follow.
        with(Scenario::default(), |r, p| {
            assert!(r.structure(p.get("Prod").unwrap()).is_none());
            assert!(!r.condition(2));
            assert!(!r.condition(3));
            assert_eq!(r.consulted.borrow().forced, vec![1]);
            assert_eq!(r.consulted.borrow().parameters, vec![0]);
        });
        let not_prod = Scenario {
            parameter: None,
            flipped: Some(1),
        };
        with(not_prod, |r, p| {
            assert_eq!(text(r, p, "Prod").as_deref(), Some("dev"));
        });
    }

    #[test]
    fn each_reading_knows_what_it_consulted_even_from_remembered_conditions() {
        with(Scenario::default(), |r, p| {
            let read = |name: &str| r.recording(|| r.scalar(p.get(name).unwrap())).1;
            // `Both` stops at `IsLarge`, false by Size's default: it depends on Size alone.
            let (_, both) = r.recording(|| r.condition(3));
            assert_eq!((both.parameters, both.forced), (vec![0], vec![]));
            // `NotProd` rests on `IsProd`, undecidable: forced. A later reading through the
            // remembered `NotProd` (`Prod`) still depends on it, as one of `IsLarge` (`Mode`,
            // remembered from `Both`) still depends on Size.
            let (_, not_prod) = r.recording(|| r.condition(2));
            assert_eq!((not_prod.parameters, not_prod.forced), (vec![], vec![1]));
            let mode = read("Mode");
            assert_eq!((mode.parameters, mode.forced), (vec![0], vec![]));
            let prod = read("Prod");
            assert_eq!((prod.parameters, prod.forced), (vec![], vec![1]));
            let image = read("Image");
            assert!(image.changed_by(&Scenario {
                parameter: Some((0, 1)),
                flipped: None
            }));
            assert!(!image.changed_by(&Scenario {
                parameter: None,
                flipped: Some(1)
            }));
            let region = read("Region");
            assert!(region.parameters.is_empty() && region.forced.is_empty());
        });
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(""), "");
        assert_eq!(base64("a"), "YQ==");
        assert_eq!(base64("ab"), "YWI=");
        assert_eq!(base64("abc"), "YWJj");
    }
}
