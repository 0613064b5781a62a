//! The fixture harness: every `fail` fixture produces its rule's diagnostic (snapshotted as
//! the human rendering), every `pass` fixture produces none of it.

mod common;

use std::path::Path;

use common::{files_under, lint_with, manifest_dir, relative, render};
use ecslint::RuleFilter;
use ecslint::lint::Selection;
use ecslint::report::Format;
use ecslint::rules;

fn rule_of(fixture: &std::path::Path) -> &'static str {
    let id = fixture
        .strip_prefix(manifest_dir().join("testdata/rules"))
        .expect("under testdata/rules")
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .expect("rule folder");
    rules::find(id)
        .unwrap_or_else(|| panic!("testdata/rules/{id} names no rule"))
        .id
}

/// Lints a fixture of `rule` with the rules on by default and `rule` (which may be off by
/// default): what a user who turned it on would see.
fn lint_fixture(path: &Path, rule: &str) -> Vec<ecslint::FileReport> {
    let rule = [rule.to_string()];
    let filter = RuleFilter::new(Selection {
        extend_select: &rule,
        ..Selection::default()
    })
    .expect("a registered rule");
    lint_with(&[relative(path)], &filter)
}

/// A fixture is a file, or a Terraform module directory (`tf-<name>/main.tf`), which is
/// linted with the files around it.
#[test]
fn fail_fixtures_report_their_rule() {
    insta::glob!("../testdata/rules", "*/fail/{*.*,tf-*/main.tf}", |path| {
        let rule = rule_of(path);
        let reports = lint_fixture(path, rule);
        let fired = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.rule.id == rule)
            .count();
        assert!(fired > 0, "{} does not report {rule}", path.display());
        insta::assert_snapshot!(render(&reports, Format::Human));
    });
}

#[test]
fn pass_fixtures_do_not_report_their_rule() {
    for path in files_under(&manifest_dir().join("testdata/rules")) {
        if !path.components().any(|c| c.as_os_str() == "pass") {
            continue;
        }
        let rule = rule_of(&path);
        let reports = lint_fixture(&path, rule);
        let fired: Vec<_> = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.rule.id == rule)
            .map(|d| d.message.clone())
            .collect();
        assert!(
            fired.is_empty(),
            "{} reports {rule}: {fired:?}",
            path.display()
        );
    }
}

/// A fixture that is renamed or removed must not leave its snapshot behind.
#[test]
fn every_fixture_snapshot_has_its_fixture() {
    let prefix = "rules__fail_fixtures_report_their_rule@";
    for entry in std::fs::read_dir(manifest_dir().join("tests/snapshots")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(fixture) = name
            .strip_prefix(prefix)
            .and_then(|n| n.strip_suffix(".snap"))
        else {
            continue;
        };
        let path = manifest_dir()
            .join("testdata/rules")
            .join(fixture.replace("__", "/"));
        assert!(path.is_file(), "{name} has no fixture {}", path.display());
    }
}
