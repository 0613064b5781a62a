//! A CloudFormation template's sections, indexed once: parameters with their defaults and
//! allowed values, mappings, conditions and resources by logical id.

use rustc_hash::FxHashMap;

use crate::model::Dependencies;
use crate::source::span::Span;
use crate::source::tree::{Node, Value};

pub struct Template<'n, 's> {
    pub parameters: Vec<Parameter<'n, 's>>,
    parameter_index: FxHashMap<&'n str, usize>,
    pub mappings: Option<&'n Node<'s>>,
    /// Each condition's name (with its span) and expression.
    pub conditions: Vec<(&'n str, Span, &'n Node<'s>)>,
    pub resources: Vec<Resource<'n, 's>>,
    resource_index: FxHashMap<&'n str, usize>,
    /// The file's text, to find positions inside documents written as strings.
    pub text: &'s str,
}

pub struct Parameter<'n, 's> {
    pub name: &'n str,
    pub default: Option<&'n Node<'s>>,
    pub allowed_values: &'n [Node<'s>],
    /// `CommaDelimitedList` and `List<…>` parameters hold lists, not single values.
    pub is_list: bool,
    /// `AWS::SSM::Parameter::Value<…>` parameters: the default is the name of an SSM
    /// parameter, and the value is read from it at deploy time.
    pub from_ssm: bool,
}

pub struct Resource<'n, 's> {
    pub id: &'n str,
    pub id_span: Span,
    /// `AWS::ECS::TaskDefinition`.
    pub kind: &'n str,
    pub properties: Option<&'n Node<'s>>,
    /// The resource's `Condition`: it exists only where that condition is true.
    pub condition: Option<&'n str>,
    /// `DependsOn`: the resources it is created after, besides those it references.
    pub depends_on: Vec<&'n str>,
}

/// Whether a document is a CloudFormation template: a `Resources` section whose entries have
/// a `Type` (`AWS::…`, `Custom::…`, SAM's `AWS::Serverless::…`).
pub fn is_template(root: &Node) -> bool {
    root.get("Resources")
        .and_then(Node::as_object)
        .is_some_and(|resources| {
            resources.iter().any(|r| {
                r.value
                    .get("Type")
                    .and_then(Node::as_str)
                    .is_some_and(|t| t.contains("::"))
            })
        })
}

impl<'n, 's> Template<'n, 's> {
    pub fn new(root: &'n Node<'s>, text: &'s str) -> Self {
        let section = |name| root.get(name).and_then(Node::as_object).unwrap_or_default();
        let parameters: Vec<Parameter> = section("Parameters")
            .iter()
            .map(|p| {
                let kind = p
                    .value
                    .get("Type")
                    .and_then(Node::as_str)
                    .unwrap_or_default();
                Parameter {
                    name: &p.key,
                    default: p.value.get("Default"),
                    allowed_values: p
                        .value
                        .get("AllowedValues")
                        .and_then(Node::as_array)
                        .unwrap_or_default(),
                    is_list: kind.starts_with("List<") || kind == "CommaDelimitedList",
                    from_ssm: kind.starts_with("AWS::SSM::Parameter::Value<"),
                }
            })
            .collect();
        let resources: Vec<Resource> = section("Resources")
            .iter()
            .filter_map(|r| {
                Some(Resource {
                    id: &r.key,
                    id_span: r.key_span,
                    kind: r.value.get("Type")?.as_str()?,
                    properties: r
                        .value
                        .get("Properties")
                        .filter(|p| matches!(p.value, Value::Object(_))),
                    condition: r.value.get("Condition").and_then(Node::as_str),
                    depends_on: match r.value.get("DependsOn") {
                        Some(Node {
                            value: Value::Array(items),
                            ..
                        }) => items.iter().filter_map(Node::as_str).collect(),
                        Some(one) => one.as_str().into_iter().collect(),
                        None => Vec::new(),
                    },
                })
            })
            .collect();
        Template {
            parameter_index: parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (p.name, i))
                .collect(),
            parameters,
            text,
            mappings: root.get("Mappings"),
            conditions: section("Conditions")
                .iter()
                .map(|c| (c.key.as_ref(), c.key_span, &c.value))
                .collect(),
            resource_index: resources
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id, i))
                .collect(),
            resources,
        }
    }

    pub fn parameter(&self, name: &str) -> Option<(usize, &Parameter<'n, 's>)> {
        let index = *self.parameter_index.get(name)?;
        Some((index, &self.parameters[index]))
    }

    pub fn resource(&self, id: &str) -> Option<&Resource<'n, 's>> {
        self.resource_index.get(id).map(|&i| &self.resources[i])
    }

    pub fn condition(&self, name: &str) -> Option<usize> {
        self.conditions.iter().position(|(n, _, _)| *n == name)
    }

    /// The order CloudFormation creates the resources in: each resource after those its
    /// `DependsOn` names and those its properties reference with `Ref`, `Fn::GetAtt` or a
    /// `${…}` of `Fn::Sub` — in every branch of `Fn::If`, since a dependency that holds in one
    /// scenario only is no ordering to rely on anyway.
    pub fn dependencies(&self) -> Dependencies {
        let mut dependencies = Dependencies::default();
        for resource in &self.resources {
            let referenced = resource
                .properties
                .into_iter()
                .flat_map(Node::descendants)
                .flat_map(|node| self.references(node));
            dependencies.add(
                resource.id,
                resource
                    .depends_on
                    .iter()
                    .copied()
                    .chain(referenced)
                    .map(str::to_string),
            );
        }
        dependencies
    }

    /// The resources of the template that `node` itself (`Ref`, `Fn::GetAtt`, `Fn::Sub`)
    /// names.
    fn references<'a>(&self, node: &'a Node) -> Vec<&'a str> {
        let Some([entry]) = node.as_object() else {
            return Vec::new();
        };
        let named: Vec<&str> = match (entry.key.as_ref(), &entry.value.value) {
            ("Ref", Value::String(id)) => vec![id.as_ref()],
            ("Fn::GetAtt", Value::String(path)) => path.split('.').next().into_iter().collect(),
            ("Fn::GetAtt", Value::Array(args)) => {
                args.first().and_then(Node::as_str).into_iter().collect()
            }
            ("Fn::Sub", Value::Array(args)) => {
                sub_names(args.first().and_then(Node::as_str).unwrap_or_default()).collect()
            }
            ("Fn::Sub", Value::String(text)) => sub_names(text).collect(),
            _ => Vec::new(),
        };
        named
            .into_iter()
            .filter(|id| self.resource(id).is_some())
            .collect()
    }
}

/// The names `${Name}` and `${Name.Attribute}` of an `Fn::Sub` string refers to (`${!Name}`
/// is literal text).
fn sub_names(text: &str) -> impl Iterator<Item = &str> {
    text.split("${").skip(1).filter_map(|part| {
        let (inner, _) = part.split_once('}')?;
        (!inner.starts_with('!')).then(|| inner.split('.').next().unwrap_or(inner).trim())
    })
}
