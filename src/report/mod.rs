//! Writing results: one module per output format. Every format sees the same sorted
//! reports, so output is identical whatever the thread count.

mod concise;
mod github;
mod human;
mod json;
mod sarif;

pub use github::step_summary;
pub use sarif::MAX_RESULTS as MAX_SARIF_RESULTS;
mod source_code;

use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::source::line_index::{LineIndex, Position};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            printable("a\n::error file=x::y"),
            "a\\u{a}::error file=x::y"
        );
        assert_eq!(printable("\u{1b}[2J\u{7}"), "\\u{1b}[2J\\u{7}");
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable_lines("a\nb\u{7}"), "a\nb\\u{7}");
        let source = "a\u{1b}b\r\nc\rd\u{85}e\u{202e}f\tg";
        let shown = printable_source(source);
        assert_eq!(shown.len(), source.len());
        assert_eq!(shown, "a?b\r\nc?d¿e\u{fffd}f\tg");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with labels under the offending values.
    Human,
    /// One line per finding: `path:line:col: severity[ID] message`.
    Concise,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and editors.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::`), for PR annotations.
    Github,
}

/// How to write a report.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    /// ANSI colours in the human format.
    pub color: bool,
    /// The repository root: SARIF URIs and annotation paths are relative to it, as GitHub
    /// resolves them (`%SRCROOT%`).
    pub root: std::path::PathBuf,
    /// How many files were linted, for the summary line.
    pub files_checked: usize,
}

/// Renders every report in the chosen format.
pub fn render(reports: &[FileReport], options: &Options) -> String {
    match options.format {
        Format::Human => human::render(reports, options),
        Format::Concise => concise::render(reports, options),
        Format::Json => json::render(reports, options),
        Format::Sarif => sarif::render(reports, options),
        Format::Github => github::render(reports, options),
    }
}

/// Text from linted files (values in messages, paths) as it may be printed: control
/// characters and bidirectional overrides are escaped (`\u{1b}`), so a pull request cannot
/// print a line a CI runner reads as a workflow command, or rewrite the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Like [`printable`], but keeps line breaks: for help texts, which ecslint writes over
/// several lines.
pub fn printable_lines(text: &str) -> String {
    text.split('\n')
        .map(printable)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file's text for source snippets: each control character but tab and line ends becomes
/// a visible character of the same UTF-8 length, so spans still fit.
pub fn printable_source(text: &str) -> std::borrow::Cow<'_, str> {
    let bare_cr = |at: usize| text.as_bytes().get(at + 1) != Some(&b'\n');
    // Tabs, line feeds and the carriage returns of CRLF line ends lay the text out.
    let layout = |at: usize, c: char| c == '\t' || c == '\n' || (c == '\r' && !bare_cr(at));
    let unsafe_at = |(at, c): (usize, char)| needs_escape(c) && !layout(at, c);
    if !text.char_indices().any(unsafe_at) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if unsafe_at((at, c)) {
            out.push(match c.len_utf8() {
                1 => '?',
                2 => '¿',
                _ => '\u{fffd}',
            });
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How many findings each rule has, most first (then by id).
pub fn rule_counts(reports: &[FileReport]) -> Vec<(&'static crate::rules::RuleMeta, usize)> {
    let mut counts: rustc_hash::FxHashMap<&'static str, (&'static crate::rules::RuleMeta, usize)> =
        rustc_hash::FxHashMap::default();
    for d in reports.iter().flat_map(FileReport::shown) {
        counts.entry(d.rule.id).or_insert((d.rule, 0)).1 += 1;
    }
    let mut counts: Vec<_> = counts.into_values().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(b.0.id)));
    counts
}

/// A report's path relative to the repository root (`/`-separated), whatever directory
/// ecslint ran in: the path as given is relative to the working directory, or absolute.
/// A file outside the root is reached with `..`; standard input keeps its name.
pub fn root_relative(path: &str, root: &std::path::Path) -> String {
    use std::path::{Component, Path, PathBuf};
    let given = Path::new(path);
    let absolute = if given.is_absolute() {
        given.to_path_buf()
    } else {
        match std::env::current_dir() {
            Ok(cwd) => cwd.join(given),
            Err(_) => return path.to_string(),
        }
    };
    let normal = |p: &Path| {
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    };
    let (absolute, root) = (normal(&absolute), normal(root));
    let common = absolute
        .components()
        .zip(root.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path.replace('\\', "/");
    }
    let ups = root.components().count() - common;
    let mut parts: Vec<String> = vec!["..".to_string(); ups];
    parts.extend(
        absolute
            .components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A diagnostic's primary range as 1-based positions.
#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub start: Position,
    pub end: Position,
}

/// Positions for a file's findings: one line index per file, built only when reporting.
pub struct Positions<'r> {
    pub report: &'r FileReport,
    index: LineIndex,
}

impl<'r> Positions<'r> {
    pub fn new(report: &'r FileReport) -> Self {
        Positions {
            report,
            index: LineIndex::new(&report.text),
        }
    }

    pub fn region(&self, span: crate::source::span::Span) -> Region {
        let text = &self.report.text;
        Region {
            start: self.index.position(text, span.start as usize),
            end: self.index.position(text, span.end as usize),
        }
    }
}

/// "Found 2 errors and 1 warning in 2 files (5 files checked)."
pub fn summary(reports: &[FileReport], files_checked: usize) -> String {
    let all = || reports.iter().flat_map(FileReport::shown);
    let count = |s: Severity| all().filter(|d| d.severity == s).count();
    let parts: Vec<String> = [
        (count(Severity::Error), "error"),
        (count(Severity::Warning), "warning"),
        (count(Severity::Note), "note"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
    .collect();
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    if parts.is_empty() {
        return format!("No problems found ({} checked).", files(files_checked));
    }
    let with = reports.iter().filter(|r| r.has_shown()).count();
    format!(
        "Found {} in {} ({} checked).",
        parts.join(", "),
        files(with),
        files(files_checked)
    )
}
