//! GitHub Actions workflow commands, which GitHub turns into annotations on the pull
//! request: `::error file=...,line=...,col=...::message`.

use super::{Options, Positions, printable, printable_lines, root_relative};
use crate::diagnostic::Severity;
use crate::lint::FileReport;

/// How many annotations of each type GitHub shows for one step; the rest are dropped.
pub const ANNOTATIONS_PER_TYPE: usize = 10;

/// The findings as workflow commands, errors first, so the ones GitHub shows (ten per type
/// and step) are the most severe.
pub fn render(reports: &[FileReport], options: &Options) -> String {
    let mut lines: Vec<(Severity, String)> = Vec::new();
    for report in reports.iter().filter(|r| r.has_shown()) {
        let positions = Positions::new(report);
        // GitHub resolves annotation paths against the repository root.
        let path = printable(&root_relative(&report.path, &options.root)).into_owned();
        for d in report.shown() {
            let region = positions.region(d.span);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut properties = vec![
                ("file", path.clone()),
                ("line", region.start.line.to_string()),
                ("endLine", region.end.line.to_string()),
            ];
            // GitHub ignores (and rejects) columns on annotations that span several lines.
            if region.start.line == region.end.line {
                properties.push(("col", region.start.column.to_string()));
                properties.push(("endColumn", region.end.column.to_string()));
            }
            properties.push(("title", format!("{} {}", d.rule.id, d.rule.name)));
            let properties: Vec<String> = properties
                .into_iter()
                .map(|(k, v)| format!("{k}={}", escape_property(&v)))
                .collect();
            let mut message = printable(&d.message).into_owned();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(&printable_lines(help));
            }
            lines.push((
                d.severity,
                format!(
                    "::{command} {}::{}\n",
                    properties.join(","),
                    escape_data(&message)
                ),
            ));
        }
    }
    lines.sort_by_key(|(severity, _)| std::cmp::Reverse(*severity));
    lines.into_iter().map(|(_, line)| line).collect()
}

/// A GitHub step summary in Markdown: the findings per rule, and those past the
/// annotation limit, which the pull request does not show.
pub fn step_summary(reports: &[FileReport], options: &Options) -> String {
    let counts = super::rule_counts(reports);
    let mut all: Vec<(Severity, String)> = Vec::new();
    for report in reports.iter().filter(|r| r.has_shown()) {
        let positions = Positions::new(report);
        let path = printable(&root_relative(&report.path, &options.root)).into_owned();
        for d in report.shown() {
            let start = positions.region(d.span).start;
            let message = printable(&d.message).replace('|', "\\|");
            all.push((
                d.severity,
                format!(
                    "| `{path}:{}:{}` | {} | {message} |\n",
                    start.line, start.column, d.rule.id
                ),
            ));
        }
    }
    let mut out = String::from("## ecslint\n\n");
    if counts.is_empty() {
        out.push_str("No problems found.\n");
        return out;
    }
    out.push_str("| rule | severity | findings |\n|---|---|---|\n");
    for (rule, n) in &counts {
        out.push_str(&format!(
            "| {} `{}` | {} | {n} |\n",
            rule.id,
            rule.name,
            rule.severity.as_str()
        ));
    }
    all.sort_by_key(|(severity, _)| std::cmp::Reverse(*severity));
    let mut shown = [0usize; 3];
    let beyond: Vec<&String> = all
        .iter()
        .filter(|(severity, _)| {
            let slot = &mut shown[*severity as usize];
            *slot += 1;
            *slot > ANNOTATIONS_PER_TYPE
        })
        .map(|(_, line)| line)
        .collect();
    if !beyond.is_empty() {
        out.push_str(&format!(
            "\n{} findings are not annotated on the pull request (GitHub shows {ANNOTATIONS_PER_TYPE} of each type per step):\n\n| where | rule | message |\n|---|---|---|\n",
            beyond.len()
        ));
        for line in beyond {
            out.push_str(line);
        }
    }
    out
}

/// Workflow-command message escaping (`%`, CR and LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values additionally escape `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\nb\r"), "50%25 a%0Ab%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
