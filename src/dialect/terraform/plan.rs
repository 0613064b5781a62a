//! Plan JSON (`terraform show -json plan.out`). Each resource change's planned values are the
//! resource; an attribute only known after apply (`after_unknown`) is set to an unknown value,
//! never missing, and the configuration's `references` say which resource it links to: a new
//! execution role's ARN is unknown, but it is `aws_iam_role.exec.arn`.

use rustc_hash::FxHashMap;

use crate::source::ParseError;
use crate::source::span::Span;
use crate::source::tree::{Entry, Expr, Node, Value};

use super::evaluate::{Resource, unknown};

/// Whether a document is a plan (or state) in Terraform's JSON output format.
pub fn is_plan(root: &Node) -> bool {
    root.get("format_version").is_some()
        && (root.get("resource_changes").is_some()
            || root.get("planned_values").is_some()
            || root
                .get("values")
                .is_some_and(|v| v.get("root_module").is_some()))
}

/// What a plan says: the resources it creates or keeps, and the account that applies it.
pub struct Plan {
    pub resources: Vec<Resource>,
    /// The accounts of its `aws_caller_identity` data sources, read while planning.
    pub caller_accounts: Vec<String>,
}

/// What a plan says, or why it cannot be read.
pub fn read(root: &Node) -> Result<Plan, ParseError> {
    let version = root.get("format_version").expect("a plan");
    // "Reject any input which reports an unsupported major version" (Terraform's JSON output
    // format documentation); minor versions only add.
    let supported = version
        .as_str()
        .and_then(|v| v.split('.').next())
        .is_some_and(|major| major == "0" || major == "1");
    if !supported {
        return Err(ParseError::new(
            "this plan's `format_version` is not one ecslint reads (0.x or 1.x); it was not linted",
            version.span,
        ));
    }
    let mut configured = FxHashMap::default();
    if let Some(module) = root.get("configuration").and_then(|c| c.get("root_module")) {
        configuration(module, "", &mut configured);
    }
    let mut data = FxHashMap::default();
    if let Some(module) = root
        .get("prior_state")
        .and_then(|s| s.get("values"))
        .and_then(|v| v.get("root_module"))
    {
        data_sources(module, &mut data);
    }
    let mut ec2_ids = FxHashMap::default();
    for resource in root
        .get("resource_changes")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        let after = resource.get("change").and_then(|c| c.get("after"));
        if let (Some(address), Some(id)) = (
            resource.get("address").and_then(Node::as_str),
            after.and_then(|a| a.get("id")).and_then(Node::as_str),
        ) && is_ec2_id(id)
        {
            ec2_ids.insert(id, without_keys(address));
        }
    }
    let context = Context {
        configured,
        data,
        ec2_ids,
    };
    let caller_accounts = caller_accounts(&context.data);
    let resources = match root.get("resource_changes").and_then(Node::as_array) {
        Some(changes) => changes
            .iter()
            .filter_map(|change| context.resource(change))
            .collect(),
        // `terraform show -json` of a state, or a plan without changes: the values only.
        None => {
            let mut out = Vec::new();
            let values = root.get("planned_values").or_else(|| root.get("values"));
            if let Some(module) = values.and_then(|v| v.get("root_module")) {
                context.values(module, &mut out);
            }
            out
        }
    };
    Ok(Plan {
        resources,
        caller_accounts,
    })
}

struct Context<'n, 's> {
    /// Each resource's configuration (its `expressions` and `depends_on`), by address
    /// without instance keys.
    configured: FxHashMap<String, &'n Node<'s>>,
    /// Data sources read while planning, by address.
    data: FxHashMap<String, &'n Node<'s>>,
    /// The resources of the plan that exist already with an EC2 id (`subnet-…`, `rtb-…`),
    /// by that id: where the plan writes such an id, it names that resource.
    ec2_ids: FxHashMap<&'n str, String>,
}

impl<'n, 's> Context<'n, 's> {
    fn resource(&self, change: &'n Node<'s>) -> Option<Resource> {
        if change.get("mode").and_then(Node::as_str) != Some("managed") {
            return None;
        }
        let address = change.get("address")?;
        let kind = change.get("type")?.as_str()?;
        let planned = change.get("change")?;
        let actions = planned
            .get("actions")
            .and_then(Node::as_array)
            .unwrap_or_default();
        if actions.iter().all(|a| a.as_str() == Some("delete")) {
            return None;
        }
        let after = planned.get("after").filter(|a| a.as_object().is_some())?;
        let id = without_keys(address.as_str()?);
        let prefix = change
            .get("module_address")
            .and_then(Node::as_str)
            .map(|m| format!("{}.", without_keys(m)))
            .unwrap_or_default();
        let body = self.merge(
            after,
            planned.get("after_unknown"),
            self.expressions(&id),
            &prefix,
        );
        Some(Resource {
            dependencies: self.dependencies(&id, &prefix),
            id,
            kind: kind.to_string(),
            id_span: address.span,
            body,
            origins: FxHashMap::default(),
        })
    }

    fn expressions(&self, id: &str) -> Option<&'n Node<'s>> {
        self.configured.get(id)?.get("expressions")
    }

    /// The resources the configuration of `id` references or names in `depends_on`, as
    /// addresses without instance keys.
    fn dependencies(&self, id: &str, prefix: &str) -> Vec<String> {
        let Some(configured) = self.configured.get(id) else {
            return Vec::new();
        };
        let named = configured.get("depends_on").into_iter();
        let referenced = configured
            .get("expressions")
            .into_iter()
            .flat_map(Node::descendants)
            .filter_map(|node| node.get("references"));
        named
            .chain(referenced)
            .flat_map(|list| list.as_array().unwrap_or_default())
            .filter_map(Node::as_str)
            .filter_map(|reference| {
                resource_address(&without_keys(reference), prefix).map(|(address, _)| address)
            })
            .collect()
    }

    /// The managed resources of a values representation (`planned_values`, a state's
    /// `values`), through its child modules.
    fn values(&self, module: &'n Node<'s>, out: &mut Vec<Resource>) {
        for resource in module
            .get("resources")
            .and_then(Node::as_array)
            .unwrap_or_default()
        {
            if resource.get("mode").and_then(Node::as_str) != Some("managed") {
                continue;
            }
            let (Some(address), Some(kind), Some(values)) = (
                resource.get("address"),
                resource.get("type").and_then(Node::as_str),
                resource.get("values"),
            ) else {
                continue;
            };
            let Some(id) = address.as_str().map(without_keys) else {
                continue;
            };
            // `module.a.aws_x.y`: what comes before the type and the name.
            let prefix = match id.rsplitn(3, '.').nth(2) {
                Some(module) => format!("{module}."),
                None => String::new(),
            };
            out.push(Resource {
                body: self.merge(values, None, self.expressions(&id), &prefix),
                dependencies: self.dependencies(&id, &prefix),
                id,
                kind: kind.to_string(),
                id_span: address.span,
                origins: FxHashMap::default(),
            });
        }
        for child in module
            .get("child_modules")
            .and_then(Node::as_array)
            .unwrap_or_default()
        {
            self.values(child, out);
        }
    }

    /// A planned value with what is unknown marked so, and linked where the configuration
    /// says what it refers to.
    fn merge(
        &self,
        after: &Node,
        unknown_at: Option<&Node>,
        expressions: Option<&Node>,
        prefix: &str,
    ) -> Node<'static> {
        if unknown_at.is_some_and(|u| u.value == Value::Bool(true)) {
            return self.reference(expressions, after.span, prefix);
        }
        match &after.value {
            Value::Object(entries) => {
                let mut merged: Vec<Entry<'static>> = entries
                    .iter()
                    .map(|e| Entry {
                        key: e.key.to_string().into(),
                        key_span: e.key_span,
                        value: self.merge(
                            &e.value,
                            unknown_at.and_then(|u| u.get(&e.key)),
                            expressions.and_then(|x| x.get(&e.key)),
                            prefix,
                        ),
                    })
                    .collect();
                // Unknown attributes are left out of `after`: they are set, to a value
                // known only after apply.
                for entry in unknown_at.and_then(Node::as_object).unwrap_or_default() {
                    if entry.value.value == Value::Bool(true) && after.get(&entry.key).is_none() {
                        merged.push(Entry {
                            key: entry.key.to_string().into(),
                            key_span: entry.key_span,
                            value: self.reference(
                                expressions.and_then(|x| x.get(&entry.key)),
                                entry.value.span,
                                prefix,
                            ),
                        });
                    }
                }
                Node::new(after.span, Value::Object(merged.into()))
            }
            Value::Array(items) => Node::new(
                after.span,
                Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            self.merge(
                                item,
                                unknown_at.and_then(Node::as_array).and_then(|u| u.get(i)),
                                expressions.and_then(|x| match x.as_array() {
                                    Some(blocks) => blocks.get(i),
                                    None => None,
                                }),
                                prefix,
                            )
                        })
                        .collect(),
                ),
            ),
            // Names and ARNs have no spaces: a string with one is built (user data), not
            // the identity of the resource it mentions.
            Value::String(known)
                if !known.starts_with(['[', '{']) && !known.contains(char::is_whitespace) =>
            {
                self.identity(expressions, after.span, prefix)
                    .or_else(|| self.ec2_resource(known, after.span))
                    .unwrap_or_else(|| after.to_owned_at(0))
            }
            _ => after.to_owned_at(0),
        }
    }

    /// A known value that names another resource of the plan (`cluster =
    /// aws_ecs_cluster.main.name`, whose name is set literally) is that resource: the link,
    /// not the name, is what the graph follows. Only an expression that is one reference to
    /// a resource's identity is taken so; documents and built strings stay values.
    fn identity(
        &self,
        expressions: Option<&Node>,
        span: Span,
        prefix: &str,
    ) -> Option<Node<'static>> {
        let references = expressions?.get("references")?.as_array()?;
        let first = without_keys(references.first()?.as_str()?);
        let (resource, attribute) = first.rsplit_once('.')?;
        let only_one = references
            .iter()
            .filter_map(Node::as_str)
            .all(|r| without_keys(r) == first || without_keys(r) == resource);
        let identity = matches!(attribute, "arn" | "id" | "name");
        if !only_one
            || !identity
            || resource.split('.').count() != 2
            || resource.starts_with("var.")
            || resource.starts_with("local.")
        {
            return None;
        }
        Some(Node::new(
            span,
            Value::Expr(Box::new(Expr::Link {
                id: format!("{prefix}{resource}"),
                attribute: Some(attribute.to_string()),
            })),
        ))
    }

    /// A known EC2 id of a resource in the plan is that resource, as a reference to it
    /// would be: a subnet written in a list by its id and the same subnet referenced alone
    /// (which [`Context::identity`] links) are then one.
    fn ec2_resource(&self, known: &str, span: Span) -> Option<Node<'static>> {
        let id = self.ec2_ids.get(known)?;
        Some(Node::new(
            span,
            Value::Expr(Box::new(Expr::Link {
                id: id.clone(),
                attribute: Some("id".to_string()),
            })),
        ))
    }

    /// An unknown value: a link to the resource its expression refers to, a data source's
    /// document read while planning, or simply unknown.
    fn reference(&self, expression: Option<&Node>, span: Span, prefix: &str) -> Node<'static> {
        let references = expression
            .and_then(|x| x.get("references"))
            .and_then(Node::as_array)
            .unwrap_or_default();
        let Some(first) = references.first().and_then(Node::as_str) else {
            return unknown(span);
        };
        let reference = without_keys(first);
        let Some((id, attribute)) = resource_address(&reference, prefix) else {
            return unknown(span);
        };
        if let Some(values) = self.data.get(&id)
            && let Some(attribute) = attribute
            && let Some(value) = values.get(attribute)
        {
            return value.to_owned_at(0);
        }
        Node::new(
            span,
            Value::Expr(Box::new(Expr::Link {
                id,
                attribute: attribute.map(str::to_string),
            })),
        )
    }
}

/// Whether `id` has the form of an EC2 resource id: a lowercase prefix naming the type and 8
/// or 17 hexadecimal digits (`subnet-0123456789abcdef0`, `rtb-1a2b3c4d`; Amazon EC2 User
/// Guide, "Resource IDs"). Unlike names, such ids are unique.
fn is_ec2_id(id: &str) -> bool {
    let Some((prefix, digits)) = id.rsplit_once('-') else {
        return false;
    };
    !prefix.is_empty()
        && prefix.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && matches!(digits.len(), 8 | 17)
        && digits
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The resource (or data source) a configuration reference (`aws_lb.main.arn`) names, with
/// the attribute it reads: `None` for variables, locals, module outputs and the like.
fn resource_address<'r>(reference: &'r str, prefix: &str) -> Option<(String, Option<&'r str>)> {
    let parts: Vec<&str> = reference.split('.').collect();
    match parts.as_slice() {
        [
            "var" | "local" | "each" | "count" | "path" | "module" | "self" | "terraform",
            ..,
        ] => None,
        ["data", kind, name, rest @ ..] => {
            Some((format!("{prefix}data.{kind}.{name}"), rest.first().copied()))
        }
        [kind, name, rest @ ..] => Some((format!("{prefix}{kind}.{name}"), rest.first().copied())),
        _ => None,
    }
}

/// Every resource's configuration, through module calls.
fn configuration<'n, 's>(
    module: &'n Node<'s>,
    prefix: &str,
    out: &mut FxHashMap<String, &'n Node<'s>>,
) {
    for resource in module
        .get("resources")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        if let Some(address) = resource.get("address").and_then(Node::as_str) {
            out.insert(format!("{prefix}{address}"), resource);
        }
    }
    for call in module
        .get("module_calls")
        .and_then(Node::as_object)
        .unwrap_or_default()
    {
        if let Some(child) = call.value.get("module") {
            configuration(child, &format!("{prefix}module.{}.", call.key), out);
        }
    }
}

/// The accounts of the `aws_caller_identity` data sources among `data`: the account that
/// applies the plan.
fn caller_accounts(data: &FxHashMap<String, &Node>) -> Vec<String> {
    let mut accounts: Vec<String> = data
        .iter()
        .filter(|(address, _)| {
            address
                .rsplit('.')
                .nth(1)
                .is_some_and(|kind| kind == "aws_caller_identity")
        })
        .filter_map(|(_, values)| Some(values.get("account_id")?.as_str()?.to_string()))
        .collect();
    accounts.sort_unstable();
    accounts.dedup();
    accounts
}

/// Data sources' values in a state's modules, by address.
fn data_sources<'n, 's>(module: &'n Node<'s>, out: &mut FxHashMap<String, &'n Node<'s>>) {
    for resource in module
        .get("resources")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        if resource.get("mode").and_then(Node::as_str) == Some("data")
            && let (Some(address), Some(values)) = (
                resource.get("address").and_then(Node::as_str),
                resource.get("values"),
            )
        {
            out.insert(without_keys(address), values);
        }
    }
    for child in module
        .get("child_modules")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        data_sources(child, out);
    }
}

/// An address without its instance keys: `module.svc["a"].aws_ecs_service.web[0]` is
/// `module.svc.aws_ecs_service.web`.
fn without_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut quoted = false;
    for c in address.chars() {
        match c {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec2_ids_are_told_from_names() {
        for id in [
            "subnet-0123456789abcdef0",
            "rtb-1a2b3c4d",
            "eipalloc-0123456789abcdef0",
        ] {
            assert!(is_ec2_id(id), "{id}");
        }
        for name in [
            "my-subnet",
            "subnet-0123456789ABCDEF0",
            "subnet-123",
            "-1a2b3c4d",
            "ecs-task-role",
            "web-deadbeef0",
        ] {
            assert!(!is_ec2_id(name), "{name}");
        }
    }

    #[test]
    fn addresses_lose_their_keys() {
        assert_eq!(
            without_keys(r#"module.svc["a.b]"].aws_ecs_service.web[0]"#),
            "module.svc.aws_ecs_service.web"
        );
    }
}
