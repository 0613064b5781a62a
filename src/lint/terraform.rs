//! Linting a Terraform module directory as one unit: its files, the modules it calls and the
//! files they read are one text for the model and rules, and the findings are split back into
//! a report per file.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    FileReport, RuleFilter, lint_scenarios, report_parse_errors, report_violations, settle,
};
use crate::diagnostic::Diagnostic;
use crate::dialect::scenario::{Choice, MAX_SCENARIOS, ScenarioModel};
use crate::dialect::terraform::evaluate::Setting;
use crate::dialect::terraform::evaluate::{self, Resource};
use crate::dialect::terraform::load::{self, Unit};
use crate::dialect::terraform::resources;
use crate::model::Reads;
use crate::rules::Declared;
use crate::rules::input::duplicate_key::{self, DuplicateKey};
use crate::source::line_index::LineIndex;
use crate::source::sources::Sources;
use crate::source::tree::Node;
use crate::suppress;

/// What linting a module produced: a report for each named file and for every other file
/// with findings, and the directories of the local modules it called.
pub struct ModuleReport {
    pub reports: Vec<FileReport>,
    pub called: FxHashSet<PathBuf>,
}

/// Lints the module in `dir`; `named` are the files the user asked for (each gets a report).
pub fn lint_module(dir: &Path, named: &[PathBuf], filter: &RuleFilter) -> ModuleReport {
    let mut files = load::configuration_files(dir);
    for file in named {
        if !files.contains(file) {
            files.push(file.clone());
        }
    }
    let mut sources = Sources::default();
    let unit = load::load(dir, &files, &mut sources);
    let named: Vec<String> = named.iter().map(|p| crate::display_path(p)).collect();
    finish(unit, sources, &named, filter)
}

/// Lints one configuration file given as text (standard input).
pub fn lint_module_text(name: &str, text: &str, filter: &RuleFilter) -> ModuleReport {
    let mut sources = Sources::default();
    let unit = load::load_text(name, text, &mut sources);
    finish(unit, sources, &[name.to_string()], filter)
}

fn finish(unit: Unit, mut sources: Sources, named: &[String], filter: &RuleFilter) -> ModuleReport {
    let evaluation = evaluate::resources(&unit, &mut sources, None);
    let resources = evaluation.resources;
    let read = resources::model(&resources, &sources.text);
    let mut diagnostics = Vec::new();
    report_parse_errors(unit.errors.iter().cloned(), filter, &mut diagnostics);
    if filter.enabled(DuplicateKey::meta()) {
        // Terraform keeps the last of a key written twice in an object.
        for block in unit.modules.iter().flat_map(|m| &m.blocks) {
            duplicate_key::duplicates(&block.body, false, &mut diagnostics);
        }
    }
    report_parse_errors(read.errors, filter, &mut diagnostics);
    report_violations(read.violations, filter, &mut diagnostics);
    let mut scenarios = vec![ScenarioModel {
        model: read.model,
        choice: None,
        changed: Reads::NONE,
    }];
    for (instance, name) in &evaluation.consulted {
        let default = unit
            .module_of(*instance)
            .variable(name)
            .and_then(|v| v.body.get("default"))
            .and_then(Node::scalar_text);
        for value in evaluate::allowed_values(&unit, *instance, name) {
            let Some(text) = value.scalar_text() else {
                continue;
            };
            if Some(&text) == default.as_ref() || scenarios.len() >= MAX_SCENARIOS {
                continue;
            }
            let setting = Setting {
                instance: *instance,
                name: name.clone(),
                value,
            };
            let other = evaluate::resources(&unit, &mut sources, Some(&setting));
            let subject = match &unit.instances[*instance].call {
                Some(call) => format!("variable `{name}` of module `{}`", call.name),
                None => format!("variable `{name}`"),
            };
            scenarios.push(ScenarioModel {
                model: resources::model(&other.resources, &sources.text).model,
                choice: Some(Choice {
                    span: value.span,
                    subject,
                    value: text,
                }),
                // Each is evaluated anew: any collection may differ.
                changed: Reads::ALL,
            });
        }
    }
    lint_scenarios(&scenarios, filter, &mut diagnostics);
    let mut notes = unit.notes.clone();
    notes.push(match scenarios.len() {
        1 => format!(
            "linted as a Terraform module with {} resources",
            resources.len()
        ),
        n => format!(
            "linted as a Terraform module with {} resources in {n} scenarios",
            resources.len()
        ),
    });
    let called = unit.modules.iter().skip(1).map(|m| m.dir.clone()).collect();
    let mut reports = split(diagnostics, &sources, &resources, named, filter);
    for (path, error) in &unit.unreadable {
        reports.push(FileReport::unreadable(path.clone(), error.clone()));
    }
    if let Some(first) = reports.first_mut() {
        first.notes = notes;
    }
    ModuleReport { reports, called }
}

/// One report per named file and per file with findings, each with its own offsets. A label
/// in another file (the variable default in `variables.tf` that a finding in `main.tf`
/// comes from) is named in the help, with its line and column.
fn split(
    diagnostics: Vec<Diagnostic>,
    sources: &Sources,
    resources: &[Resource],
    named: &[String],
    filter: &RuleFilter,
) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = named.iter().cloned().map(FileReport::empty).collect();
    let mut report_of: FxHashMap<String, usize> = named
        .iter()
        .enumerate()
        .map(|(at, path)| (path.clone(), at))
        .collect();
    // Line indexes of the files labels point into, built once per file.
    let mut lines: FxHashMap<u32, LineIndex> = FxHashMap::default();
    for mut diagnostic in diagnostics {
        let Some(file) = sources.file_at(diagnostic.span.start) else {
            continue;
        };
        let base = file.span.start;
        diagnostic.pointer = pointer(resources, &diagnostic);
        let mut elsewhere = Vec::new();
        diagnostic.labels.retain_mut(|label| {
            if sources
                .file_at(label.span.start)
                .is_some_and(|f| f.span == file.span)
            {
                label.span = label.span.unshifted(base as usize);
                return true;
            }
            if let Some(other) = sources.file_at(label.span.start) {
                let text = &sources.text[other.span.range()];
                let at = lines
                    .entry(other.span.start)
                    .or_insert_with(|| LineIndex::new(text))
                    .position(text, (label.span.start - other.span.start) as usize);
                elsewhere.push(format!(
                    "{} ({}:{}:{})",
                    label.message, other.path, at.line, at.column
                ));
            }
            false
        });
        if !elsewhere.is_empty() {
            let also = elsewhere.join("; ");
            diagnostic.help = Some(match diagnostic.help.take() {
                Some(help) => format!("{help}\n{also}"),
                None => also,
            });
        }
        diagnostic.span = diagnostic.span.unshifted(base as usize);
        let at = *report_of.entry(file.path.clone()).or_insert_with(|| {
            reports.push(FileReport::empty(file.path.clone()));
            reports.len() - 1
        });
        reports[at].diagnostics.push(diagnostic);
    }
    for report in &mut reports {
        if let Some(file) = sources.find(&report.path)
            && let Some(syntax) = suppress::Comments::of(&report.path)
        {
            let text = &sources.text[file.span.range()];
            suppress::apply(
                &suppress::comments(text, syntax),
                &mut report.diagnostics,
                filter,
            );
        }
        settle(&mut report.diagnostics);
        if !report.diagnostics.is_empty()
            && let Some(file) = sources.find(&report.path)
        {
            report.text = sources.text[file.span.range()].to_string();
        }
    }
    reports
}

/// A finding's identity for fingerprints: the resource's address and the JSON pointer of the
/// value in its body, which survive edits that move lines.
fn pointer(resources: &[Resource], diagnostic: &Diagnostic) -> String {
    let span = diagnostic.span;
    resources
        .iter()
        .find(|r| r.body.span.start <= span.start && span.end <= r.body.span.end)
        .map(|r| format!("/{}{}", r.id, r.body.pointer_to(span)))
        .unwrap_or_default()
}
