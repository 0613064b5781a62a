//! SARIF 2.1.0: one run with every finding and the descriptor of each rule they come from,
//! relative URIs under `%SRCROOT%`, full regions (1-based, UTF-16 columns as SARIF's default `columnKind`), and
//! `partialFingerprints` from rule + file + JSON pointer, which survive lines moving.

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Options, Positions, Region, root_relative};
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::rules::{self, RuleMeta};
use crate::source::span::Span;

/// The most results GitHub code scanning accepts in one run ("sarif-limits": a run with more
/// is rejected). Past it the most severe are kept, and a notification says so.
pub const MAX_RESULTS: usize = 25_000;

pub fn render(reports: &[FileReport], options: &Options) -> String {
    // The files with findings, each with its path from the root and its location, which its
    // results share.
    let files: Vec<(&FileReport, String, ArtifactLocation)> = reports
        .iter()
        .filter(|r| !r.diagnostics.is_empty())
        .map(|r| {
            let path = root_relative(&r.path, &options.root);
            let artifact = artifact(&path);
            (r, path, artifact)
        })
        .collect();
    let mut results: Vec<(Severity, SarifResult)> = Vec::new();
    for (report, path, artifact) in &files {
        // Findings of one rule at one value (several errors inside one policy string) are
        // told apart by their order, so no two results share a fingerprint.
        let mut seen: FxHashMap<(&str, &str), usize> = FxHashMap::default();
        let positions = Positions::new(report);
        let physical = |span: Span| Physical {
            artifact_location: artifact,
            region: SarifRegion::from(positions.region(span)),
        };
        for d in &report.diagnostics {
            let text = match &d.help {
                Some(help) => format!("{}. {help}", d.message),
                None => d.message.clone(),
            };
            let related_locations = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| Related {
                    id: i + 1,
                    physical_location: physical(l.span),
                    message: Message {
                        text: l.message.clone(),
                    },
                })
                .collect();
            let ordinal = seen
                .entry((d.rule.id, d.pointer.as_str()))
                .and_modify(|n| *n += 1)
                .or_insert(0);
            let fingerprint = fnv1a(&[d.rule.id, path, &d.pointer, &ordinal.to_string()]);
            let suppressions = d.suppressed.as_ref().map(|suppressed| {
                [Suppression {
                    kind: if suppressed.in_source {
                        "inSource"
                    } else {
                        "external"
                    },
                    justification: suppressed.justification.clone(),
                }]
            });
            let result = SarifResult {
                rule_id: d.rule.id,
                rule_index: 0,
                level: level(d.severity),
                message: Message { text },
                locations: [Location {
                    physical_location: physical(d.span),
                }],
                partial_fingerprints: Fingerprints {
                    ecslint: format!("{fingerprint:016x}"),
                },
                related_locations,
                suppressions,
            };
            results.push((d.severity, result));
        }
    }
    let total = results.len();
    if total > MAX_RESULTS {
        // Stable: within a severity, the order of the files stays.
        results.sort_by_key(|r| std::cmp::Reverse(r.0));
        results.truncate(MAX_RESULTS);
    }
    // Only the rules that report something are described, as Ruff and ESLint's SARIF do: the
    // whole catalogue is 400 KB of help text, which no viewer shows without a result.
    let used: FxHashSet<&str> = results.iter().map(|(_, r)| r.rule_id).collect();
    let rules: Vec<&RuleMeta> = rules::all()
        .into_iter()
        .filter(|rule| used.contains(rule.id))
        .collect();
    let index: FxHashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let results: Vec<SarifResult> = results
        .into_iter()
        .map(|(_, mut result)| {
            result.rule_index = index[result.rule_id];
            result
        })
        .collect();
    let mut notifications: Vec<Value> = reports
        .iter()
        .filter_map(|r| {
            let message = r.io_error.as_ref()?;
            Some(json!({
                "level": "error",
                "message": {"text": format!("{}: {message}", r.path)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(&r.path, &options.root)}}],
            }))
        })
        .collect();
    if total > MAX_RESULTS {
        notifications.push(json!({
            "level": "warning",
            "message": {"text": format!(
                "{total} findings: only the {MAX_RESULTS} most severe are in this file, the most GitHub code scanning accepts in one run"
            )},
        }));
    }
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": information(json!({
                "name": "ecslint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
            }))}),
            original_uri_base_ids: json!({"%SRCROOT%": {"uri": root_uri(&options.root)}}),
            column_kind: "utf16CodeUnits",
            invocations: json!([{
                "executionSuccessful": reports.iter().all(|r| r.io_error.is_none()),
                "toolExecutionNotifications": notifications,
            }]),
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("serialisable");
    text.push('\n');
    text
}

// The log's parts, written straight to text: a run can hold 25,000 results, and building
// each as a JSON value first cost as much as writing it.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    original_uri_base_ids: Value,
    column_kind: &'static str,
    invocations: Value,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    /// Shared by the file's results.
    artifact_location: &'a ArtifactLocation,
    region: SarifRegion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

/// 1-based lines and columns in UTF-16 code units, the run's `columnKind`; no `byteOffset`,
/// which the VS Code SARIF viewer would read before the lines, as hex-editor coordinates.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl From<Region> for SarifRegion {
    fn from(region: Region) -> Self {
        SarifRegion {
            start_line: region.start.line,
            start_column: region.start.column_utf16,
            end_line: region.end.line,
            end_column: region.end.column_utf16,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Related<'a> {
    id: usize,
    physical_location: Physical<'a>,
    message: Message,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "ecslint/v1")]
    ecslint: String,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<String>,
}

/// The driver, with `informationUri` when the package names its repository.
fn information(mut driver: Value) -> Value {
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver["informationUri"] = json!(repository);
    }
    driver
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A rule's `reportingDescriptor`.
fn descriptor(rule: &RuleMeta) -> Value {
    let docs = rule.docs();
    let mut properties = json!({"tags": rule.tags, "precision": "very-high"});
    if let Some(score) = rule.security_severity {
        properties["security-severity"] = json!(score);
        // Code scanning shows a security severity only for rules tagged `security`.
        let tags = properties["tags"].as_array_mut().expect("tags");
        if !tags.contains(&json!("security")) {
            tags.push(json!("security"));
        }
    }
    json!({
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": truncate(&what_it_does(&docs), 1024)},
        "help": {"text": plain_text(&docs), "markdown": docs},
        "helpUri": rule.reference,
        "defaultConfiguration": {"level": level(rule.severity), "enabled": rule.enabled_by_default},
        "properties": properties,
    })
}

/// Markdown as plain text, for `help.text` (viewers that do not render Markdown show it as
/// is): headings lose their `#`, code fences and backticks go, `[text](url)` is
/// `text (url)`.
fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            continue;
        }
        let line = trimmed.trim_start_matches('#').trim_start();
        let mut rest = line.replace('`', "");
        while let Some(open) = rest.find('[')
            && let Some(middle) = rest[open..].find("](").map(|m| open + m)
            && let Some(close) = rest[middle..].find(')').map(|c| middle + c)
        {
            let text = rest[open + 1..middle].to_string();
            let url = rest[middle + 2..close].to_string();
            rest.replace_range(open..=close, &format!("{text} ({url})"));
        }
        out.push_str(&rest);
        out.push('\n');
    }
    out
}

/// The "What it does" section of a rule's docs, as plain text.
fn what_it_does(docs: &str) -> String {
    docs.split("## ")
        .find_map(|section| section.strip_prefix("What it does"))
        .unwrap_or(docs)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max - 3;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// A path relative to the repository root (`%SRCROOT%`), as GitHub resolves URIs: never an
/// absolute `file://` URI, which code scanning rejects.
fn artifact_location(path: &str, root: &Path) -> ArtifactLocation {
    artifact(&root_relative(path, root))
}

/// The location of the file at `relative` to the root.
fn artifact(relative: &str) -> ArtifactLocation {
    ArtifactLocation {
        uri: percent_encode(relative),
        uri_base_id: "%SRCROOT%",
    }
}

fn root_uri(root: &Path) -> String {
    let mut text = root.to_string_lossy().replace('\\', "/");
    if !text.starts_with('/') {
        text.insert(0, '/');
    }
    if !text.ends_with('/') {
        text.push('/');
    }
    format!("file://{}", percent_encode(&text))
}

/// Percent-encodes everything but RFC 3986 unreserved characters and `/`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// FNV-1a, 64-bit: a fingerprint that stays the same across releases and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_root_and_encoded() {
        let root = Path::new("/repo");
        assert_eq!(
            artifact_location("/repo/infra/td one.json", root).uri,
            "infra/td%20one.json"
        );
        assert_eq!(artifact_location("/repo/a.json", root).uri, "a.json");
        assert_eq!(artifact_location("/repo/sub/../a.json", root).uri, "a.json");
        assert_eq!(
            artifact_location("/elsewhere/a.json", root).uri,
            "../elsewhere/a.json"
        );
        assert_eq!(
            artifact_location("/elsewhere/a.json", root).uri_base_id,
            "%SRCROOT%"
        );
        assert_eq!(root_uri(root), "file:///repo/");
    }

    #[test]
    fn security_rules_carry_a_score_and_tag() {
        static META: RuleMeta = RuleMeta {
            id: "X-001",
            name: "x",
            severity: Severity::Warning,
            summary: "x",
            tags: &["iam"],
            security_severity: Some("8.0"),
            reference: "https://example.com",
            raw_docs: " ## What it does\n Finds x.\n",
            enabled_by_default: false,
        };
        let d = descriptor(&META);
        assert_eq!(d["defaultConfiguration"]["enabled"], false);
        assert_eq!(d["properties"]["security-severity"], "8.0");
        assert_eq!(d["properties"]["tags"], json!(["iam", "security"]));
        assert_eq!(d["fullDescription"]["text"], "Finds x.");
    }

    #[test]
    fn runs_keep_the_most_severe_results_github_accepts() {
        use crate::diagnostic::Diagnostic;
        let note = crate::rules::find("IAM-008").unwrap();
        let error = crate::rules::find("FARGATE-001").unwrap();
        let mut diagnostics: Vec<Diagnostic> = (0..MAX_RESULTS)
            .map(|i| Diagnostic::new(note, Span::new(i % 3, i % 3 + 1), "n"))
            .collect();
        diagnostics.push(Diagnostic::new(error, Span::new(0, 1), "e"));
        let report = FileReport {
            path: "a.json".into(),
            text: "abc".into(),
            diagnostics,
            notes: Vec::new(),
            io_error: None,
        };
        let options = Options {
            format: super::super::Format::Sarif,
            color: false,
            root: std::path::PathBuf::from("/"),
            files_checked: 1,
        };
        let sarif: Value = serde_json::from_str(&render(&[report], &options)).unwrap();
        let run = &sarif["runs"][0];
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), MAX_RESULTS);
        assert_eq!(results[0]["ruleId"], "FARGATE-001");
        let notice = &run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"];
        assert!(
            notice.as_str().unwrap().starts_with("25001 findings"),
            "{notice}"
        );
    }

    #[test]
    fn help_text_is_plain() {
        let text = plain_text(
            "## Why\nSee [the guide](https://x.example/a) for `cpu`.\n```yaml\na: 1\n```\n",
        );
        assert_eq!(
            text,
            "Why\nSee the guide (https://x.example/a) for cpu.\na: 1\n"
        );
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
    }
}
