//! The per-file pipeline: bytes → spanned documents → recognised parts → schema check and
//! model → rules → sorted diagnostics. Files are independent; nothing here is shared but
//! read-only tables and compiled schemas.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::{Diagnostic, Sink};
use crate::dialect::reader::{Literal, Reader, Spelling};
use crate::dialect::scenario::{Choice, ScenarioModel};
use crate::dialect::{Document, Part, PartKind, adapt, cloudformation, iam, lifecycle, recognise};
use crate::model::{Model, Reads, Resources};
use crate::rules::input::duplicate_key::{self, DuplicateKey};
use crate::rules::input::parse_error::ParseError;
use crate::rules::input::schema_violation::SchemaViolation;
use crate::rules::{self, Declared, Rule, RuleMeta};
use crate::source::{self, Syntax, span::Span};
use crate::suppress;

mod terraform;
pub use terraform::{lint_module, lint_module_text};

/// Which rules run, from `select`, `extend-select` and `ignore`.
#[derive(Clone)]
pub struct RuleFilter {
    enabled: FxHashSet<&'static str>,
    /// The enabled rules that read the model, in registry order: resolved once, as each
    /// model (every file, every scenario) runs them all.
    model_rules: Vec<&'static dyn Rule>,
}

/// The selectors that choose the rules, as the command line and configuration give them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    /// Only these (ids, names or id prefixes such as `FARGATE`, `ECS-TD`); empty means every
    /// rule that is on by default.
    pub select: &'a [String],
    /// These too, on top of `select`: how an off-by-default rule joins the default set.
    pub extend_select: &'a [String],
    pub ignore: &'a [String],
}

impl RuleFilter {
    /// A rule runs when `select` names it (or `select` is empty and the rule is on by
    /// default) or `extend-select` names it, and `ignore` does not. Unknown selectors are an
    /// error, so a typo never disables a check.
    pub fn new(selection: Selection) -> Result<Self, String> {
        let Selection {
            select,
            extend_select,
            ignore,
        } = selection;
        for selector in select.iter().chain(extend_select).chain(ignore) {
            if !rules::is_selector(selector) {
                return Err(format!("`{selector}` names no rule (see `ecslint rules`)"));
            }
        }
        let named = |selectors: &[String], m: &RuleMeta| selectors.iter().any(|s| m.matches(s));
        let enabled = rules::all()
            .iter()
            .filter(|m| {
                let chosen = if select.is_empty() {
                    m.enabled_by_default
                } else {
                    named(select, m)
                };
                chosen || named(extend_select, m)
            })
            .filter(|m| !named(ignore, m))
            .map(|m| m.id)
            .collect::<FxHashSet<_>>();
        let model_rules = rules::RULES
            .iter()
            .copied()
            .filter(|rule| enabled.contains(rule.meta().id))
            .collect();
        Ok(RuleFilter {
            enabled,
            model_rules,
        })
    }

    /// The rules that run by default.
    pub fn default_rules() -> Self {
        RuleFilter::new(Selection::default()).expect("no selectors")
    }

    /// Every rule, those off by default too.
    pub fn all() -> Self {
        let select = ["ALL".to_string()];
        RuleFilter::new(Selection {
            select: &select,
            ..Selection::default()
        })
        .expect("ALL selects every rule")
    }

    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.enabled.contains(rule.id)
    }
}

/// What linting one file produced.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user gave or discovered it (`/`-separated), or the stdin name.
    pub path: String,
    /// The file's text, kept only when there are diagnostics to show in context.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Why documents were skipped, for `--verbose`.
    pub notes: Vec<String>,
    /// The file could not be read at all.
    pub io_error: Option<String>,
}

impl FileReport {
    /// The findings to print: those no suppression covers.
    pub fn shown(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.suppressed.is_none())
    }

    pub fn has_shown(&self) -> bool {
        self.shown().next().is_some()
    }

    /// Adds what another unit found in the same file (a module file linted through each of
    /// its callers).
    pub fn merge(&mut self, other: FileReport) {
        if self.text.is_empty() {
            self.text = other.text;
        }
        self.diagnostics.extend(other.diagnostics);
        settle(&mut self.diagnostics);
        self.notes.extend(other.notes);
        self.io_error = self.io_error.take().or(other.io_error);
    }

    /// A report with nothing in it yet.
    pub fn empty(path: String) -> Self {
        FileReport {
            path,
            text: String::new(),
            diagnostics: Vec::new(),
            notes: Vec::new(),
            io_error: None,
        }
    }

    pub fn unreadable(path: String, error: String) -> Self {
        FileReport {
            io_error: Some(error),
            ..FileReport::empty(path)
        }
    }
}

/// The largest file ecslint reads: spans are 32-bit byte offsets.
pub const MAX_FILE_BYTES: usize = u32::MAX as usize;

/// Lints one file's bytes.
pub fn lint_bytes(path: String, bytes: &[u8], filter: &RuleFilter) -> FileReport {
    if bytes.len() > MAX_FILE_BYTES {
        return FileReport::unreadable(
            path,
            "the file is larger than 4 GiB; it is not linted".into(),
        );
    }
    let mut diagnostics = Vec::new();
    let mut notes = Vec::new();
    let text = match source::decode(bytes) {
        Ok(text) => {
            let mut suppressions = Vec::new();
            lint_text(
                &path,
                text,
                filter,
                &mut diagnostics,
                &mut notes,
                &mut suppressions,
            );
            if let Some(syntax) = suppress::Comments::of(&path) {
                suppressions.extend(suppress::comments(text, syntax));
            }
            suppress::apply(&suppressions, &mut diagnostics, filter);
            text
        }
        Err(error) => {
            if filter.enabled(ParseError::meta()) {
                // The report shows the text with invalid bytes replaced by U+FFFD; point at
                // the whole replacement character there.
                let at = error.span.start as usize;
                let span = Span::new(at, at + '\u{fffd}'.len_utf8());
                diagnostics.push(Diagnostic::new(ParseError::meta(), span, error.message));
            }
            ""
        }
    };
    settle(&mut diagnostics);
    let text = if diagnostics.is_empty() {
        String::new()
    } else if text.is_empty() && !bytes.is_empty() {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        text.to_string()
    };
    FileReport {
        path,
        text,
        diagnostics,
        notes,
        io_error: None,
    }
}

/// Diagnostics in the order of the file, each once. A rule's finding supersedes the shape
/// check's (INPUT-002) at the same place: both are about one value, and the rule says more
/// (ECS-TD-002 "too many containers" over "may have at most 10 items").
fn settle(diagnostics: &mut Vec<Diagnostic>) {
    let ruled: FxHashSet<Span> = diagnostics
        .iter()
        .filter(|d| d.rule.id != SchemaViolation::meta().id)
        .map(|d| d.span)
        .collect();
    diagnostics.retain(|d| d.rule.id != SchemaViolation::meta().id || !ruled.contains(&d.span));
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.rule.id, a.span.end, &a.message).cmp(&(
            b.span.start,
            b.rule.id,
            b.span.end,
            &b.message,
        ))
    });
    diagnostics
        .dedup_by(|a, b| a.rule.id == b.rule.id && a.span == b.span && a.message == b.message);
}

fn lint_text(
    path: &str,
    text: &str,
    filter: &RuleFilter,
    out: &mut Vec<Diagnostic>,
    notes: &mut Vec<String>,
    suppressions: &mut Vec<suppress::Suppression>,
) {
    let syntax = Syntax::detect(path, text);
    let documents = match source::parse(syntax, text) {
        Ok(documents) => documents,
        Err(error) => {
            report_parse_errors([error], filter, out);
            return;
        }
    };
    if documents.is_empty() {
        notes.push("skipped: the file holds no document".into());
    }
    for (index, root) in documents.iter().enumerate() {
        let document = match recognise(root, text) {
            Ok(document) => document,
            Err(reason) => {
                notes.push(match documents.len() {
                    1 => format!("skipped: {reason}"),
                    _ => format!("document {}: skipped: {reason}", index + 1),
                });
                continue;
            }
        };
        let first = out.len();
        if filter.enabled(DuplicateKey::meta()) {
            duplicate_key::duplicates(root, syntax == Syntax::Yaml, out);
        }
        match document {
            Document::Api(parts) => lint_api_parts(&parts, text, filter, out, notes),
            Document::Template(template) => {
                suppressions.extend(suppress::template_metadata(root, Span::new(0, text.len())));
                lint_template(&template, filter, out, notes)
            }
            Document::Plan(root) => lint_plan(root, text, filter, out, notes),
            Document::Policy(root) => {
                notes.push("linted as an IAM policy".into());
                let model = Model::new(Resources {
                    standalone_policies: vec![iam::standalone(root)],
                    ..Resources::default()
                });
                run_rules(&model, filter, out);
            }
            Document::LifecyclePolicy(root) => {
                notes.push("linted as an ECR lifecycle policy".into());
                let model = Model::new(Resources {
                    lifecycle_policies: vec![lifecycle::standalone(root, text)],
                    ..Resources::default()
                });
                run_rules(&model, filter, out);
            }
        }
        for diagnostic in &mut out[first..] {
            diagnostic.pointer = root.pointer_to(diagnostic.span);
        }
    }
}

/// ECS API objects: each is checked against its schema, then all are modelled and ruled.
fn lint_api_parts(
    parts: &[Part],
    text: &str,
    filter: &RuleFilter,
    out: &mut Vec<Diagnostic>,
    notes: &mut Vec<String>,
) {
    let reader = Reader {
        spelling: Spelling::Camel,
        resolve: &Literal,
        text,
    };
    let mut resources = Resources::default();
    // A `describe-services` output holds thousands of services: one note per kind, and
    // the model's lists made at their size.
    for kind in [
        PartKind::TaskDefinition,
        PartKind::Service,
        PartKind::ContainerDefinitions,
    ] {
        let count = parts.iter().filter(|p| p.kind == kind).count();
        if count == 0 {
            continue;
        }
        let (one, many) = kind.names();
        notes.push(match count {
            1 => format!("linted as {one}"),
            n => format!("linted as {n} {many}"),
        });
        match kind {
            PartKind::TaskDefinition => resources.task_definitions.reserve_exact(count),
            PartKind::Service => resources.services.reserve_exact(count),
            PartKind::ContainerDefinitions => {}
        }
    }
    for part in parts {
        report_violations(crate::schema::validate(part.kind, part.node), filter, out);
        match part.kind {
            PartKind::TaskDefinition => resources
                .task_definitions
                .push(adapt::task_definition(&reader, part.node)),
            PartKind::Service => resources.services.push(adapt::service(&reader, part.node)),
            // Only Terraform's container definitions are checked on their own.
            PartKind::ContainerDefinitions => {}
        }
    }
    run_rules(&Model::new(resources), filter, out);
}

fn report_violations(
    violations: Vec<crate::schema::Violation>,
    filter: &RuleFilter,
    out: &mut Vec<Diagnostic>,
) {
    if !filter.enabled(SchemaViolation::meta()) {
        return;
    }
    for violation in violations {
        let diagnostic =
            Diagnostic::new(SchemaViolation::meta(), violation.span, violation.message);
        out.push(Diagnostic {
            help: violation.help,
            ..diagnostic
        });
    }
}

fn report_parse_errors(
    errors: impl IntoIterator<Item = source::ParseError>,
    filter: &RuleFilter,
    out: &mut Vec<Diagnostic>,
) {
    if filter.enabled(ParseError::meta()) {
        out.extend(
            errors
                .into_iter()
                .map(|e| Diagnostic::new(ParseError::meta(), e.span, e.message)),
        );
    }
}

/// A Terraform plan: its planned resources, read like configuration.
fn lint_plan(
    root: &source::tree::Node,
    text: &str,
    filter: &RuleFilter,
    out: &mut Vec<Diagnostic>,
    notes: &mut Vec<String>,
) {
    let plan = match crate::dialect::terraform::plan::read(root) {
        Ok(plan) => plan,
        Err(error) => return report_parse_errors([error], filter, out),
    };
    notes.push(format!(
        "linted as a Terraform plan with {} resources",
        plan.resources.len()
    ));
    let mut read = crate::dialect::terraform::resources::model(&plan.resources, text);
    read.model.own_accounts = plan.caller_accounts;
    report_parse_errors(read.errors, filter, out);
    report_violations(read.violations, filter, out);
    run_rules(&read.model, filter, out);
}

/// A CloudFormation template, in each of its scenarios: a template whose `Cpu` and `Memory`
/// parameters both allow many values gets one finding per parameter, not one per
/// combination.
fn lint_template(
    template: &cloudformation::Template,
    filter: &RuleFilter,
    out: &mut Vec<Diagnostic>,
    notes: &mut Vec<String>,
) {
    // Shapes are the same in every scenario: checked once, on the template as written.
    if filter.enabled(SchemaViolation::meta()) {
        for resource in &template.resources {
            if let Some(properties) = resource.properties
                && let Some(violations) =
                    crate::schema::validate_resource(resource.kind, properties)
            {
                report_violations(violations, filter, out);
            }
        }
    }
    let scenarios = cloudformation::models(template);
    notes.push(match scenarios.len() {
        1 => "linted as a CloudFormation template".to_string(),
        n => format!("linted as a CloudFormation template in {n} scenarios"),
    });
    lint_scenarios(&scenarios, filter, out);
}

/// Runs the rules in each scenario. A problem is reported once per rule and place, whatever
/// its message says in each scenario: what the default scenario finds as it is, and what only
/// other scenarios find labelled with the first choice that leads to it, naming the others
/// ("likewise when parameter `Cpu` is 1024 or 2048").
fn lint_scenarios(scenarios: &[ScenarioModel], filter: &RuleFilter, out: &mut Vec<Diagnostic>) {
    let start = out.len();
    let mut scenarios = scenarios.iter();
    let read_by_default = match scenarios.next() {
        Some(default) => run_rules(&default.model, filter, out),
        None => return,
    };
    let found_by_default: FxHashSet<(&str, Span)> =
        out[start..].iter().map(|d| (d.rule.id, d.span)).collect();
    // Per (rule, place): the first diagnostic and every choice that makes it.
    let mut groups: Vec<(Diagnostic, Vec<&Choice>)> = Vec::new();
    let mut group_of: FxHashMap<(&str, Span), usize> = FxHashMap::default();
    for scenario in scenarios {
        let Some(choice) = &scenario.choice else {
            continue;
        };
        let mut found = Vec::new();
        rerun_rules(scenario, filter, &read_by_default, &mut found);
        for diagnostic in found {
            let key = (diagnostic.rule.id, diagnostic.span);
            if found_by_default.contains(&key) {
                continue;
            }
            match group_of.get(&key) {
                Some(&at) => {
                    let choices = &mut groups[at].1;
                    if !choices
                        .iter()
                        .any(|c| c.subject == choice.subject && c.value == choice.value)
                    {
                        choices.push(choice);
                    }
                }
                None => {
                    group_of.insert(key, groups.len());
                    groups.push((diagnostic, vec![choice]));
                }
            }
        }
    }
    for (mut diagnostic, choices) in groups {
        let first = choices[0];
        if !diagnostic.labels.iter().any(|l| l.span == first.span) {
            diagnostic.label(first.span, first.describe());
        }
        // The other choices, by input, in the order they came.
        let mut subjects: Vec<(&str, Vec<&str>)> = Vec::new();
        for choice in &choices[1..] {
            match subjects.iter_mut().find(|(s, _)| *s == choice.subject) {
                Some((_, values)) => values.push(&choice.value),
                None => subjects.push((&choice.subject, vec![&choice.value])),
            }
        }
        if !subjects.is_empty() {
            let likewise: Vec<String> = subjects
                .iter()
                .map(|(subject, values)| format!("when {subject} is {}", values_list(values)))
                .collect();
            diagnostic.message = format!(
                "{}; likewise {}",
                diagnostic.message,
                likewise.join(", and ")
            );
        }
        out.push(diagnostic);
    }
}

/// "1, 2 or 4"; a long list names its first few values and counts the rest.
fn values_list(values: &[&str]) -> String {
    const SHOWN: usize = 5;
    if values.len() <= SHOWN + 1 {
        return crate::text::or_list(values);
    }
    format!(
        "{} (or {} other allowed values)",
        values[..SHOWN].join(", "),
        values.len() - SHOWN
    )
}

/// Runs the enabled rules over `model`, and says which collections each read.
fn run_rules(model: &Model, filter: &RuleFilter, out: &mut Vec<Diagnostic>) -> Vec<Reads> {
    filter
        .model_rules
        .iter()
        .map(|rule| {
            model.start_reading();
            rule.check(model, &mut Sink::new(rule.meta(), out));
            model.reads()
        })
        .collect()
}

/// Runs over another scenario's model the rules that read, in the default scenario, a
/// collection this one changes: the others would report exactly what they reported there
/// (see [`crate::model::collections`]).
fn rerun_rules(
    scenario: &ScenarioModel,
    filter: &RuleFilter,
    read_by_default: &[Reads],
    out: &mut Vec<Diagnostic>,
) {
    for (rule, read) in filter.model_rules.iter().zip(read_by_default) {
        if read.overlaps(scenario.changed) {
            rule.check(&scenario.model, &mut Sink::new(rule.meta(), out));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::values_list;

    #[test]
    fn long_value_lists_are_cut() {
        assert_eq!(values_list(&["1", "2"]), "1 or 2");
        assert_eq!(
            values_list(&["1", "2", "3", "4", "5", "6"]),
            "1, 2, 3, 4, 5 or 6"
        );
        assert_eq!(
            values_list(&["1", "2", "3", "4", "5", "6", "7"]),
            "1, 2, 3, 4, 5 (or 2 other allowed values)"
        );
    }
}
