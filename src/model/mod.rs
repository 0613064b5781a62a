//! The typed, spanned model that every dialect's adapter fills and every rule reads.
//!
//! Rules never see which format a value came from: an ECS API document, a CloudFormation
//! template and a Terraform configuration all become these types. Every field a rule can
//! complain about keeps where it was written.

pub mod service;
pub mod task_definition;

pub use service::*;
pub use task_definition::*;

use crate::source::span::{Located, Span};

/// A property's value as far as static analysis can know it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<T> {
    /// The value, where it was written, and where it came from if it arrived indirectly.
    Known(Located<T>),
    /// Set, but to something that is only known at deploy time (a template placeholder, an
    /// unresolvable intrinsic). Rules never report an error on an unknown value.
    Unknown(Span),
    /// Set to a concrete value of the wrong form (`"cpu": "fast"`); reported by the schema
    /// check, and skipped by rules that need the value.
    Invalid(Located<String>),
}

impl<T> Val<T> {
    pub fn known(&self) -> Option<&Located<T>> {
        match self {
            Val::Known(located) => Some(located),
            _ => None,
        }
    }

    pub fn value(&self) -> Option<&T> {
        self.known().map(|l| &l.value)
    }

    pub fn span(&self) -> Span {
        match self {
            Val::Known(l) => l.span,
            Val::Unknown(span) => *span,
            Val::Invalid(l) => l.span,
        }
    }
}

/// The value of an optional property: its known value, if it is set and known.
pub fn known<T>(field: &Option<Val<T>>) -> Option<&Located<T>> {
    field.as_ref().and_then(Val::known)
}

/// The known value of an optional property, without its location.
pub fn value<T>(field: &Option<Val<T>>) -> Option<&T> {
    known(field).map(|l| &l.value)
}

/// Everything one document declares that rules look at.
#[derive(Debug, Default)]
pub struct Model {
    pub task_definitions: Vec<TaskDefinition>,
    pub services: Vec<Service>,
}
