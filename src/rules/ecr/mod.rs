//! Amazon ECR repositories: what ECR rejects in their lifecycle policies (facts from the
//! Amazon ECR User Guide, in `facts::ecr_lifecycle`), and the settings every scanner checks —
//! tag immutability, scanning, encryption — for the repositories a file declares.

pub mod external_write;
pub mod kms_encryption;
pub mod lifecycle_policy;
pub mod mutable_tags;
pub mod public_policy;
pub mod reused_tag;
pub mod scan_on_push;

use crate::diagnostic::{Diagnostic, Sink};
use crate::iam::glob::{self, Match};
use crate::model::{Model, Repository, Statement, Subject, Val};

/// The repositories the file declares (not those only a policy resource names).
fn declared(model: &Model) -> impl Iterator<Item = &Repository> {
    model.repositories().iter().filter(|r| !r.elsewhere)
}

/// The `Allow` statements of the repositories' policies.
fn allowing_statements(model: &Model) -> impl Iterator<Item = &Statement> {
    model
        .repositories()
        .iter()
        .filter_map(|r| r.policy.as_ref())
        .flat_map(|p| &p.statements)
        .filter(|s| s.allows())
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
fn subject(repository: &Repository) -> Subject<'_> {
    Subject::new(
        "repository",
        repository.id.as_ref().map(|id| id.value.as_str()),
    )
}

/// Actions that change the repository's images or settings (the Amazon ECR API Reference):
/// pushing an image takes the three layer-upload actions and `PutImage`.
const WRITES: &[&str] = &[
    "ecr:PutImage",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
    "ecr:BatchDeleteImage",
    "ecr:DeleteRepository",
    "ecr:SetRepositoryPolicy",
];

/// Whether a statement may allow one of the [`WRITES`]: an action pattern that matches one
/// (`ecr:*`, `ecr:Put*`, `*`), or a `NotAction` that does not exclude them all.
fn grants_write(statement: &Statement) -> bool {
    let Some((actions, negated)) = statement.actions() else {
        return false;
    };
    let patterns: Vec<&str> = actions
        .values
        .iter()
        .filter_map(Val::value)
        .map(String::as_str)
        .collect();
    let listed = |write: &str| {
        patterns
            .iter()
            .any(|p| glob::matches(p, write, true) != Match::No)
    };
    if negated {
        WRITES.iter().any(|w| !listed(w))
    } else {
        WRITES.iter().any(|w| listed(w))
    }
}
