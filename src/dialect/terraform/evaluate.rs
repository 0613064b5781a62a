//! Evaluating configuration as far as a linter can know it for certain: literals, variables
//! (caller arguments, `tfvars`, defaults), locals, `jsonencode`, files read by `file` and
//! `templatefile`, `aws_iam_policy_document` data sources and references between resources.
//! Everything else becomes [`Expr::Unknown`], which no rule reports on.

use std::borrow::Cow;
use std::path::PathBuf;

use rustc_hash::FxHashMap;

use crate::source::sources::Sources;
use crate::source::span::{Origin, Span};
use crate::source::tree::{Entry, Expr, Node, Step, Value};

use super::config::Block;
use super::hcl;
use super::load::Unit;

/// How deep references are followed (`local.a` → `local.b` → …); a cycle stops here.
const MAX_DEPTH: usize = 32;
/// The largest file `file()` reads.
const MAX_READ_BYTES: u64 = 16 << 20;

/// A resource with its body evaluated.
#[derive(Debug)]
pub struct Resource {
    /// The address without instance keys: `module.api.aws_ecs_service.web`.
    pub id: String,
    pub kind: String,
    /// The resource's name label.
    pub id_span: Span,
    pub body: Node<'static>,
    /// The addresses of the resources it is created after: those it references and those
    /// its `depends_on` names.
    pub dependencies: Vec<String>,
    /// Where values reached through variables and locals were written, by the span of the
    /// reference (each resource has its own: a module's `var.cpu` differs per call).
    pub origins: FxHashMap<Span, Origin>,
}

/// A variable set to one of the values its validation allows, instead of its default: one
/// scenario of the module.
pub struct Setting<'u> {
    pub instance: usize,
    pub name: String,
    pub value: &'u Node<'static>,
}

/// The evaluated resources, and the variables with allowed values whose defaults they used
/// (each an input the module can be deployed with otherwise).
pub struct Evaluation {
    pub resources: Vec<Resource>,
    pub consulted: Vec<(usize, String)>,
}

/// The values a variable's validation allows: `condition = contains([…], var.x)`.
pub fn allowed_values<'u>(unit: &'u Unit, instance: usize, name: &str) -> &'u [Node<'static>] {
    let Some(variable) = unit.module_of(instance).variable(name) else {
        return &[];
    };
    let validations = variable
        .body
        .get("validation")
        .and_then(Node::as_array)
        .unwrap_or_default();
    validations
        .iter()
        .filter_map(|v| v.get("condition"))
        .find_map(|condition| {
            let Value::Expr(e) = &condition.value else {
                return None;
            };
            let Expr::Call { name: function, args } = &**e else {
                return None;
            };
            let [list, Node { value: Value::Expr(of), .. }] = args.as_slice() else {
                return None;
            };
            let Expr::Traversal(steps) = &**of else {
                return None;
            };
            let names_it = matches!(steps.as_slice(), [Step::Name(root), Step::Name(var)] if root == "var" && var == name);
            (function == "contains" && names_it).then(|| list.as_array()).flatten()
        })
        .unwrap_or_default()
}

/// Evaluates every managed resource of every instance in the unit, with `setting` if given.
pub fn resources(unit: &Unit, sources: &mut Sources, setting: Option<&Setting>) -> Evaluation {
    let mut out = Vec::new();
    let mut eval = Eval {
        unit,
        sources,
        origins: FxHashMap::default(),
        depth: 0,
        setting,
        consulted: Vec::new(),
    };
    for (index, instance) in unit.instances.iter().enumerate() {
        let module = &unit.modules[instance.module];
        for block in module.blocks.iter().filter(|b| b.kind == "resource") {
            let (Some(kind), Some(name)) = (block.label(0), block.label(1)) else {
                continue;
            };
            if eval.absent(block, index) {
                continue;
            }
            let body = eval.eval(&block.body, index);
            out.push(Resource {
                id: format!("{}{}.{}", instance.prefix, kind.value, name.value),
                kind: kind.value.clone(),
                id_span: name.span,
                dependencies: links(&body),
                body,
                origins: std::mem::take(&mut eval.origins),
            });
        }
    }
    Evaluation {
        resources: out,
        consulted: eval.consulted,
    }
}

struct Eval<'u, 's, 'c> {
    unit: &'u Unit,
    sources: &'s mut Sources,
    origins: FxHashMap<Span, Origin>,
    depth: usize,
    setting: Option<&'c Setting<'c>>,
    consulted: Vec<(usize, String)>,
}

impl<'u> Eval<'u, '_, '_> {
    /// Whether `count = 0` (or a condition that makes it 0) removes the resource.
    fn absent(&mut self, block: &'u Block, instance: usize) -> bool {
        let Some(count) = block.body.get("count") else {
            return false;
        };
        matches!(self.eval(count, instance).value, Value::Number(n) if n == "0")
    }

    fn eval(&mut self, node: &'u Node<'static>, instance: usize) -> Node<'static> {
        if self.depth > MAX_DEPTH {
            return unknown(node.span);
        }
        self.depth += 1;
        let value = match &node.value {
            Value::Array(items) => {
                Value::Array(items.iter().map(|n| self.eval(n, instance)).collect())
            }
            Value::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| Entry {
                        key: e.key.clone(),
                        key_span: e.key_span,
                        value: self.eval(&e.value, instance),
                    })
                    .collect(),
            ),
            Value::Expr(expr) => {
                let result = self.expr(expr, node.span, instance);
                self.depth -= 1;
                return result;
            }
            other => other.clone(),
        };
        self.depth -= 1;
        Node::new(node.span, value)
    }

    fn expr(&mut self, expr: &'u Expr<'static>, span: Span, instance: usize) -> Node<'static> {
        match expr {
            Expr::Traversal(steps) => self.traversal(steps, span, instance),
            Expr::Call { name, args } => self.call(name, args, span, instance),
            Expr::Template(parts) => {
                let parts: Vec<_> = parts.iter().map(|p| self.eval(p, instance)).collect();
                template(parts, span)
            }
            Expr::Conditional(branches) => {
                let [condition, yes, no] = &**branches;
                match self.eval(condition, instance).value {
                    Value::Bool(true) => self.eval(yes, instance),
                    Value::Bool(false) => self.eval(no, instance),
                    _ => unknown(span),
                }
            }
            Expr::Compare { equal, operands } => {
                let [a, b] = &**operands;
                let (a, b) = (self.eval(a, instance), self.eval(b, instance));
                match (a.scalar_text(), b.scalar_text()) {
                    (Some(x), Some(y)) => Node::new(span, Value::Bool((x == y) == *equal)),
                    _ => unknown(span),
                }
            }
            Expr::Not(operand) => match self.eval(operand, instance).value {
                Value::Bool(b) => Node::new(span, Value::Bool(!b)),
                _ => unknown(span),
            },
            _ => unknown(span),
        }
    }

    fn traversal(
        &mut self,
        steps: &'u [Step<'static>],
        span: Span,
        instance: usize,
    ) -> Node<'static> {
        let Some(Step::Name(root)) = steps.first() else {
            return unknown(span);
        };
        let name = |i: usize| match steps.get(i) {
            Some(Step::Name(n)) => Some(n.as_ref()),
            _ => None,
        };
        let module = self.unit.module_of(instance);
        let (value, rest) = match root.as_ref() {
            "var" => {
                let Some(var) = name(1) else {
                    return unknown(span);
                };
                (self.variable(var, span, instance), 2)
            }
            "local" => {
                let Some((value, _)) = name(1).and_then(|n| module.local(n)) else {
                    return unknown(span);
                };
                let what = format!("local `{}`", name(1).unwrap_or_default());
                let value = self.eval(value, instance);
                (self.relocate(value, span, what), 2)
            }
            "path" => match name(1) {
                Some("module") => (string(span, crate::display_path(&module.dir)), 2),
                Some("root") => (
                    string(span, crate::display_path(&self.unit.modules[0].dir)),
                    2,
                ),
                Some("cwd") => (string(span, ".".to_string()), 2),
                _ => return unknown(span),
            },
            "data" => {
                let (Some(kind), Some(label)) = (name(1), name(2)) else {
                    return unknown(span);
                };
                if kind == "aws_iam_policy_document"
                    && matches!(name(3), Some("json" | "minified_json"))
                    && let Some(block) = module.data(kind, label)
                {
                    let body = self.eval(&block.body, instance);
                    return policy_document(&body, span);
                }
                return link(
                    span,
                    format!(
                        "{}data.{kind}.{label}",
                        self.unit.instances[instance].prefix
                    ),
                    attribute(&steps[3..]),
                );
            }
            "module" | "each" | "count" | "self" | "terraform" => return unknown(span),
            kind => {
                let Some(label) = name(1) else {
                    return unknown(span);
                };
                return link(
                    span,
                    format!("{}{kind}.{label}", self.unit.instances[instance].prefix),
                    attribute(&steps[2..]),
                );
            }
        };
        self.index(value, &steps[rest..], span, instance)
    }

    /// A variable's value in an instance: the calling block's argument, `tfvars` at the
    /// root, or the default.
    fn variable(&mut self, name: &str, span: Span, instance: usize) -> Node<'static> {
        let unit = self.unit;
        if let Some(call) = &unit.instances[instance].call {
            let block = &unit.module_of(call.caller).blocks[call.block];
            if let Some(argument) = block.body.get(name) {
                let value = self.eval(argument, call.caller);
                let what = format!("the argument `{name}` of module `{}`", call.name);
                return self.relocate(value, span, what);
            }
        } else if let Some(value) = unit.tfvars.get(name) {
            let value = self.eval(value, instance);
            let file = self
                .sources
                .file_at(value.span.start)
                .map_or("the variable files", |f| {
                    f.path.rsplit('/').next().unwrap_or(&f.path)
                });
            let what = format!("`{name}` in {file}");
            return self.relocate(value, span, what);
        }
        if let Some(setting) = self.setting
            && setting.instance == instance
            && setting.name == name
        {
            let value = setting.value.clone();
            return self.relocate(
                value,
                span,
                format!("an allowed value of variable `{name}`"),
            );
        }
        if !allowed_values(unit, instance, name).is_empty()
            && !self
                .consulted
                .iter()
                .any(|(i, n)| *i == instance && n == name)
        {
            self.consulted.push((instance, name.to_string()));
        }
        match unit
            .module_of(instance)
            .variable(name)
            .and_then(|v| v.body.get("default"))
        {
            Some(default) if default.value != Value::Null => {
                let value = self.eval(default, instance);
                self.relocate(value, span, format!("the default of variable `{name}`"))
            }
            _ => unknown(span),
        }
    }

    /// Steps into a value: `.name`, `[0]`, `["key"]`; count and `for_each` keys of
    /// resources are not values, so unknown.
    fn index(
        &mut self,
        mut value: Node<'static>,
        steps: &'u [Step<'static>],
        span: Span,
        instance: usize,
    ) -> Node<'static> {
        for step in steps {
            let key = match step {
                Step::Name(n) => Some(n.to_string()),
                Step::Index(i) => self.eval(i, instance).scalar_text(),
                // Every element of a value: not followed.
                Step::Splat => None,
            };
            let next = match (&value.value, key) {
                (Value::Object(_), Some(key)) => value.get(&key).cloned(),
                (Value::Array(items), Some(key)) => key
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i).cloned()),
                _ => None,
            };
            value = next.unwrap_or_else(|| unknown(span));
        }
        value
    }

    /// A scalar reached through a reference is reported where the reference is written,
    /// with where it was written as its origin. Structures keep their own spans.
    fn relocate(&mut self, mut value: Node<'static>, span: Span, what: String) -> Node<'static> {
        if matches!(value.value, Value::Array(_) | Value::Object(_)) {
            return value;
        }
        if !matches!(value.value, Value::Expr(_)) {
            let origin = self.origins.get(&value.span).cloned().unwrap_or(Origin {
                span: value.span,
                what,
            });
            self.origins.insert(span, origin);
        }
        value.span = span;
        value
    }

    fn call(
        &mut self,
        name: &str,
        args: &'u [Node<'static>],
        span: Span,
        instance: usize,
    ) -> Node<'static> {
        let arg = |i: usize, eval: &mut Self| args.get(i).map(|a| eval.eval(a, instance));
        match (name, args.len()) {
            // A JSON document written as an HCL value is that value.
            ("jsonencode", 1) => arg(0, self).unwrap_or_else(|| unknown(span)),
            ("tostring", 1) => match arg(0, self) {
                Some(Node {
                    span: at,
                    value: Value::Number(n),
                }) => Node::new(at, Value::String(n)),
                Some(Node {
                    span: at,
                    value: Value::Bool(b),
                }) => string(at, b.to_string()),
                Some(
                    node @ Node {
                        value: Value::String(_),
                        ..
                    },
                ) => node,
                _ => unknown(span),
            },
            ("tonumber", 1) => match arg(0, self) {
                Some(Node {
                    span: at,
                    value: Value::String(s),
                }) if s.trim().parse::<f64>().is_ok() => Node::new(at, Value::Number(s)),
                Some(
                    node @ Node {
                        value: Value::Number(_),
                        ..
                    },
                ) => node,
                _ => unknown(span),
            },
            ("trimspace" | "chomp", 1) => match arg(0, self) {
                Some(Node {
                    span: at,
                    value: Value::String(s),
                }) => {
                    let trimmed = if name == "chomp" {
                        s.trim_end_matches(['\n', '\r'])
                    } else {
                        s.trim()
                    };
                    string(at, trimmed.to_string())
                }
                _ => unknown(span),
            },
            // User data is read as the text it encodes.
            ("base64encode" | "base64gzip", 1) => arg(0, self).unwrap_or_else(|| unknown(span)),
            ("file" | "filebase64", 1) => match arg(0, self).as_ref().and_then(Node::as_str) {
                Some(path) => self.read(path, instance).unwrap_or_else(|| unknown(span)),
                None => unknown(span),
            },
            ("templatefile", 2) => {
                let path = arg(0, self);
                let vars = arg(1, self);
                match (path.as_ref().and_then(Node::as_str), vars) {
                    (Some(path), Some(vars)) if vars.as_object().is_some() => self
                        .render(path, vars, instance)
                        .unwrap_or_else(|| unknown(span)),
                    _ => unknown(span),
                }
            }
            ("merge", _) => {
                let mut entries: Vec<Entry<'static>> = Vec::new();
                for i in 0..args.len() {
                    match arg(i, self).map(|n| n.value) {
                        Some(Value::Object(more)) => {
                            for entry in more {
                                entries.retain(|e| e.key != entry.key);
                                entries.push(entry);
                            }
                        }
                        _ => return unknown(span),
                    }
                }
                Node::new(span, Value::Object(entries.into()))
            }
            ("concat", _) => {
                let mut items = Vec::new();
                for i in 0..args.len() {
                    match arg(i, self).map(|n| n.value) {
                        Some(Value::Array(more)) => items.extend(more),
                        _ => return unknown(span),
                    }
                }
                Node::new(span, Value::Array(items))
            }
            ("lower" | "upper", 1) => match arg(0, self) {
                Some(Node {
                    span: at,
                    value: Value::String(s),
                }) => {
                    let s = if name == "lower" {
                        s.to_lowercase()
                    } else {
                        s.to_uppercase()
                    };
                    Node::new(at, Value::String(Cow::Owned(s)))
                }
                _ => unknown(span),
            },
            _ => unknown(span),
        }
    }

    /// A file a module reads, relative to the module's directory or else the working
    /// directory: its text, located in the sources so findings point into it.
    fn read(&mut self, path: &str, instance: usize) -> Option<Node<'static>> {
        let dir = &self.unit.module_of(instance).dir;
        let candidates = [dir.join(path), PathBuf::from(path)];
        let found = candidates.iter().find(|p| p.is_file())?;
        let name = crate::display_path(&super::load::normalize(found));
        if let Some(file) = self.sources.find(&name) {
            let text = self.sources.text[file.span.range()].to_string();
            return Some(string(file.span, text));
        }
        if std::fs::metadata(found).ok()?.len() > MAX_READ_BYTES {
            return None;
        }
        let bytes = std::fs::read(found).ok()?;
        let text = std::str::from_utf8(&bytes).ok()?;
        let start = self.sources.add(name, text);
        Some(string(
            Span::new(start, start + text.len()),
            text.to_string(),
        ))
    }

    /// `templatefile(path, vars)`: the file with its interpolations filled from `vars`;
    /// unknown unless every one of them is known.
    fn render(
        &mut self,
        path: &str,
        vars: Node<'static>,
        instance: usize,
    ) -> Option<Node<'static>> {
        let file = self.read(path, instance)?;
        let text = file.as_str()?;
        let parsed = hcl::template(text, file.span.start as usize, file.span);
        let rendered = match &parsed.value {
            Value::Expr(e) => match &**e {
                Expr::Template(parts) => {
                    template(parts.iter().map(|p| fill(p, &vars)).collect(), file.span)
                }
                _ => unknown(file.span),
            },
            _ => file.clone(),
        };
        match rendered.value {
            Value::String(_) => Some(rendered),
            _ => None,
        }
    }
}

/// A `templatefile` interpolation filled from the template's variables: `${cpu}`,
/// `${config.cpu}`; anything else is unknown.
fn fill(part: &Node<'static>, vars: &Node<'static>) -> Node<'static> {
    let Value::Expr(e) = &part.value else {
        return part.clone();
    };
    let Expr::Traversal(steps) = &**e else {
        return unknown(part.span);
    };
    let mut value = Some(vars);
    for step in steps {
        value = match step {
            Step::Name(n) => value.and_then(|v| v.get(n)),
            Step::Index(_) | Step::Splat => None,
        };
    }
    value.cloned().unwrap_or_else(|| unknown(part.span))
}

/// A template's evaluated parts as one value: a lone interpolation keeps its type
/// (`"${var.cpu}"` is the number); otherwise a string, partial when some part is unknown.
fn template(mut parts: Vec<Node<'static>>, span: Span) -> Node<'static> {
    if parts.len() == 1 && !matches!(parts[0].value, Value::String(_)) {
        return parts.remove(0);
    }
    let mut text = String::new();
    let mut partial = false;
    for part in &parts {
        match &part.value {
            Value::Expr(e) => {
                partial = true;
                match &**e {
                    Expr::Link { id, attribute } => {
                        text.push_str("${");
                        text.push_str(id);
                        if let Some(attribute) = attribute {
                            text.push('.');
                            text.push_str(attribute);
                        }
                        text.push('}');
                    }
                    Expr::Partial(s) => text.push_str(s),
                    _ => text.push_str("${…}"),
                }
            }
            _ => match part.scalar_text() {
                Some(s) => text.push_str(&s),
                None => {
                    partial = true;
                    text.push_str("${…}");
                }
            },
        }
    }
    let value = if partial {
        Value::Expr(Box::new(Expr::Partial(text)))
    } else {
        Value::String(Cow::Owned(text))
    };
    Node::new(span, value)
}

/// The JSON document an `aws_iam_policy_document` data source produces, built from its
/// evaluated body with the HCL's spans: `actions` becomes `Action` where `actions` is
/// written.
fn policy_document(body: &Node<'static>, span: Span) -> Node<'static> {
    let Some(statements) = body.get("statement") else {
        return Node::new(span, Value::Object(vec![version(span)].into()));
    };
    let Some(statements) = statements.as_array() else {
        return unknown(span);
    };
    let statements = statements.iter().map(statement).collect();
    let version_entry = match body.entry("version") {
        Some(e) => Entry {
            key: "Version".into(),
            key_span: e.key_span,
            value: e.value.clone(),
        },
        None => version(span),
    };
    let statement_span = body.entry("statement").map_or(span, |e| e.key_span);
    Node::new(
        body.span,
        Value::Object(
            vec![
                version_entry,
                Entry {
                    key: "Statement".into(),
                    key_span: statement_span,
                    value: Node::new(statement_span, Value::Array(statements)),
                },
            ]
            .into(),
        ),
    )
}

fn version(span: Span) -> Entry<'static> {
    Entry {
        key: "Version".into(),
        key_span: span,
        value: Node::new(span, Value::String("2012-10-17".into())),
    }
}

fn statement(block: &Node<'static>) -> Node<'static> {
    const RENAMED: [(&str, &str); 6] = [
        ("sid", "Sid"),
        ("effect", "Effect"),
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ];
    let mut entries = Vec::new();
    if block.get("effect").is_none() {
        // The data source's `effect` defaults to `Allow`.
        entries.push(Entry {
            key: "Effect".into(),
            key_span: block.span,
            value: Node::new(block.span, Value::String("Allow".into())),
        });
    }
    for entry in block.as_object().unwrap_or_default() {
        let key = match entry.key.as_ref() {
            "principals" => "Principal",
            "not_principals" => "NotPrincipal",
            "condition" => "Condition",
            other => match RENAMED.iter().find(|(tf, _)| *tf == other) {
                Some((_, json)) => json,
                None => continue,
            },
        };
        let value = match key {
            "Principal" | "NotPrincipal" => principals(&entry.value),
            "Condition" => conditions(&entry.value),
            _ => entry.value.clone(),
        };
        entries.push(Entry {
            key: key.into(),
            key_span: entry.key_span,
            value,
        });
    }
    Node::new(block.span, Value::Object(entries.into()))
}

/// `principals { type = "Service", identifiers = [...] }` blocks as `{"Service": [...]}`;
/// `type = "*"` with `identifiers = ["*"]` is `"*"`.
fn principals(blocks: &Node<'static>) -> Node<'static> {
    keyed(blocks, "type", "identifiers", |key, value| {
        (key == "*").then(|| Node::new(value.span, Value::String("*".into())))
    })
}

/// `condition { test, variable, values }` blocks as `{"test": {"variable": values}}`.
fn conditions(blocks: &Node<'static>) -> Node<'static> {
    let Some(items) = blocks.as_array() else {
        return unknown(blocks.span);
    };
    let mut tests: Vec<Entry<'static>> = Vec::new();
    for item in items {
        let (Some(test), Some(variable), Some(values)) =
            (item.get("test"), item.get("variable"), item.get("values"))
        else {
            return unknown(blocks.span);
        };
        let (Some(test_name), Some(variable_name)) = (test.as_str(), variable.as_str()) else {
            return unknown(blocks.span);
        };
        let member = Entry {
            key: variable_name.to_string().into(),
            key_span: variable.span,
            value: values.clone(),
        };
        match tests.iter_mut().find(|e| e.key == test_name) {
            Some(Entry {
                value:
                    Node {
                        value: Value::Object(members),
                        ..
                    },
                ..
            }) => members.push(member),
            _ => tests.push(Entry {
                key: test_name.to_string().into(),
                key_span: test.span,
                value: Node::new(item.span, Value::Object(vec![member].into())),
            }),
        }
    }
    Node::new(blocks.span, Value::Object(tests.into()))
}

/// Blocks with a key argument and a value argument, as one object; `whole` may replace the
/// object (a principal of `*`).
fn keyed(
    blocks: &Node<'static>,
    key: &str,
    value: &str,
    whole: impl Fn(&str, &Node<'static>) -> Option<Node<'static>>,
) -> Node<'static> {
    let Some(items) = blocks.as_array() else {
        return unknown(blocks.span);
    };
    let mut entries: Vec<Entry<'static>> = Vec::new();
    for item in items {
        let (Some(k), Some(v)) = (item.get(key), item.get(value)) else {
            return unknown(blocks.span);
        };
        let Some(name) = k.as_str() else {
            return unknown(blocks.span);
        };
        if let Some(replacement) = whole(name, v) {
            return replacement;
        }
        match entries.iter_mut().find(|e| e.key == name) {
            Some(existing) => {
                let mut items = existing
                    .value
                    .as_array()
                    .map(<[_]>::to_vec)
                    .unwrap_or_default();
                items.extend(
                    v.as_array()
                        .map(<[_]>::to_vec)
                        .unwrap_or_else(|| vec![v.clone()]),
                );
                existing.value = Node::new(existing.value.span.cover(v.span), Value::Array(items));
            }
            None => entries.push(Entry {
                key: name.to_string().into(),
                key_span: k.span,
                value: v.clone(),
            }),
        }
    }
    Node::new(blocks.span, Value::Object(entries.into()))
}

/// The attribute a reference to a resource reads: its first name, past the instance keys
/// and splats of a counted resource (`aws_subnet.a[0].id`, `aws_subnet.a[*].id`), whose
/// instances share one configuration.
fn attribute(steps: &[Step]) -> Option<String> {
    steps.iter().find_map(|s| match s {
        Step::Name(n) => Some(n.to_string()),
        Step::Index(_) | Step::Splat => None,
    })
}

/// The resources an evaluated body links to.
fn links(body: &Node) -> Vec<String> {
    body.descendants()
        .filter_map(|node| match &node.value {
            Value::Expr(expr) => match &**expr {
                Expr::Link { id, .. } => Some(id.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

pub fn unknown(span: Span) -> Node<'static> {
    Node::new(span, Value::Expr(Box::new(Expr::Unknown)))
}

fn link(span: Span, id: String, attribute: Option<String>) -> Node<'static> {
    Node::new(span, Value::Expr(Box::new(Expr::Link { id, attribute })))
}

fn string(span: Span, s: String) -> Node<'static> {
    Node::new(span, Value::String(Cow::Owned(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::terraform::load;

    /// The evaluated resources of one file.
    fn evaluate(text: &str) -> (Vec<Resource>, Sources) {
        let mut sources = Sources::default();
        let unit = load::load_text("main.tf", text, &mut sources);
        assert!(unit.errors.is_empty(), "{:?}", unit.errors);
        let evaluation = resources(&unit, &mut sources, None);
        (evaluation.resources, sources)
    }

    fn expr<'n>(node: &'n Node<'static>) -> &'n Expr<'static> {
        match &node.value {
            Value::Expr(e) => e,
            other => panic!("not an expression: {other:?}"),
        }
    }

    #[test]
    fn instances_and_splats_of_a_counted_resource_link_to_it() {
        let (resources, _) = evaluate(
            r#"
variable "names" { default = ["a", "b"] }
resource "aws_eks_fargate_profile" "p" {
  subnet_ids = aws_subnet.private[*].id
  pod_execution_role_arn = aws_iam_role.pods[0].arn
  cluster_name = var.names[*]
}
"#,
        );
        let body = &resources[0].body;
        let link = |id: &str, attribute: &str| Expr::Link {
            id: id.to_string(),
            attribute: Some(attribute.to_string()),
        };
        assert_eq!(
            *expr(body.get("subnet_ids").unwrap()),
            link("aws_subnet.private", "id")
        );
        assert_eq!(
            *expr(body.get("pod_execution_role_arn").unwrap()),
            link("aws_iam_role.pods", "arn")
        );
        // A splat of a value is every element of it: not followed.
        assert_eq!(*expr(body.get("cluster_name").unwrap()), Expr::Unknown);
    }

    #[test]
    fn conditions_and_counts_on_known_values() {
        let (resources, _) = evaluate(
            r#"
variable "create" { default = false }
variable "mode" { default = "FARGATE" }
resource "aws_ecs_service" "off" {
  count = var.create ? 1 : 0
}
resource "aws_ecs_service" "on" {
  launch_type = var.mode == "FARGATE" ? "FARGATE" : "EC2"
  desired_count = !var.create ? 2 : 1
  scheduling_strategy = var.unknown ? "DAEMON" : "REPLICA"
}
"#,
        );
        assert_eq!(resources.len(), 1);
        let body = &resources[0].body;
        assert_eq!(body.get("launch_type").unwrap().as_str(), Some("FARGATE"));
        assert_eq!(
            body.get("desired_count").unwrap().value,
            Value::Number("2".into())
        );
        assert_eq!(
            *expr(body.get("scheduling_strategy").unwrap()),
            Expr::Unknown
        );
    }

    #[test]
    fn locals_functions_and_references() {
        let (resources, _) = evaluate(
            r#"
locals {
  base = { cpu = 256 }
  size = merge(local.base, { memory = 512 })
  a = local.b
  b = local.a
  ports = concat([80], [443])
}
resource "aws_ecs_task_definition" "app" {
  cpu = local.size.cpu
  memory = local.size["memory"]
  family = local.a
  execution_role_arn = aws_iam_role.exec[0].arn
  image = "${aws_ecr_repository.app.repository_url}:latest"
  ports = local.ports
}
"#,
        );
        let body = &resources[0].body;
        assert_eq!(body.get("cpu").unwrap().value, Value::Number("256".into()));
        assert_eq!(
            body.get("memory").unwrap().value,
            Value::Number("512".into())
        );
        // A cycle stops, unknown.
        assert_eq!(*expr(body.get("family").unwrap()), Expr::Unknown);
        assert_eq!(
            *expr(body.get("execution_role_arn").unwrap()),
            Expr::Link {
                id: "aws_iam_role.exec".into(),
                attribute: Some("arn".into())
            }
        );
        assert_eq!(
            *expr(body.get("image").unwrap()),
            Expr::Partial("${aws_ecr_repository.app.repository_url}:latest".into())
        );
        assert_eq!(body.get("ports").unwrap().as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_variable_default_is_the_origin_of_its_value() {
        let text = "variable \"cpu\" {\n  default = 256\n}\nresource \"aws_ecs_task_definition\" \"app\" {\n  cpu = var.cpu\n}\n";
        let (resources, sources) = evaluate(text);
        let cpu = resources[0].body.get("cpu").unwrap();
        assert_eq!(&sources.text[cpu.span.range()], "var.cpu");
        let origin = &resources[0].origins[&cpu.span];
        assert_eq!(&sources.text[origin.span.range()], "256");
        assert_eq!(origin.what, "the default of variable `cpu`");
    }

    #[test]
    fn policy_document_data_sources_become_policies() {
        let (resources, sources) = evaluate(
            r#"
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["123456789012"]
    }
  }
}
resource "aws_iam_role" "exec" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"#,
        );
        let document = resources[0].body.get("assume_role_policy").unwrap();
        assert_eq!(
            document.get("Version").unwrap().as_str(),
            Some("2012-10-17")
        );
        let statement = &document.get("Statement").unwrap().as_array().unwrap()[0];
        assert_eq!(statement.get("Effect").unwrap().as_str(), Some("Allow"));
        let action = statement.entry("Action").unwrap();
        assert_eq!(&sources.text[action.key_span.range()], "actions");
        let principal = statement.get("Principal").unwrap();
        assert!(principal.get("Service").is_some());
        let condition = statement.get("Condition").unwrap();
        assert!(
            condition
                .get("StringEquals")
                .unwrap()
                .get("aws:SourceAccount")
                .is_some()
        );
    }
}
