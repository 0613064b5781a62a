//! Keys written twice in one mapping, found by one pass over the document.

use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Declared;
use crate::source::span::Span;
use crate::source::tree::{Expr, Node, Value};

declare_rule! {
    /// ## What it does
    /// Finds a key written twice in one JSON object or YAML mapping of a document ecslint
    /// checks, and points at the second with a label on the first.
    ///
    /// ## Why is this bad?
    /// The first value is dead: CloudFormation, the AWS CLI and the SDKs keep the last one,
    /// so a fix made to the first never takes effect. `aws cloudformation deploy` refuses a
    /// YAML template with a duplicated key ("found duplicate key"), which is why it is an
    /// error in YAML and a warning in JSON.
    ///
    /// ## Example
    /// ```yaml
    /// Properties:
    ///   Cpu: "256"
    ///   Memory: "512"
    ///   Cpu: "1024"
    /// ```
    ///
    /// Use instead: one `Cpu`.
    ///
    /// ## References
    /// - [AWS CLI: cloudformation deploy](https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/)
    /// - [RFC 8259 §4: "The names within an object SHOULD be unique"](https://www.rfc-editor.org/rfc/rfc8259#section-4)
    pub DuplicateKey {
        id: "INPUT-004",
        name: "duplicate-key",
        severity: Warning,
        summary: "Key written twice in one mapping",
        tags: ["input"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/",
    }
}

/// Objects up to this size are checked without hashing.
const SMALL: usize = 8;

/// The duplicated keys of a document, each reported at its second occurrence; an error
/// when the document is YAML.
pub fn duplicates(root: &Node, yaml: bool, out: &mut Vec<Diagnostic>) {
    let mut stack = vec![root];
    let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(entries) => {
                seen.clear();
                for (index, entry) in entries.iter().enumerate() {
                    // Most objects are small: comparing with the few keys before is cheaper
                    // than hashing (at most SMALL² comparisons, a constant).
                    let first = if entries.len() <= SMALL {
                        entries[..index]
                            .iter()
                            .find(|e| e.key == entry.key)
                            .map(|e| e.key_span)
                    } else {
                        let first = seen.get(entry.key.as_ref()).copied();
                        seen.entry(&entry.key).or_insert(entry.key_span);
                        first
                    };
                    if let Some(first) = first {
                        let mut diagnostic = Diagnostic::new(
                            DuplicateKey::meta(),
                            entry.key_span,
                            format!(
                                "`{}` is written twice here; only this one counts",
                                entry.key
                            ),
                        );
                        diagnostic.label(first, "first written here, and ignored");
                        diagnostic.help = Some("Keep one of them.".into());
                        if yaml {
                            diagnostic.severity = Severity::Error;
                        }
                        out.push(diagnostic);
                    }
                }
                stack.extend(entries.iter().map(|e| &e.value));
            }
            Value::Array(items) => stack.extend(items.iter()),
            // Terraform: the documents written inside `jsonencode(…)` and templates.
            Value::Expr(expr) => match &**expr {
                Expr::Call { args: nodes, .. } | Expr::Template(nodes) => stack.extend(nodes),
                Expr::Conditional(branches) => stack.extend(branches.iter()),
                _ => {}
            },
            _ => {}
        }
    }
}
