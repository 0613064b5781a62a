//! A stable JSON document for scripts: every finding with its rule, positions (1-based
//! lines, character columns), byte offsets and JSON pointer.

use serde::Serialize;

use super::{Options, Positions};
use crate::lint::FileReport;

#[derive(Serialize)]
struct Output<'a> {
    files_checked: usize,
    diagnostics: Vec<Finding<'a>>,
    errors: Vec<FileError<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    path: &'a str,
    rule: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    start: Point,
    end: Point,
    pointer: &'a str,
    labels: Vec<LabelOut<'a>>,
}

#[derive(Serialize)]
struct Point {
    line: usize,
    column: usize,
    offset: u32,
}

#[derive(Serialize)]
struct LabelOut<'a> {
    message: &'a str,
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct FileError<'a> {
    path: &'a str,
    message: &'a str,
}

pub fn render(reports: &[FileReport], options: &Options) -> String {
    let mut diagnostics = Vec::new();
    for report in reports.iter().filter(|r| r.has_shown()) {
        let positions = Positions::new(report);
        let points = |span: crate::source::span::Span| {
            let region = positions.region(span);
            (
                Point {
                    line: region.start.line,
                    column: region.start.column,
                    offset: span.start,
                },
                Point {
                    line: region.end.line,
                    column: region.end.column,
                    offset: span.end,
                },
            )
        };
        for d in report.shown() {
            let (start, end) = points(d.span);
            diagnostics.push(Finding {
                path: &report.path,
                rule: d.rule.id,
                name: d.rule.name,
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                start,
                end,
                pointer: &d.pointer,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (start, end) = points(l.span);
                        LabelOut {
                            message: &l.message,
                            start,
                            end,
                        }
                    })
                    .collect(),
            });
        }
    }
    let errors = reports
        .iter()
        .filter_map(|r| {
            r.io_error.as_deref().map(|message| FileError {
                path: &r.path,
                message,
            })
        })
        .collect();
    let output = Output {
        files_checked: options.files_checked,
        diagnostics,
        errors,
    };
    let mut text = serde_json::to_string_pretty(&output).expect("serialisable");
    text.push('\n');
    text
}
