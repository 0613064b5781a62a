//! Understanding IAM policies: pattern matching with unknown parts ([`glob`]) and an
//! evaluator that says whether a set of policies allows an action ([`evaluate`]).

pub mod evaluate;
pub mod glob;

pub use evaluate::{Access, Policies, allows};
pub use glob::Match;
