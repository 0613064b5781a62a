//! IAM policy documents, wherever they are: standalone files, and the identity, trust and
//! repository policies a template declares. Grammar facts from the IAM User Guide's "IAM
//! JSON policy elements reference" and IAM Access Analyzer's policy checks; risk rules from
//! the same and from the privilege-escalation research the rules cite.

pub mod admin_star;
pub mod condition_operators;
pub mod not_elements_with_allow;
pub mod passrole_star;
pub mod principal_placement;
pub mod privilege_escalation;
pub mod resource_star;
pub mod service_wildcard;
pub mod sid;
pub mod statement_structure;
pub mod trust_account;
pub mod trust_wildcard;
pub mod unknown_action;
pub mod version;

use crate::model::{Model, PolicyDocument, PolicyKind, Statement};

/// Each `Allow` statement of the model's identity policies, with its document.
fn identity_allows(model: &Model) -> impl Iterator<Item = (&PolicyDocument, &Statement)> {
    model
        .policy_documents()
        .filter(|d| d.kind == PolicyKind::Identity)
        .flat_map(|d| d.statements.iter().map(move |s| (d, s)))
        .filter(|(_, s)| s.allows())
}

/// Each `Allow` statement of the model's role trust policies that has no `Condition`: whom
/// it names may assume the role, unconditionally.
fn unconditional_trust(model: &Model) -> impl Iterator<Item = &Statement> {
    model
        .policy_documents()
        .filter(|d| d.kind == PolicyKind::Trust)
        .flat_map(|d| &d.statements)
        .filter(|s| s.allows() && s.condition_key.is_none())
}

/// Whether a value is only partly known here: a template's `${…}` parts, a link, or a
/// policy variable.
fn deploy_time(value: &str) -> bool {
    value.contains("${")
}

/// " under its `Condition`" when the statement has one: it narrows, not removes, a grant.
fn condition_note(statement: &Statement) -> &'static str {
    if statement.condition_key.is_some() {
        ", limited only by its `Condition`"
    } else {
        ""
    }
}
