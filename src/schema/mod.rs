//! Structural validation of ECS API documents against the JSON Schemas in `schemas/`,
//! compiled once per process and run on the spanned tree, so every violation is located.

mod cloudformation;
mod json_adapter;
mod pattern;
mod required;

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::Value as Json;

use crate::dialect::PartKind;
use crate::dialect::reader::is_placeholder;
use crate::source::span::Span;
use crate::source::tree::{Node, Value};
use crate::suggest::closest;
use crate::text::or_list;
use json_adapter::{NodeRef, Spanned, is_intrinsic};

/// One schema violation, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// A schema and its validator: for ECS API documents (`TEMPLATE` false) or CloudFormation
/// resource properties, where intrinsic functions are not validated.
struct Compiled<const TEMPLATE: bool> {
    schema: Json,
    validator: Validator<Spanned<TEMPLATE>>,
}

const TASK_DEFINITION_SCHEMA: &str = include_str!("../../schemas/ecs-task-definition.schema.json");
const SERVICE_SCHEMA: &str = include_str!("../../schemas/ecs-service.schema.json");

/// Every bundled schema, named: the ECS API's and CloudFormation's.
#[cfg(test)]
fn bundled_schemas() -> impl Iterator<Item = (&'static str, &'static str)> {
    [
        ("ECS task definition", TASK_DEFINITION_SCHEMA),
        ("ECS service", SERVICE_SCHEMA),
    ]
    .into_iter()
    .chain(cloudformation::TYPES.iter().copied())
}

fn compiled(kind: PartKind) -> &'static Compiled<false> {
    static TASK_DEFINITION: OnceLock<Compiled<false>> = OnceLock::new();
    static SERVICE: OnceLock<Compiled<false>> = OnceLock::new();
    static CONTAINER_DEFINITIONS: OnceLock<Compiled<false>> = OnceLock::new();
    let (cell, text) = match kind {
        PartKind::ContainerDefinitions => (&CONTAINER_DEFINITIONS, TASK_DEFINITION_SCHEMA),
        PartKind::TaskDefinition => (&TASK_DEFINITION, TASK_DEFINITION_SCHEMA),
        PartKind::Service => (&SERVICE, SERVICE_SCHEMA),
    };
    cell.get_or_init(|| {
        let mut schema: Json = serde_json::from_str(text).expect("bundled schema is valid JSON");
        if kind == PartKind::ContainerDefinitions {
            // The task definition's `containerDefinitions` list, on its own.
            let draft = schema["$schema"].clone();
            schema = schema["properties"]["containerDefinitions"].take();
            schema["$schema"] = draft;
        }
        compile(schema)
    })
}

fn compile<const T: bool>(schema: Json) -> Compiled<T> {
    let validator = jsonschema::options_for::<Spanned<T>>()
        .with_keyword("pattern", pattern::factory)
        .with_keyword(required::KEYWORD, required::factory::<T>)
        .build(&schema)
        .expect("bundled schema compiles");
    Compiled { schema, validator }
}

/// The `Properties` of a CloudFormation resource of a type ecslint models, against
/// CloudFormation's own resource provider schema (`schemas/cloudformation/`, extracted by
/// `scripts/extract_cfn_schemas.py`). `None` for other types. Errors at or inside an
/// intrinsic function (`!Ref`, `!If`, `!Sub`) are dropped: its value is not known here.
pub fn validate_resource(resource_type: &str, properties: &Node) -> Option<Vec<Violation>> {
    let index = cloudformation::TYPES
        .iter()
        .position(|(t, _)| *t == resource_type)?;
    static COMPILED: OnceLock<Vec<OnceLock<Compiled<true>>>> = OnceLock::new();
    let cells = COMPILED.get_or_init(|| {
        cloudformation::TYPES
            .iter()
            .map(|_| OnceLock::new())
            .collect()
    });
    let compiled = cells[index].get_or_init(|| {
        compile(
            serde_json::from_str(cloudformation::TYPES[index].1)
                .expect("bundled schema is valid JSON"),
        )
    });
    if compiled.validator.is_valid(NodeRef(properties)) {
        return Some(Vec::new());
    }
    Some(
        compiled
            .validator
            .iter_errors(NodeRef(properties))
            .filter(|error| !through_intrinsic(properties, error))
            .flat_map(|error| {
                let at = locate(properties, &error, Some("Properties"), true);
                violations_of(&compiled.schema, at, &error)
            })
            .collect(),
    )
}

/// The array element an instance path's index names: in a template, counted among the
/// elements the validator is shown (intrinsic functions are hidden from it).
fn element<'n, 's>(node: &'n Node<'s>, index: usize, template: bool) -> Option<&'n Node<'s>> {
    let items = node.as_array()?;
    if template {
        items.iter().filter(|item| !is_intrinsic(item)).nth(index)
    } else {
        items.get(index)
    }
}

/// Whether an error's instance path reaches an intrinsic function (`{"Ref": …}`,
/// `{"Fn::If": …}`), whose value is only known at deploy time.
fn through_intrinsic(root: &Node, error: &ValidationError) -> bool {
    let mut node = root;
    if is_intrinsic(node) {
        return true;
    }
    for segment in error.instance_path().segments() {
        let next = match segment {
            LocationSegment::Property(name) => node.get(&name),
            LocationSegment::Index(i) => element(node, i, true),
        };
        match next {
            Some(next) if is_intrinsic(next) => return true,
            Some(next) => node = next,
            None => return false,
        }
    }
    false
}

/// Validates one recognised part of a document.
pub fn validate(kind: PartKind, node: &Node) -> Vec<Violation> {
    let compiled = compiled(kind);
    // Most documents are valid, and `is_valid` stops at the first failure without building
    // errors: try it first.
    if compiled.validator.is_valid(NodeRef(node)) {
        return Vec::new();
    }
    compiled
        .validator
        .iter_errors(NodeRef(node))
        .flat_map(|error| {
            // Terraform's `container_definitions` list is the task definition's
            // `containerDefinitions`, on its own.
            let list = (kind == PartKind::ContainerDefinitions).then_some("containerDefinitions");
            let at = locate(node, &error, list, false);
            // A template placeholder (`"{{ must_env `PORT` }}"`) is filled in before
            // deployment: it satisfies `required`, and its type and value are not known yet.
            // A Terraform expression is likewise only known at apply time.
            let placeholder = at.node.as_str().is_some_and(is_placeholder)
                || matches!(at.node.value, Value::Expr(_));
            if placeholder {
                Vec::new()
            } else {
                violations_of(&compiled.schema, at, &error)
            }
        })
        .collect()
}

/// The node at an error's instance path, the name of the property holding it, and the
/// span of that property's key (where "missing" and "unknown" findings point).
struct Located<'n, 's> {
    node: &'n Node<'s>,
    property: Option<String>,
    key_span: Option<Span>,
}

/// `root_property` names the root when it is a property of something larger.
fn locate<'n, 's>(
    root: &'n Node<'s>,
    error: &ValidationError,
    root_property: Option<&str>,
    template: bool,
) -> Located<'n, 's> {
    let mut here = Located {
        node: root,
        property: root_property.map(str::to_string),
        key_span: None,
    };
    for segment in error.instance_path().segments() {
        let next = match segment {
            LocationSegment::Property(name) => here.node.entry(&name).map(|e| Located {
                node: &e.value,
                property: Some(name.to_string()),
                key_span: Some(e.key_span),
            }),
            LocationSegment::Index(i) => element(here.node, i, template).map(|n| Located {
                node: n,
                property: here.property.clone(),
                key_span: None,
            }),
        };
        match next {
            Some(next) => here = next,
            None => break,
        }
    }
    here
}

/// Each violation an error stands for: one per unknown property, else one.
fn violations_of(schema: &Json, at: Located, error: &ValidationError) -> Vec<Violation> {
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } if unexpected.len() > 1 => {
            unexpected
                .iter()
                .map(|key| unknown_property(schema, &at, error, key))
                .collect()
        }
        _ => vec![violation(schema, at, error)],
    }
}

fn unknown_property(schema: &Json, at: &Located, error: &ValidationError, key: &str) -> Violation {
    let allowed = allowed_properties(schema, error);
    let span = at.node.entry(key).map_or(at.node.span, |e| e.key_span);
    let suggestion = closest(key, allowed.iter().map(String::as_str));
    // The ECS API's camelCase name in a template, which spells it in PascalCase.
    let respelled = allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(key) && *a != key);
    Violation {
        span,
        message: format!("Unknown property `{key}` in {}", context(&at.property)),
        help: Some(match (respelled, suggestion) {
            (Some(r), _) if key.starts_with(|c: char| c.is_ascii_lowercase()) => {
                format!("CloudFormation spells it `{r}`.")
            }
            (Some(r), _) => format!("Did you mean `{r}`?"),
            (None, Some(s)) => format!("Did you mean `{s}`?"),
            (None, None) => "Remove it: AWS rejects properties it does not know.".to_string(),
        }),
    }
}

fn violation(schema: &Json, at: Located, error: &ValidationError) -> Violation {
    let name = at
        .property
        .as_deref()
        .map_or_else(|| "the document".to_string(), |p| format!("`{p}`"));
    let value_span = at.node.span;
    let plain = |message: String| Violation {
        span: value_span,
        message,
        help: None,
    };
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let key = unexpected.first().map(String::as_str).unwrap_or_default();
            unknown_property(schema, &at, error, key)
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. }
            if one_of_required(schema, error).is_some() =>
        {
            let names = one_of_required(schema, error).unwrap_or_default();
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            Violation {
                span: at.key_span.unwrap_or(value_span),
                message: format!("{name} needs {}", or_list(&quoted)),
                help: None,
            }
        }
        ValidationErrorKind::Custom { keyword, message } if keyword == required::KEYWORD => {
            let property = message.as_str();
            // Present but `null` or `""`: point at the empty value itself.
            if let Some(entry) = at.node.entry(property) {
                return Violation {
                    span: entry.value.span,
                    message: format!(
                        "`{property}` in {} is required, but it is empty",
                        context(&at.property)
                    ),
                    help: None,
                };
            }
            // Where the object is named, else at its first key (whole characters), else the
            // whole (empty) object.
            let first_key = at
                .node
                .as_object()
                .and_then(|e| e.first())
                .map(|e| e.key_span);
            Violation {
                span: at.key_span.or(first_key).unwrap_or(value_span),
                message: format!(
                    "Missing required property `{property}` in {}",
                    context(&at.property)
                ),
                help: None,
            }
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<&str> = options
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .collect();
            let found = at
                .node
                .as_str()
                .map_or_else(|| at.node.type_name().to_string(), |s| format!("`{s}`"));
            Violation {
                span: value_span,
                message: format!("{name} must be one of {}, not {found}", one_of(&options)),
                help: at
                    .node
                    .as_str()
                    .and_then(|s| closest(s, options.iter().copied()))
                    .map(|s| format!("Did you mean `{s}`?")),
            }
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let help = (expected == "a string" && at.node.as_str().is_none())
                .then(|| format!("Quote the value: the AWS API takes {name} as a string."));
            Violation {
                span: value_span,
                message: format!("{name} must be {expected}, not {}", at.node.type_name()),
                help,
            }
        }
        ValidationErrorKind::Maximum { limit } => plain(format!(
            "{name} must be at most {limit}, not {}",
            number_text(at.node)
        )),
        ValidationErrorKind::Minimum { limit } => plain(format!(
            "{name} must be at least {limit}, not {}",
            number_text(at.node)
        )),
        ValidationErrorKind::MaxItems { limit } => {
            plain(format!("{name} may have at most {limit} items"))
        }
        ValidationErrorKind::MinItems { limit } => {
            plain(format!("{name} must have at least {limit} item(s)"))
        }
        _ => plain(format!("{name}: {}", error.masked())),
    }
}

/// When the failed `anyOf`/`oneOf` lists alternatives that each require one property
/// (`Groups`, `Roles` or `Users` for an IAM policy), those properties.
fn one_of_required(schema: &Json, error: &ValidationError) -> Option<Vec<String>> {
    let alternatives = schema.pointer(error.schema_path().as_str())?.as_array()?;
    alternatives
        .iter()
        .map(|alternative| {
            let required = alternative.get("required")?.as_array()?;
            match required.as_slice() {
                [only] => only.as_str().map(str::to_string),
                _ => None,
            }
        })
        .collect()
}

/// The property names the schema allows where an unknown one was found, for suggestions.
fn allowed_properties(schema: &Json, error: &ValidationError) -> Vec<String> {
    let path = error.schema_path().as_str();
    let parent = path.strip_suffix("/additionalProperties").unwrap_or(path);
    schema
        .pointer(parent)
        .and_then(|s| s.get("properties"))
        .and_then(Json::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

fn context(property: &Option<String>) -> String {
    match property.as_deref() {
        None => "this document".to_string(),
        Some("containerDefinitions") => "a container definition".to_string(),
        Some(p) => format!("`{p}`"),
    }
}

fn one_of(options: &[&str]) -> String {
    let quoted: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
    or_list(&quoted)
}

fn article(type_name: &str) -> String {
    match type_name {
        "array" | "object" | "integer" => format!("an {type_name}"),
        "null" => "null".to_string(),
        other => format!("a {other}"),
    }
}

fn number_text(node: &Node) -> String {
    match &node.value {
        crate::source::tree::Value::Number(n) => n.to_string(),
        _ => node.type_name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;

    fn violations(kind: PartKind, text: &str) -> Vec<(String, String)> {
        let root = parse_json(text).unwrap();
        validate(kind, &root)
            .into_iter()
            .map(|v| (text[v.span.range()].to_string(), v.message))
            .collect()
    }

    #[test]
    fn locates_violations_on_the_offending_value() {
        let found = violations(
            PartKind::TaskDefinition,
            r#"{"networkMode": "awsvcp", "cpu": 256, "containerDefinitions": [{"name": "a", "image": "b",
                "privilege": true, "portMappings": [{"containerPort": 70000}]}]}"#,
        );
        assert!(
            found.contains(&(
                "\"awsvcp\"".into(),
                "`networkMode` must be one of `bridge`, `host`, `awsvpc` or `none`, not `awsvcp`"
                    .into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&("256".into(), "`cpu` must be a string, not a number".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "\"privilege\"".into(),
                "Unknown property `privilege` in a container definition".into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "70000".into(),
                "`containerPort` must be at most 65535, not 70000".into()
            )),
            "{found:?}"
        );
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn valid_documents_pass() {
        assert!(
            violations(
                PartKind::Service,
                r#"{"serviceName": "a", "desiredCount": 2, "launchType": "FARGATE"}"#
            )
            .is_empty()
        );
        let missing = violations(
            PartKind::TaskDefinition,
            r#"{"containerDefinitions": [{"image": "a"}]}"#,
        );
        assert_eq!(missing.len(), 1);
        assert!(missing[0].1.contains("Missing required property `name`"));
        // An image left for CI to fill in is not an error.
        assert!(
            violations(
                PartKind::TaskDefinition,
                r#"{"containerDefinitions": [{"name": "a"}]}"#
            )
            .is_empty()
        );
        // Unset values and template placeholders are not violations.
        let templated = r#"{"ipcMode": "", "pidMode": null, "containerDefinitions": [{"name": "a",
            "image": "{{ must_env `IMAGE` }}", "portMappings": [{"containerPort": "{{ .port }}"}]}]}"#;
        assert!(violations(PartKind::TaskDefinition, templated).is_empty());
        let empty = violations(
            PartKind::TaskDefinition,
            r#"{"containerDefinitions": [{"name": "", "image": ""}]}"#,
        );
        assert_eq!(
            empty,
            vec![(
                "\"\"".to_string(),
                "`name` in a container definition is required, but it is empty".to_string()
            )]
        );
    }

    #[test]
    fn a_property_set_by_an_intrinsic_function_is_present() {
        let rule = |priority: &str| -> Vec<String> {
            let text = format!(
                r#"{{"Actions": [{{"Type": "forward", "TargetGroupArn": {{"Ref": "Group"}}}}],
                    "Conditions": [] {priority}}}"#
            );
            validate_resource(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                &parse_json(&text).unwrap(),
            )
            .unwrap()
            .into_iter()
            .map(|v| v.message)
            .collect()
        };
        assert!(rule(r#", "Priority": {"Ref": "Priority"}"#).is_empty());
        assert_eq!(
            rule(""),
            ["Missing required property `Priority` in `Properties`"]
        );
        assert_eq!(
            rule(r#", "Priority": null"#),
            ["`Priority` in `Properties` is required, but it is empty"]
        );
    }
}
