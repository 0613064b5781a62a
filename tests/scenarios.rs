//! Scenarios report one finding per problem: a place that fails for values of several
//! parameters gets one finding naming them all, and what the default scenario finds is not
//! repeated for values that only change its message.

mod common;

use common::{lint, render};
use ecslint::report::Format;

#[test]
fn one_finding_per_rule_and_place_naming_every_failing_value() {
    let reports = lint(&["testdata/rules/FARGATE-001/fail/cfn-two-parameters.yaml".into()]);
    let findings: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    assert_eq!(findings.len(), 1, "{}", render(&reports, Format::Concise));
    let message = &findings[0].message;
    assert!(
        message.contains("likewise when parameter `TaskMemory` is 8192"),
        "{message}"
    );
    assert!(
        findings[0]
            .labels
            .iter()
            .any(|l| l.message.contains("`TaskCpu`") && l.message.contains("1024")),
        "{:?}",
        findings[0].labels
    );
}
