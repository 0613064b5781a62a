//! ecslint: a linter for AWS container infrastructure — ECS task definitions and services,
//! IAM policies, and the CloudFormation templates and Terraform configurations that declare
//! them.
//!
//! The pipeline runs one way: discover → load → recognise → model → rules → diagnostics →
//! report. `main.rs` only parses arguments; everything testable is here.

pub mod baseline;
pub mod config;
pub mod cql;
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
pub mod suppress;
pub mod text;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

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

/// Lints every input, in parallel, returning reports in input order. Terraform
/// configuration files are linted a module directory at a time; a module that another module
/// of the run calls is linted through its callers, where its inputs are known.
pub fn check(inputs: &[Input], filter: &RuleFilter) -> Vec<FileReport> {
    let jobs = jobs(inputs);
    let done: Vec<(Vec<FileReport>, FxHashSet<PathBuf>, Option<PathBuf>)> = jobs
        .par_iter()
        // Each file or module its own task: a large template near the end of the list is
        // then not left to one thread while the other idles (6% of wall time on 146 real
        // templates).
        .with_max_len(1)
        .map(|job| match job {
            Job::File(input) => (lint_input(input, filter), FxHashSet::default(), None),
            Job::Module { dir, files } => {
                let report = lint::lint_module(dir, files, filter);
                (report.reports, report.called, Some(dir.clone()))
            }
        })
        .collect();
    let called: FxHashSet<PathBuf> = done
        .iter()
        .flat_map(|(_, called, _)| called.iter().cloned())
        .collect();
    let mut reports: Vec<FileReport> = Vec::new();
    let mut by_path: FxHashMap<String, usize> = FxHashMap::default();
    for (batch, _, dir) in done {
        let through_callers = dir.as_ref().is_some_and(|d| called.contains(d));
        for mut report in batch {
            if through_callers {
                report.diagnostics.clear();
                report.text.clear();
                report
                    .notes
                    .push("linted through the modules that call it".into());
            }
            match by_path.get(&report.path) {
                Some(&at) => reports[at].merge(report),
                None => {
                    by_path.insert(report.path.clone(), reports.len());
                    reports.push(report);
                }
            }
        }
    }
    reports
}

/// A unit of work: a file, or a Terraform module directory with the files named in it.
enum Job<'a> {
    File(&'a Input),
    Module { dir: PathBuf, files: Vec<PathBuf> },
}

fn jobs(inputs: &[Input]) -> Vec<Job<'_>> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut modules: FxHashMap<PathBuf, usize> = FxHashMap::default();
    for input in inputs {
        let Input::File(path) = input else {
            jobs.push(Job::File(input));
            continue;
        };
        if !dialect::terraform::load::is_configuration(&path.to_string_lossy()) {
            jobs.push(Job::File(input));
            continue;
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        match modules.get(&dir) {
            Some(&at) => {
                if let Job::Module { files, .. } = &mut jobs[at] {
                    files.push(path.clone());
                }
            }
            None => {
                modules.insert(dir.clone(), jobs.len());
                jobs.push(Job::Module {
                    dir,
                    files: vec![path.clone()],
                });
            }
        }
    }
    jobs
}

fn lint_input(input: &Input, filter: &RuleFilter) -> Vec<FileReport> {
    match input {
        Input::File(path) => {
            let name = display_path(path);
            vec![match std::fs::read(path) {
                Ok(bytes) => lint::lint_bytes(name, &bytes, filter),
                Err(e) => FileReport::unreadable(name, e.to_string()),
            }]
        }
        Input::Stdin { name, bytes } => {
            if dialect::terraform::load::is_configuration(name)
                && let Ok(text) = std::str::from_utf8(bytes)
            {
                return lint::lint_module_text(name, text, filter).reports;
            }
            vec![lint::lint_bytes(name.clone(), bytes, filter)]
        }
    }
}

/// The path as shown in reports: `/`-separated, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
