//! GitHub Actions workflow commands, which GitHub turns into annotations on the pull
//! request: `::error file=...,line=...,col=...::message`.

use super::{Options, Positions, printable, printable_lines, root_relative};
use crate::diagnostic::Severity;
use crate::lint::FileReport;

pub fn render(reports: &[FileReport], options: &Options) -> String {
    let mut out = String::new();
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
            out.push_str(&format!(
                "::{command} {}::{}\n",
                properties.join(","),
                escape_data(&message)
            ));
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
