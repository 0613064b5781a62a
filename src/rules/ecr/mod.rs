//! Amazon ECR repositories: what ECR rejects in their lifecycle policies (facts from the
//! Amazon ECR User Guide, in `facts::ecr_lifecycle`), and the settings every scanner checks —
//! tag immutability, scanning, encryption — for the repositories a file declares.

pub mod kms_encryption;
pub mod lifecycle_policy;
pub mod mutable_tags;
pub mod public_policy;
pub mod scan_on_push;

use crate::diagnostic::{Diagnostic, Sink};
use crate::model::{Model, Repository, Val};

/// The repositories the file declares (not those only a policy resource names).
fn declared(model: &Model) -> impl Iterator<Item = &Repository> {
    model.repositories.iter().filter(|r| !r.elsewhere)
}

/// Reports a repository setting: at its value when it is written (and known), else at the
/// repository's name. `None` when it is written but only known at deploy time.
fn report_setting<'s, T>(
    sink: &'s mut Sink,
    repository: &Repository,
    setting: &Option<Val<T>>,
    message: String,
) -> Option<&'s mut Diagnostic> {
    let span = match setting {
        None => repository.id.as_ref().map_or(repository.span, |id| id.span),
        Some(Val::Known(value)) => value.span,
        Some(_) => return None,
    };
    Some(sink.report(span, message))
}

/// "Repository `web`", or "This repository".
fn subject(repository: &Repository) -> String {
    match &repository.id {
        Some(id) => format!("Repository `{}`", id.value),
        None => "This repository".to_string(),
    }
}
