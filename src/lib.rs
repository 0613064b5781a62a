//! ecslint: a linter for AWS container infrastructure — ECS task definitions and services,
//! and the CloudFormation templates that declare them (Terraform comes next).
//!
//! The pipeline runs one way: discover → load → recognise → model → rules → diagnostics →
//! report. `main.rs` only parses arguments; everything testable is here.

pub mod diagnostic;
pub mod dialect;
pub mod facts;
pub mod iam;
pub mod lint;
pub mod model;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod text;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use lint::{FileReport, RuleFilter};

/// One thing to lint.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    /// Standard input, with the name to report it under (and to detect its syntax by).
    Stdin {
        name: String,
        bytes: Vec<u8>,
    },
}

/// Lints every input, in parallel, returning reports in input order.
pub fn check(inputs: &[Input], filter: &RuleFilter) -> Vec<FileReport> {
    inputs
        .par_iter()
        .map(|input| match input {
            Input::File(path) => {
                let name = display_path(path);
                match std::fs::read(path) {
                    Ok(bytes) => lint::lint_bytes(name, &bytes, filter),
                    Err(e) => FileReport::unreadable(name, e.to_string()),
                }
            }
            Input::Stdin { name, bytes } => lint::lint_bytes(name.clone(), bytes, filter),
        })
        .collect()
}

/// The path as shown in reports: `/`-separated, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
