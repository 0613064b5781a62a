//! A Terraform configuration as the HCL and `.tf.json` readers leave it: top-level blocks
//! with their labels, and bodies as spanned trees whose non-literal values are
//! [`Expr`](crate::source::tree::Expr)s, not yet evaluated.

use crate::source::span::{Located, Span};
use crate::source::tree::Node;

/// One top-level block: `resource "aws_ecs_service" "api" { … }`.
#[derive(Debug, Clone)]
pub struct Block {
    /// `resource`, `data`, `variable`, `locals`, `module`, …
    pub kind: String,
    pub labels: Vec<Located<String>>,
    /// The body as an object: arguments by name, and each kind of nested block as an array of
    /// bodies (`load_balancer = [{…}, {…}]`), in the order they are written.
    pub body: Node<'static>,
}

impl Block {
    pub fn label(&self, index: usize) -> Option<&Located<String>> {
        self.labels.get(index)
    }

    /// The span that names the block: its last label, or the body when it has none.
    pub fn name_span(&self) -> Span {
        self.labels.last().map_or(self.body.span, |l| l.span)
    }
}
