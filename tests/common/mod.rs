// Each test binary includes this module and uses a different subset of it.
#![allow(dead_code)]

//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use ecslint::report::{self, Format, Options};
use ecslint::{FileReport, Input, RuleFilter};

/// The `ecslint` binary, run from the crate root, with a time limit so a hang fails the test.
pub fn ecslint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("ecslint").expect("binary");
    cmd.current_dir(manifest_dir())
        .env_remove("NO_COLOR")
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

/// Runs a command, asserts its exit code, and returns its stdout and stderr.
pub fn run(cmd: &mut assert_cmd::Command, code: i32) -> (String, String) {
    let output = cmd.assert().code(code).get_output().clone();
    (
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path relative to the crate root, as the README's commands name them.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(manifest_dir())
        .unwrap_or(path)
        .to_path_buf()
}

/// Lints files (paths relative to the crate root) with the rules on by default, as
/// `ecslint check` does.
pub fn lint(paths: &[PathBuf]) -> Vec<FileReport> {
    lint_with(paths, &RuleFilter::default_rules())
}

/// Lints files (paths relative to the crate root) with the rules `filter` enables.
pub fn lint_with(paths: &[PathBuf], filter: &RuleFilter) -> Vec<FileReport> {
    std::env::set_current_dir(manifest_dir()).expect("crate root");
    let inputs: Vec<Input> = paths.iter().map(|p| Input::File(p.clone())).collect();
    ecslint::check(&inputs, filter)
}

pub fn render(reports: &[FileReport], format: Format) -> String {
    report::render(
        reports,
        &Options {
            format,
            color: false,
            root: manifest_dir().to_path_buf(),
            files_checked: reports.len(),
        },
    )
}

/// Every file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
