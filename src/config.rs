//! `.ecslint.yaml`: which rules run, at which severity, on which files. The nearest one in a
//! linted file's directory or above it applies (ruff's model: a monorepo can have one per
//! project); `--config FILE` makes one apply to everything. Every mistake in it is an error
//! located in the file, so a typo never silently changes what is checked.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};

use crate::diagnostic::Severity;
use crate::rules;
use crate::source::line_index::LineIndex;
use crate::source::span::Span;
use crate::source::tree::{Node, Value};
use crate::source::yaml::parse_yaml;

/// The file name looked for.
pub const FILE_NAME: &str = ".ecslint.yaml";

/// The keys a configuration may have, as the JSON Schema in `schemas/` lists them.
const KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "fail-level",
    "exclude",
    "per-file-ignores",
    "severity",
];

/// When a run fails: at findings of this severity or above, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Note,
    None,
}

impl FailLevel {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailLevel::Error => Some(Severity::Error),
            FailLevel::Warning => Some(Severity::Warning),
            FailLevel::Note => Some(Severity::Note),
            FailLevel::None => None,
        }
    }
}

/// One configuration: a file's, or the defaults.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// The directory its globs are relative to (absolute).
    pub dir: PathBuf,
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_level: Option<FailLevel>,
    exclude: Vec<(String, GlobMatcher)>,
    per_file_ignores: Vec<(String, GlobMatcher, Vec<String>)>,
    /// Rule selector → severity; `None` turns the rule off.
    pub severity: Vec<(String, Option<Severity>)>,
}

/// A mistake in a configuration file, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl Config {
    /// The defaults, for files with no configuration above them.
    pub fn defaults(dir: &Path) -> Config {
        Config {
            dir: dir.to_path_buf(),
            ..Config::default()
        }
    }

    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
        let name = crate::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![ConfigError {
                path: name.clone(),
                line: 1,
                column: 1,
                message: format!("cannot read the configuration: {e}"),
            }]
        })?;
        let absolute = std::env::current_dir().unwrap_or_default().join(path);
        let dir = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
        Config::parse(&text, &name, dir)
    }

    fn parse(text: &str, name: &str, dir: PathBuf) -> Result<Config, Vec<ConfigError>> {
        let index = LineIndex::new(text);
        let mut errors = Vec::new();
        let mut error = |span: Span, message: String| {
            let p = index.position(text, span.start as usize);
            errors.push(ConfigError {
                path: name.to_string(),
                line: p.line,
                column: p.column,
                message,
            });
        };
        let mut config = Config {
            path: Some(PathBuf::from(name)),
            dir,
            ..Config::default()
        };
        let documents = match parse_yaml(text) {
            Ok(documents) => documents,
            Err(e) => {
                error(e.span, e.message);
                return Err(errors);
            }
        };
        let Some(root) = documents.first() else {
            return Ok(config);
        };
        let Some(entries) = root.as_object() else {
            if root.value != Value::Null {
                error(
                    root.span,
                    "the configuration must be a mapping of settings".into(),
                );
            }
            return finish(config, errors);
        };
        for entry in entries {
            let value = &entry.value;
            match entry.key.as_ref() {
                "select" => config.select = selectors(value, &mut error),
                "extend-select" => config.extend_select = selectors(value, &mut error),
                "ignore" => config.ignore = selectors(value, &mut error),
                "fail-level" => {
                    config.fail_level = match value.as_str() {
                        Some("error") => Some(FailLevel::Error),
                        Some("warning") => Some(FailLevel::Warning),
                        Some("note") => Some(FailLevel::Note),
                        Some("none") => Some(FailLevel::None),
                        _ => {
                            error(
                                value.span,
                                "`fail-level` must be error, warning, note or none".into(),
                            );
                            None
                        }
                    }
                }
                "exclude" => {
                    for pattern in strings(value, "exclude", &mut error) {
                        if let Some(matcher) = glob(&pattern.0, pattern.1, &mut error) {
                            config.exclude.push((pattern.0, matcher));
                        }
                    }
                }
                "per-file-ignores" => match value.as_object() {
                    Some(patterns) => {
                        for p in patterns {
                            let Some(matcher) = glob(&p.key, p.key_span, &mut error) else {
                                continue;
                            };
                            let rules = selectors(&p.value, &mut error);
                            config
                                .per_file_ignores
                                .push((p.key.to_string(), matcher, rules));
                        }
                    }
                    None => error(
                        value.span,
                        "`per-file-ignores` maps globs to lists of rules".into(),
                    ),
                },
                "severity" => match value.as_object() {
                    Some(rules_set) => {
                        for r in rules_set {
                            if !rules::is_selector(&r.key) {
                                error(r.key_span, unknown_rule(&r.key));
                                continue;
                            }
                            let severity = match r.value.as_str() {
                                Some("error") => Some(Severity::Error),
                                Some("warning") => Some(Severity::Warning),
                                Some("note") => Some(Severity::Note),
                                Some("off") => None,
                                _ => {
                                    error(
                                        r.value.span,
                                        "a severity is error, warning, note or off".into(),
                                    );
                                    continue;
                                }
                            };
                            config.severity.push((r.key.to_string(), severity));
                        }
                    }
                    None => error(
                        value.span,
                        "`severity` maps rules to error, warning, note or off".into(),
                    ),
                },
                other => {
                    let suggestion = crate::suggest::closest(other, KEYS.iter().copied())
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    error(
                        entry.key_span,
                        format!(
                            "unknown setting `{other}`{suggestion} (settings: {})",
                            KEYS.join(", ")
                        ),
                    );
                }
            }
        }
        finish(config, errors)
    }

    /// The nearest configuration file in `dir` or above it.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// The path of a linted file relative to this configuration's directory, for its globs.
    fn relative(&self, file: &str) -> Option<PathBuf> {
        let absolute = std::env::current_dir().ok()?.join(file);
        let normal: PathBuf = absolute.components().collect();
        normal.strip_prefix(&self.dir).ok().map(Path::to_path_buf)
    }

    /// Whether the file is excluded.
    pub fn excludes(&self, file: &str) -> bool {
        // Most runs have no patterns: don't resolve the path of every file for none.
        !self.exclude.is_empty()
            && self
                .relative(file)
                .is_some_and(|rel| self.exclude.iter().any(|(_, m)| m.is_match(&rel)))
    }

    /// The rules `per-file-ignores` turns off for the file, each with its glob.
    pub fn ignored_in(&self, file: &str) -> Vec<(&str, &str)> {
        if self.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let Some(rel) = self.relative(file) else {
            return Vec::new();
        };
        self.per_file_ignores
            .iter()
            .filter(|(_, matcher, _)| matcher.is_match(&rel))
            .flat_map(|(pattern, _, rules)| {
                rules.iter().map(move |r| (pattern.as_str(), r.as_str()))
            })
            .collect()
    }

    /// The severity a finding of `rule` has here: `None` when the configuration turns it off.
    pub fn severity_of(&self, rule: &rules::RuleMeta, default: Severity) -> Option<Severity> {
        // The most specific selector wins: an id over a family prefix.
        self.severity
            .iter()
            .filter(|(selector, _)| rule.matches(selector))
            .max_by_key(|(selector, _)| selector.len())
            .map_or(Some(default), |(_, severity)| *severity)
    }

    /// What applies, for `--show-settings`.
    pub fn describe(&self, file: &str) -> String {
        let list = |items: &[String]| {
            if items.is_empty() {
                "[]".to_string()
            } else {
                format!("[{}]", items.join(", "))
            }
        };
        let mut out = String::new();
        out.push_str(&format!(
            "config: {}\n",
            self.path
                .as_ref()
                .map_or("(none: defaults)".to_string(), |p| crate::display_path(p))
        ));
        out.push_str(&format!("select: {}\n", list(&self.select)));
        out.push_str(&format!("extend-select: {}\n", list(&self.extend_select)));
        out.push_str(&format!("ignore: {}\n", list(&self.ignore)));
        out.push_str(&format!(
            "fail-level: {}\n",
            match self.fail_level.unwrap_or(FailLevel::Error) {
                FailLevel::Error => "error",
                FailLevel::Warning => "warning",
                FailLevel::Note => "note",
                FailLevel::None => "none",
            }
        ));
        let excluded: Vec<String> = self.exclude.iter().map(|(p, _)| p.clone()).collect();
        out.push_str(&format!("exclude: {}\n", list(&excluded)));
        out.push_str(&format!("excluded: {}\n", self.excludes(file)));
        let ignored: Vec<String> = self
            .ignored_in(file)
            .into_iter()
            .map(|(glob, rule)| format!("{rule} (per-file-ignores {glob})"))
            .collect();
        out.push_str(&format!(
            "per-file-ignores for this file: {}\n",
            list(&ignored)
        ));
        let severities: Vec<String> = self
            .severity
            .iter()
            .map(|(rule, s)| format!("{rule}: {}", s.map_or("off", Severity::as_str)))
            .collect();
        out.push_str(&format!("severity: {}\n", list(&severities)));
        out
    }
}

fn finish(config: Config, errors: Vec<ConfigError>) -> Result<Config, Vec<ConfigError>> {
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

fn unknown_rule(selector: &str) -> String {
    format!("`{selector}` names no rule (see `ecslint rules`)")
}

/// A list of strings (a single string is a list of one).
fn strings(node: &Node, key: &str, error: &mut impl FnMut(Span, String)) -> Vec<(String, Span)> {
    match &node.value {
        Value::String(s) => vec![(s.to_string(), node.span)],
        Value::Array(items) => items
            .iter()
            .filter_map(|item| match item.as_str() {
                Some(s) => Some((s.to_string(), item.span)),
                None => {
                    error(item.span, format!("`{key}` lists strings"));
                    None
                }
            })
            .collect(),
        _ => {
            error(node.span, format!("`{key}` is a list of strings"));
            Vec::new()
        }
    }
}

/// A list of rule selectors, each checked.
fn selectors(node: &Node, error: &mut impl FnMut(Span, String)) -> Vec<String> {
    strings(node, "rules", error)
        .into_iter()
        .filter_map(|(selector, span)| {
            if rules::is_selector(&selector) {
                Some(selector)
            } else {
                error(span, unknown_rule(&selector));
                None
            }
        })
        .collect()
}

fn glob(pattern: &str, span: Span, error: &mut impl FnMut(Span, String)) -> Option<GlobMatcher> {
    match Glob::new(pattern) {
        Ok(glob) => Some(glob.compile_matcher()),
        Err(e) => {
            error(span, format!("`{pattern}` is not a glob: {e}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
        Config::parse(text, ".ecslint.yaml", PathBuf::from("/repo"))
    }

    #[test]
    fn settings_are_read() {
        let config = parse(
            "select: [FARGATE, ECS-TD]\nignore: ECS-TD-027\nfail-level: warning\nexclude: ['vendor/**']\nper-file-ignores:\n  'legacy/*.json': [FARGATE-001]\nseverity:\n  IAM-008: off\n  ECS-TD-026: error\n",
        )
        .unwrap();
        assert_eq!(config.select, ["FARGATE", "ECS-TD"]);
        assert_eq!(config.ignore, ["ECS-TD-027"]);
        assert_eq!(config.fail_level, Some(FailLevel::Warning));
        let rule = rules::find("IAM-008").unwrap();
        assert_eq!(config.severity_of(rule, Severity::Note), None);
        let rule = rules::find("ECS-TD-026").unwrap();
        assert_eq!(
            config.severity_of(rule, Severity::Warning),
            Some(Severity::Error)
        );
    }

    #[test]
    fn mistakes_are_located() {
        let errors =
            parse("selct: [FARGATE]\nignore: [NOPE-1]\nseverity:\n  IAM-008: loud\n").unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            messages[0]
                .starts_with(".ecslint.yaml:1:1: unknown setting `selct`; did you mean `select`?"),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with(".ecslint.yaml:2:10: `NOPE-1` names no rule"),
            "{messages:?}"
        );
        assert!(
            messages[2].starts_with(".ecslint.yaml:4:12: a severity is"),
            "{messages:?}"
        );
    }
}
