//! Scenarios: a template or module is not one configuration but several, one for each value
//! its inputs allow (CloudFormation's `AllowedValues`, a Terraform variable's `contains`
//! validation) and each branch the defaults cannot decide. Each dialect builds one model per
//! scenario; the engine merges their findings.

use crate::model::{Model, Reads};
use crate::source::span::Span;

/// At most this many scenarios are checked per template or module (a parameter listing
/// every EC2 instance type must not multiply the work by a hundred).
pub const MAX_SCENARIOS: usize = 64;

/// The model of one scenario.
pub struct ScenarioModel {
    pub model: Model,
    /// The choice that defines a scenario other than the default one.
    pub choice: Option<Choice>,
    /// The collections in which this model may differ from the default scenario's: only
    /// the rules that read one of them are run again.
    pub changed: Reads,
}

/// A parameter or variable set to one of its allowed values, or a condition taken as false.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The allowed value, or the condition's name.
    pub span: Span,
    /// "parameter `Cpu`", "condition `IsProd`", "variable `cpu`".
    pub subject: String,
    /// "4096", "false".
    pub value: String,
}

impl Choice {
    /// "when parameter `Cpu` is 4096".
    pub fn describe(&self) -> String {
        format!("when {} is {}", self.subject, self.value)
    }
}
