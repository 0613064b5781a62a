//! SARIF 2.1.0: one run with every rule's descriptor and every finding, relative URIs under
//! `%SRCROOT%`, full regions (1-based, UTF-16 columns as SARIF's default `columnKind`), and
//! `partialFingerprints` from rule + file + JSON pointer, which survive lines moving.

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Options, Positions, Region};
use crate::diagnostic::Severity;
use crate::lint::FileReport;
use crate::rules::{self, RuleMeta};
use crate::source::span::Span;

pub fn render(reports: &[FileReport], options: &Options) -> String {
    let rules = rules::all();
    let mut results = Vec::new();
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let positions = Positions::new(report);
        let artifact = artifact_location(&report.path, &options.root);
        let physical = |span: Span| {
            let region = positions.region(span);
            json!({"artifactLocation": artifact, "region": region_json(region, span)})
        };
        for d in &report.diagnostics {
            let index = rules
                .iter()
                .position(|r| r.id == d.rule.id)
                .expect("registered rule");
            let text = match &d.help {
                Some(help) => format!("{}. {help}", d.message),
                None => d.message.clone(),
            };
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| json!({"id": i + 1, "physicalLocation": physical(l.span), "message": {"text": l.message}}))
                .collect();
            let mut result = json!({
                "ruleId": d.rule.id,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{"physicalLocation": physical(d.span)}],
                "partialFingerprints": {
                    "ecslint/v1": format!("{:016x}", fnv1a(&[d.rule.id, &report.path, &d.pointer]))
                },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = reports
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
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![json!({
            "tool": {"driver": {
                "name": "ecslint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri(&options.root)}},
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        })],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("serialisable");
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Value>,
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
        "help": {"text": docs, "markdown": docs},
        "helpUri": rule.reference,
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": properties,
    })
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

fn region_json(region: Region, span: Span) -> Value {
    json!({
        "startLine": region.start.line,
        "startColumn": region.start.column_utf16,
        "endLine": region.end.line,
        "endColumn": region.end.column_utf16,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

/// Relative paths are relative to `%SRCROOT%` (the working directory); absolute paths
/// outside it become `file://` URIs.
fn artifact_location(path: &str, root: &Path) -> Value {
    let as_path = Path::new(path);
    let relative = if as_path.is_absolute() {
        as_path
            .strip_prefix(root)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    } else {
        Some(path.to_string())
    };
    match relative {
        Some(rel) => json!({"uri": percent_encode(&rel), "uriBaseId": "%SRCROOT%"}),
        None => json!({"uri": format!("file://{}", percent_encode(path))}),
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
    fn uris_are_relative_and_encoded() {
        let root = Path::new("/repo");
        assert_eq!(
            artifact_location("infra/td one.json", root)["uri"],
            "infra/td%20one.json"
        );
        assert_eq!(artifact_location("/repo/a.json", root)["uri"], "a.json");
        assert_eq!(
            artifact_location("/elsewhere/a.json", root)["uri"],
            "file:///elsewhere/a.json"
        );
        assert!(
            artifact_location("/elsewhere/a.json", root)
                .get("uriBaseId")
                .is_none()
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
        };
        let d = descriptor(&META);
        assert_eq!(d["properties"]["security-severity"], "8.0");
        assert_eq!(d["properties"]["tags"], json!(["iam", "security"]));
        assert_eq!(d["fullDescription"]["text"], "Finds x.");
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
    }
}
