//! The `pattern` keyword, compiled when a value first reaches it and once per distinct
//! pattern.
//!
//! jsonschema compiles every `pattern` of a schema when it builds the validator. The bundled
//! CloudFormation schemas hold 51, 14 of them the same Unicode tag pattern
//! (`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`), and compiling them cost each process about 6 ms and
//! 18 MB before the first template was read: more than linting a typical template. Most
//! patterns guard properties a given run never sees (`Tags` values, launch template fields).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use fancy_regex::Regex;
use jsonschema::Keyword;
use jsonschema::ValidationError;
use jsonschema::json::{Json, Node};
use jsonschema::paths::Location;
use serde_json::{Map, Value};

/// A `pattern` whose regular expression is built on first use.
struct LazyPattern {
    pattern: String,
    regex: OnceLock<Option<Arc<Regex>>>,
}

impl LazyPattern {
    /// Whether `text` matches. A pattern the engine cannot build (none of the bundled ones:
    /// a test compiles them all) or a match that exceeds the backtracking limit rejects
    /// nothing: ecslint reports only what it knows.
    fn accepts(&self, text: &str) -> bool {
        let regex = self.regex.get_or_init(|| shared(&self.pattern));
        regex
            .as_ref()
            .is_none_or(|regex| regex.is_match(text).unwrap_or(true))
    }
}

impl<'i, F: Json> Keyword<'i, F> for LazyPattern {
    fn validate(&self, instance: F::Node<'i>) -> Result<(), ValidationError<'i>> {
        if <Self as Keyword<'i, F>>::is_valid(self, instance) {
            Ok(())
        } else {
            // jsonschema's own wording for the `pattern` keyword.
            Err(ValidationError::custom(format!(
                "value does not match \"{}\"",
                self.pattern
            )))
        }
    }

    fn is_valid(&self, instance: F::Node<'i>) -> bool {
        instance.as_string().is_none_or(|text| self.accepts(&text))
    }
}

/// The factory `ValidationOptions::with_keyword("pattern", …)` takes.
pub fn factory<'a, F: Json>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _location: Location,
) -> Result<Box<dyn for<'i> Keyword<'i, F>>, ValidationError<'a>> {
    let pattern = value
        .as_str()
        .ok_or_else(|| ValidationError::custom("`pattern` must be a string"))?;
    Ok(Box::new(LazyPattern {
        pattern: pattern.to_string(),
        regex: OnceLock::new(),
    }))
}

/// The process's one compiled form of `pattern` (ECMA-262 syntax, translated as jsonschema
/// does), or `None` when it cannot be built.
fn shared(pattern: &str) -> Option<Arc<Regex>> {
    static COMPILED: OnceLock<Mutex<HashMap<String, Option<Arc<Regex>>>>> = OnceLock::new();
    let mut compiled = COMPILED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    compiled
        .entry(pattern.to_string())
        .or_insert_with(|| compile(pattern))
        .clone()
}

fn compile(pattern: &str) -> Option<Arc<Regex>> {
    let translated = jsonschema_regex::to_rust_regex(pattern).ok()?;
    Regex::new(&translated).ok().map(Arc::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns_in(schema: &Value, out: &mut Vec<String>) {
        match schema {
            Value::Object(members) => {
                for (key, value) in members {
                    match (key.as_str(), value) {
                        ("pattern", Value::String(p)) => out.push(p.clone()),
                        _ => patterns_in(value, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| patterns_in(item, out)),
            _ => {}
        }
    }

    #[test]
    fn every_bundled_pattern_compiles() {
        let mut patterns = Vec::new();
        for (_, text) in super::super::bundled_schemas() {
            patterns_in(&serde_json::from_str(text).unwrap(), &mut patterns);
        }
        assert!(patterns.len() > 40, "{} patterns", patterns.len());
        for pattern in patterns {
            assert!(compile(&pattern).is_some(), "{pattern}");
        }
    }

    #[test]
    fn ecma_semantics_and_lookahead() {
        let lazy = |p: &str| LazyPattern {
            pattern: p.to_string(),
            regex: OnceLock::new(),
        };
        // ECMA-262 `\d` is ASCII only; Rust's is Unicode.
        assert!(lazy(r"^\d+$").accepts("42"));
        assert!(!lazy(r"^\d+$").accepts("٤٢"));
        // The ECR repository name pattern needs look-ahead (fancy-regex).
        let repository = lazy(r"^(?=.{2,256}$)([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)$");
        assert!(repository.accepts("my-app"));
        assert!(!repository.accepts("a"));
        assert!(!repository.accepts("My-App"));
    }
}
