//! The default format: each finding with the source around it and labels under the values
//! that matter, rendered with miette.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use rayon::prelude::*;

use super::source_code::IndexedSource;
use super::{Options, printable, printable_lines, printable_source, summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::source::line_index::LineIndex;

/// Lines longer than this (a plan is one line of JSON) are not shown: the finding's
/// positions are listed instead.
const MAX_SHOWN_LINE: usize = 400;

struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    /// `None` when a line to show is too long to show.
    source: Option<IndexedSource<'a>>,
    /// The help, with the positions when the source is not shown.
    help: Option<String>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let rule = self.diagnostic.rule;
        Some(Box::new(format!("{}({})", rule.id, rule.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(d.primary_label.clone(), d.span.range());
        let secondary = d
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.range()));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

pub fn render(reports: &[FileReport], options: &Options) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_urls(false)
        .with_width(100);
    // Files render independently; the order of the output is the order of `reports`.
    let rendered: Vec<String> = reports
        .par_iter()
        .filter(|r| r.has_shown())
        .map(|report| render_file(&handler, report))
        .collect();
    let mut out = rendered.concat();
    out.push_str(&summary(reports, options.files_checked));
    out.push('\n');
    out
}

fn render_file(handler: &GraphicalReportHandler, report: &FileReport) -> String {
    let index = LineIndex::new(&report.text);
    // What the file and the findings hold is shown, never obeyed by the terminal.
    let text = printable_source(&report.text);
    let name = printable(&report.path);
    let mut out = String::new();
    for diagnostic in report.shown() {
        let diagnostic = &escaped(diagnostic);
        let spans =
            std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
        let shown = spans
            .map(|span| line_length(&index, &report.text, span.start as usize))
            .all(|length| length <= MAX_SHOWN_LINE);
        let rendered = if shown {
            Rendered {
                diagnostic,
                source: Some(IndexedSource {
                    name: &name,
                    text: &text,
                    index: &index,
                }),
                help: diagnostic.help.clone(),
            }
        } else {
            Rendered {
                diagnostic,
                source: None,
                help: Some(positions(report, &index, diagnostic)),
            }
        };
        // Writing to a String cannot fail.
        let _ = handler.render_report(&mut out, &rendered);
        out.push('\n');
    }
    out
}

/// The diagnostic with what came from the file made printable.
fn escaped(diagnostic: &Diagnostic) -> Diagnostic {
    let mut shown = diagnostic.clone();
    shown.message = printable(&shown.message).into_owned();
    shown.primary_label = shown.primary_label.map(|l| printable(&l).into_owned());
    for label in &mut shown.labels {
        label.message = printable(&label.message).into_owned();
    }
    shown.help = shown.help.map(|h| printable_lines(&h));
    shown
}

fn line_length(index: &LineIndex, text: &str, offset: usize) -> usize {
    let line = index.line_of(offset.min(text.len()));
    let start = index.line_start(line);
    let end = if line + 1 < index.line_count() {
        index.line_start(line + 1)
    } else {
        text.len()
    };
    end - start
}

/// Where a finding and its labels are, as `path:line:column`, then its help.
fn positions(report: &FileReport, index: &LineIndex, diagnostic: &Diagnostic) -> String {
    let at = |offset: u32| {
        let p = index.position(&report.text, offset as usize);
        format!("{}:{}:{}", printable(&report.path), p.line, p.column)
    };
    let mut lines = vec![match &diagnostic.primary_label {
        Some(label) => format!("at {}: {label}", at(diagnostic.span.start)),
        None => format!("at {}", at(diagnostic.span.start)),
    }];
    lines.extend(
        diagnostic
            .labels
            .iter()
            .map(|l| format!("at {}: {}", at(l.span.start), l.message)),
    );
    lines.extend(diagnostic.help.clone());
    lines.join("\n")
}
