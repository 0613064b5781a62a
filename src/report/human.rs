//! The default format: each finding with the source around it and labels under the values
//! that matter, rendered with miette.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use rayon::prelude::*;

use super::source_code::IndexedSource;
use super::{Options, summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::source::line_index::LineIndex;

struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    source: IndexedSource<'a>,
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
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
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
        .filter(|r| !r.diagnostics.is_empty())
        .map(|report| render_file(&handler, report))
        .collect();
    let mut out = rendered.concat();
    out.push_str(&summary(reports, options.files_checked));
    out.push('\n');
    out
}

fn render_file(handler: &GraphicalReportHandler, report: &FileReport) -> String {
    let index = LineIndex::new(&report.text);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        let rendered = Rendered {
            diagnostic,
            source: IndexedSource {
                name: &report.path,
                text: &report.text,
                index: &index,
            },
        };
        // Writing to a String cannot fail.
        let _ = handler.render_report(&mut out, &rendered);
        out.push('\n');
    }
    out
}
