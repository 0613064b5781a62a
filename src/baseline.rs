//! Baselines: today's findings recorded (`--write-baseline FILE`), so that an existing
//! codebase can adopt ecslint and be held to "no new findings" (`--baseline FILE`). A finding
//! is matched by its rule, its file (relative to the repository root) and the value's logical
//! path — the JSON pointer in its document, or the Terraform resource and pointer — never
//! its line, so the baseline survives edits that move lines. Rewriting it drops what was fixed.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Suppressed;
use crate::lint::FileReport;
use crate::report::root_relative;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    rule: String,
    path: String,
    pointer: String,
    /// How many findings of the rule there are at that value.
    count: usize,
}

/// A baseline read from its file.
pub struct Baseline {
    /// (rule, path, pointer) → how many findings there may still be.
    remaining: FxHashMap<(String, String, String), usize>,
    name: String,
}

/// The baseline of these reports, as its file's text.
pub fn write(reports: &[FileReport], root: &Path) -> String {
    let mut counts: FxHashMap<(String, String, String), usize> = FxHashMap::default();
    for report in reports {
        let path = root_relative(&report.path, root);
        for d in report.shown() {
            *counts
                .entry((d.rule.id.to_string(), path.clone(), d.pointer.clone()))
                .or_default() += 1;
        }
    }
    let mut findings: Vec<Entry> = counts
        .into_iter()
        .map(|((rule, path, pointer), count)| Entry {
            rule,
            path,
            pointer,
            count,
        })
        .collect();
    findings.sort();
    let file = File {
        version: VERSION,
        findings,
    };
    serde_json::to_string_pretty(&file).expect("serialisable") + "\n"
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let name = crate::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let file: File = serde_json::from_str(&text)
            .map_err(|e| format!("{name}: not an ecslint baseline: {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "{name}: baseline version {} (this ecslint writes version {VERSION})",
                file.version
            ));
        }
        let remaining = file
            .findings
            .into_iter()
            .map(|e| ((e.rule, e.path, e.pointer), e.count))
            .collect();
        Ok(Baseline { remaining, name })
    }

    /// Marks the findings the baseline holds as suppressed: they are not printed and do not
    /// fail the run; SARIF keeps them, dismissed.
    pub fn apply(&mut self, reports: &mut [FileReport], root: &Path) {
        for report in reports {
            let path = root_relative(&report.path, root);
            for d in report
                .diagnostics
                .iter_mut()
                .filter(|d| d.suppressed.is_none())
            {
                let key = (d.rule.id.to_string(), path.clone(), d.pointer.clone());
                if let Some(left) = self.remaining.get_mut(&key)
                    && *left > 0
                {
                    *left -= 1;
                    d.suppressed = Some(Suppressed {
                        in_source: false,
                        justification: Some(format!("in the baseline {}", self.name)),
                    });
                }
            }
        }
    }
}
