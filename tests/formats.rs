//! One golden snapshot per output format over the README's examples, as `ecslint check
//! testdata/examples` reports them (the rules on by default); with every rule, the examples
//! fire each one.

mod common;

use common::{files_under, lint_with, manifest_dir, relative, render};
use ecslint::RuleFilter;
use ecslint::report::Format;

fn examples_with(filter: &RuleFilter) -> Vec<ecslint::FileReport> {
    let files: Vec<_> = files_under(&manifest_dir().join("testdata/examples"))
        .iter()
        .map(|p| relative(p))
        .collect();
    lint_with(&files, filter)
}

fn examples() -> Vec<ecslint::FileReport> {
    examples_with(&RuleFilter::default_rules())
}

#[test]
fn every_rule_fires_on_the_examples() {
    let reports = examples_with(&RuleFilter::all());
    for rule in ecslint::rules::all() {
        assert!(
            reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .any(|d| d.rule.id == rule.id),
            "{} does not fire on testdata/examples",
            rule.id
        );
    }
}

#[test]
fn human() {
    insta::assert_snapshot!(render(&examples(), Format::Human));
}

#[test]
fn concise() {
    insta::assert_snapshot!(render(&examples(), Format::Concise));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&examples(), Format::Json));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(&examples(), Format::Github));
}

#[test]
fn sarif() {
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&examples(), Format::Sarif)).unwrap();
    insta::assert_json_snapshot!(sarif, {
        ".runs[0].tool.driver.version" => "[version]",
        ".runs[0].tool.driver.semanticVersion" => "[version]",
        ".runs[0].originalUriBaseIds.*.uri" => "[root]",
    });
}
