//! Suppressions written where the finding is: a comment (`# ecslint: ignore FARGATE-001 why`)
//! at the end of the line the finding starts on or alone on the line above it, in YAML and
//! HCL; a CloudFormation `Metadata: {ecslint: {ignore: [...]}}` on a resource or on the whole
//! template. A suppressed finding is kept (SARIF shows it as dismissed, with its reason), not
//! printed, and does not fail the run; a suppression that suppresses nothing is itself
//! reported, as ruff's RUF100 does.

use crate::diagnostic::{Diagnostic, Suppressed};
use crate::lint::RuleFilter;
use crate::rules::input::unused_suppression::UnusedSuppression;
use crate::rules::{self, Declared};
use crate::source::span::Span;
use crate::source::tree::{Node, Value};

/// The marker a suppression comment starts with, after `#` or `//`.
const MARKER: &str = "ecslint: ignore";

/// One suppression: the rules it names, where it applies and why.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// Each selector (an id, a name or a family prefix) and where it is written.
    pub selectors: Vec<(String, Span)>,
    /// Findings that start in this range are suppressed.
    pub applies: Span,
    pub reason: Option<String>,
}

/// How comments are written in a file, if it has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    /// YAML: `#`.
    Hash,
    /// HCL: `#` or `//`.
    HashOrSlashes,
}

impl Comments {
    /// The comment syntax of a file by its name; JSON has none.
    pub fn of(path: &str) -> Option<Comments> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".tf") {
            Some(Comments::HashOrSlashes)
        } else if lower.ends_with(".json") || lower.ends_with(".tf.json") {
            None
        } else {
            // YAML files and templates, and standard input named without an extension.
            Some(Comments::Hash)
        }
    }
}

/// The suppression comments in a file's text.
pub fn comments(text: &str, syntax: Comments) -> Vec<Suppression> {
    let mut found = Vec::new();
    // Most files have none: one search decides.
    if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
        return found;
    }
    let mut line_start = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        let start = line_start;
        line_start += line.len();
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        let before = line[..at].trim_end();
        let opener = if before.ends_with('#') {
            before.len() - 1
        } else if syntax == Comments::HashOrSlashes && before.ends_with("//") {
            before.len() - 2
        } else {
            continue;
        };
        let code_before = line[..opener].trim();
        let applies = if code_before.is_empty() {
            // Alone on its line: for the next line.
            match lines.get(index + 1) {
                Some(next) => Span::new(line_start, line_start + next.len()),
                None => continue,
            }
        } else {
            Span::new(start, start + line.len())
        };
        let rest_at = at + MARKER.len();
        let (selectors, reason) = parse_list(&line[rest_at..], start + rest_at);
        if !selectors.is_empty() {
            found.push(Suppression {
                selectors,
                applies,
                reason,
            });
        }
    }
    found
}

/// `FARGATE-001, ECS-TD-027 the reason`: the selectors (comma- or space-separated words that
/// look like rule ids or names) and the rest as the reason.
fn parse_list(rest: &str, base: usize) -> (Vec<(String, Span)>, Option<String>) {
    let mut selectors = Vec::new();
    let mut offset = 0;
    let text = rest.trim_end_matches(['\r', '\n']);
    loop {
        let remaining = &text[offset..];
        let skipped = remaining.len() - remaining.trim_start_matches([' ', ',', '\t']).len();
        offset += skipped;
        let remaining = &text[offset..];
        let word_len = remaining
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(remaining.len());
        let word = &remaining[..word_len];
        if word.is_empty() || !rules::is_selector(word) {
            break;
        }
        let at = base + offset;
        selectors.push((word.to_string(), Span::new(at, at + word_len)));
        offset += word_len;
    }
    let reason = text[offset..].trim();
    (selectors, (!reason.is_empty()).then(|| reason.to_string()))
}

/// CloudFormation `Metadata` suppressions: the template's (the whole file) and each
/// resource's (the resource). `text` is the file the root was parsed from.
pub fn template_metadata(root: &Node, whole: Span) -> Vec<Suppression> {
    let mut found = Vec::new();
    if let Some(metadata) = root.get("Metadata") {
        found.extend(metadata_ignore(metadata, whole));
    }
    for resource in root
        .get("Resources")
        .and_then(Node::as_object)
        .unwrap_or_default()
    {
        if let Some(metadata) = resource.value.get("Metadata") {
            let applies = resource.key_span.cover(resource.value.span);
            found.extend(metadata_ignore(metadata, applies));
        }
    }
    found
}

/// `ecslint: {ignore: [FARGATE-001, {id: ECS-TD-027, reason: "…"}]}`: one suppression per
/// entry, so each can have its own reason.
fn metadata_ignore(metadata: &Node, applies: Span) -> Vec<Suppression> {
    let Some(list) = metadata
        .get("ecslint")
        .and_then(|e| e.get("ignore"))
        .and_then(Node::as_array)
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|entry| {
            // `FARGATE-001`, or `{id: FARGATE-001, reason: …}`.
            let (selector, reason) = match &entry.value {
                Value::Object(_) => (
                    entry.get("id")?,
                    entry
                        .get("reason")
                        .and_then(Node::as_str)
                        .map(str::to_string),
                ),
                _ => (entry, None),
            };
            Some(Suppression {
                selectors: vec![(selector.as_str()?.to_string(), selector.span)],
                applies,
                reason,
            })
        })
        .collect()
}

/// Marks the findings the suppressions cover, and reports each selector that covers none
/// of the rules this run checks.
pub fn apply(suppressions: &[Suppression], diagnostics: &mut Vec<Diagnostic>, filter: &RuleFilter) {
    if suppressions.is_empty() {
        return;
    }
    let all = rules::all();
    let mut unused = Vec::new();
    for suppression in suppressions {
        for (selector, span) in &suppression.selectors {
            let mut used = false;
            for d in diagnostics.iter_mut() {
                let inside = suppression.applies.start <= d.span.start
                    && d.span.start < suppression.applies.end.max(suppression.applies.start + 1);
                if inside && d.rule.matches(selector) && d.rule.id != UnusedSuppression::meta().id {
                    used = true;
                    d.suppressed.get_or_insert(Suppressed {
                        in_source: true,
                        justification: suppression.reason.clone(),
                    });
                }
            }
            let checked = all.iter().any(|r| r.matches(selector) && filter.enabled(r));
            if !used && checked {
                unused.push((selector.clone(), *span));
            }
        }
    }
    if filter.enabled(UnusedSuppression::meta()) {
        for (selector, span) in unused {
            let mut diagnostic = Diagnostic::new(
                UnusedSuppression::meta(),
                span,
                format!("This suppression of `{selector}` suppresses nothing here"),
            );
            diagnostic.help = Some(
                "Remove it: the finding it was written for is gone, or it is on another line."
                    .into(),
            );
            diagnostics.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_at_the_end_of_a_line_or_alone_above_it() {
        let text = "a: 1 # ecslint: ignore FARGATE-001, ECS-TD-027 one task per host\n# ecslint: ignore IAM\nb: 2\nc: 3 # ecslint: ignore nothing-like-a-rule\n";
        let found = comments(text, Comments::Hash);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].selectors.len(), 2);
        assert_eq!(&text[found[0].selectors[1].1.range()], "ECS-TD-027");
        assert_eq!(found[0].reason.as_deref(), Some("one task per host"));
        assert_eq!(
            &text[found[0].applies.range()],
            "a: 1 # ecslint: ignore FARGATE-001, ECS-TD-027 one task per host\n"
        );
        assert_eq!(&text[found[1].applies.range()], "b: 2\n");
        assert_eq!(found[1].reason, None);
    }

    #[test]
    fn hcl_comments_may_use_slashes() {
        let text = "cpu = 256 // ecslint: ignore FARGATE-001\n";
        assert_eq!(comments(text, Comments::HashOrSlashes).len(), 1);
        assert!(comments(text, Comments::Hash).is_empty());
    }
}
