//! What a rule reports: a message about one place, with optional secondary labels and help.

use crate::rules::RuleMeta;
use crate::source::span::{Located, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place that matters to a finding ("memory is set here").
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// One sentence naming the violation with its concrete values.
    pub message: String,
    pub span: Span,
    /// Text shown under the primary span.
    pub primary_label: Option<String>,
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The JSON pointer of the reported value in its document: the finding's identity for
    /// fingerprints, stable when lines move. Filled by the engine.
    pub pointer: String,
    /// Set when a suppression covers the finding: it is not printed and does not fail the
    /// run, but SARIF keeps it, dismissed.
    pub suppressed: Option<Suppressed>,
}

/// Why a finding is suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppressed {
    /// In the file (a comment, `Metadata`), rather than in the configuration.
    pub in_source: bool,
    pub justification: Option<String>,
}

impl Diagnostic {
    pub fn new(rule: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            pointer: String::new(),
            suppressed: None,
        }
    }

    pub fn primary(&mut self, message: impl Into<String>) -> &mut Self {
        self.primary_label = Some(message.into());
        self
    }

    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Labels where a value really came from, when it arrived through indirection:
    /// "the CPU value comes from the default of parameter `TaskCpu`", with `subject` "the
    /// CPU value".
    pub fn origin<T>(&mut self, value: &Located<T>, subject: &str) -> &mut Self {
        if let Some(origin) = &value.origin {
            let message = format!("{subject} comes from {}", origin.what);
            self.label(origin.span, message);
        }
        self
    }

    pub fn help(&mut self, message: impl Into<String>) -> &mut Self {
        self.help = Some(message.into());
        self
    }

    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}

/// Where one rule's findings go while it checks a document.
pub struct Sink<'a> {
    rule: &'static RuleMeta,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(rule: &'static RuleMeta, out: &'a mut Vec<Diagnostic>) -> Self {
        Sink { rule, out }
    }

    /// Report a finding at `span`; the returned diagnostic takes labels and help.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::new(self.rule, span, message));
        self.out.last_mut().expect("just pushed")
    }

    /// Report a finding about a value: at its use site, with where it really came from
    /// labelled when it arrived through indirection (a template parameter's default).
    pub fn report_value<T>(
        &mut self,
        value: &Located<T>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let diagnostic = self.report(value.span, message);
        diagnostic.origin(value, "the value");
        diagnostic
    }
}
