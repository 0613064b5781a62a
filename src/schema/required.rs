//! The `required` keyword, seeing what the other keywords are not shown: in a template a
//! property set to an intrinsic function (`ListenerArn: !Ref Listener`) is present, though
//! its value is hidden from validation. With jsonschema's own `required` every such resource
//! failed the fast validity check and was validated a second time, collecting errors only
//! to drop them.
//!
//! An unset member (`null`, `""`) is missing, as for the AWS APIs: the error names the
//! property and the violation points at the empty value.

use jsonschema::Keyword;
use jsonschema::ValidationError;
use jsonschema::paths::Location;
use serde_json::{Map, Value};

use super::json_adapter::{NodeRef, Spanned};
use crate::dialect::reader::is_unset;
use crate::source::tree::Node;

/// The keyword's name in the errors it raises, whose message is the missing property.
pub const KEYWORD: &str = "required";

struct Required {
    names: Vec<String>,
}

impl Required {
    /// The required properties `node` lacks; none when it is not an object (`type` says so).
    fn missing<'s>(&'s self, node: &'s Node<'s>) -> impl Iterator<Item = &'s str> {
        let entries = node.as_object();
        self.names.iter().map(String::as_str).filter(move |name| {
            // The last of duplicate keys is the value, as everywhere else.
            entries.is_some_and(|entries| {
                entries
                    .iter()
                    .rev()
                    .find(|e| e.key == *name)
                    .is_none_or(|e| is_unset(&e.value))
            })
        })
    }
}

impl<'i, const T: bool> Keyword<'i, Spanned<T>> for Required {
    fn validate(&self, instance: NodeRef<'i, T>) -> Result<(), ValidationError<'i>> {
        match self.missing(instance.0).next() {
            Some(name) => Err(ValidationError::custom(name)),
            None => Ok(()),
        }
    }

    fn is_valid(&self, instance: NodeRef<'i, T>) -> bool {
        self.missing(instance.0).next().is_none()
    }

    fn iter_errors(
        &self,
        instance: NodeRef<'i, T>,
    ) -> Box<dyn Iterator<Item = ValidationError<'i>> + 'i> {
        let missing: Vec<ValidationError<'i>> = self
            .missing(instance.0)
            .map(ValidationError::custom)
            .collect();
        Box::new(missing.into_iter())
    }
}

/// The factory `ValidationOptions::with_keyword("required", …)` takes.
pub fn factory<'a, const T: bool>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _location: Location,
) -> Result<Box<dyn for<'i> Keyword<'i, Spanned<T>>>, ValidationError<'a>> {
    let names = value
        .as_array()
        .and_then(|names| names.iter().map(|n| n.as_str().map(String::from)).collect())
        .ok_or_else(|| ValidationError::custom("`required` must be a list of strings"))?;
    Ok(Box::new(Required { names }))
}
