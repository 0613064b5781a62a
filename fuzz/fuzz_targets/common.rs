//! Invariants every fuzz target asserts: spans lie inside the text they index and on UTF-8
//! character boundaries; reports render in every format, SARIF as JSON; linting the same
//! bytes twice gives the same output.

#![allow(dead_code)] // each target uses a part

use ecslint::lint::{FileReport, RuleFilter};
use ecslint::report::{Format, Options, render};
use ecslint::source::span::Span;
use ecslint::source::tree::{Node, Value};

/// Panics unless `span` is a range of `text` that starts and ends on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(start <= end, "{what}: span {start}..{end} is reversed");
    assert!(
        end <= text.len(),
        "{what}: span {start}..{end} ends past the text ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} splits a character"
    );
}

/// Every node and key of `root` lies inside `text`.
pub fn check_tree(text: &str, root: &Node) {
    for node in root.descendants() {
        check_span(text, node.span, "node");
        if let Value::Object(entries) = &node.value {
            for entry in entries {
                check_span(text, entry.key_span, "key");
            }
        }
    }
}

/// Every finding of `report` (about `text`) and its labels lie inside the text.
pub fn check_report(text: &str, report: &FileReport) {
    for diagnostic in &report.diagnostics {
        check_span(text, diagnostic.span, diagnostic.rule.id);
        for label in &diagnostic.labels {
            check_span(text, label.span, diagnostic.rule.id);
        }
    }
}

/// Every rule, chosen once per process rather than once per input.
pub fn filter() -> &'static RuleFilter {
    static FILTER: std::sync::OnceLock<RuleFilter> = std::sync::OnceLock::new();
    FILTER.get_or_init(RuleFilter::all)
}

/// Renders `reports` in the JSON and concise formats and, when `every` is set, in every
/// format (SARIF must parse), returning the JSON output, which carries every detail of every
/// finding, to compare runs by. SARIF is mostly the rule catalogue, which no input reaches,
/// and rendering it dominates a run: targets ask for every format on a share of their inputs
/// (a bit of the input chooses), so the rest run several times faster.
pub fn render_all(reports: &[FileReport], every: bool) -> String {
    let render_as = |format| render_in(reports, format);
    let json = render_as(Format::Json);
    serde_json::from_str::<serde_json::Value>(&json)
        .unwrap_or_else(|e| panic!("JSON output is not JSON: {e}"));
    render_as(Format::Concise);
    if every && reports.iter().any(|r| !r.diagnostics.is_empty()) {
        render_as(Format::Human);
        render_as(Format::Github);
        let sarif = render_as(Format::Sarif);
        serde_json::from_str::<serde_json::Value>(&sarif)
            .unwrap_or_else(|e| panic!("SARIF output is not JSON: {e}"));
    }
    json
}

/// The JSON output of `reports`, to compare with [`render_all`]'s.
pub fn json(reports: &[FileReport]) -> String {
    render_in(reports, Format::Json)
}

fn render_in(reports: &[FileReport], format: Format) -> String {
    render(
        reports,
        &Options {
            format,
            color: false,
            root: ".".into(),
            files_checked: reports.len(),
        },
    )
}
