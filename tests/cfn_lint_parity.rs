//! Each of cfn-lint's ECS rules has an ecslint equivalent that fires on the same problem:
//! one template per cfn-lint rule in `testdata/cfn-lint-parity/`, named after it. The README's
//! "Compared with cfn-lint" table lists the same mapping.

mod common;

use common::{lint_with, manifest_dir, relative};
use ecslint::RuleFilter;

/// The rules each template must produce, and no other findings.
const PARITY: &[(&str, &[&str])] = &[
    ("E3042.yaml", &["ECS-TD-001"]),
    ("E3044.yaml", &["FARGATE-016", "ECS-SVC-017"]),
    ("E3046.yaml", &["ECS-TD-017"]),
    ("E3047.json", &["FARGATE-001"]),
    (
        "E3048.yaml",
        &[
            "FARGATE-004",
            "FARGATE-005",
            "FARGATE-010",
            "FARGATE-002",
            "FARGATE-001",
        ],
    ),
    ("E3049.yaml", &["ECS-SVC-008"]),
    ("E3052.json", &["ECS-SVC-001"]),
    ("E3053.yaml", &["ECS-TD-003"]),
    ("E3054.yaml", &["FARGATE-015"]),
    ("E3056.yaml", &["ECS-SVC-014"]),
    ("E3713.yaml", &["FARGATE-010", "FARGATE-015"]),
    // cfn-lint's E3049 reports an omitted HealthCheckPort, which is `traffic-port`.
    ("E3049-health-check-port-omitted.yaml", &[]),
    // cfn-lint's E3056 reports a grace period that a container health check uses.
    ("E3056-container-health-check.yaml", &[]),
];

#[test]
fn every_cfn_lint_ecs_rule_has_an_equivalent() {
    for (file, expected) in PARITY {
        let path = relative(&manifest_dir().join("testdata/cfn-lint-parity").join(file));
        // What a user sees: the rules that are on by default.
        let reports = lint_with(&[path], &RuleFilter::default_rules());
        let mut fired: Vec<&str> = reports[0].diagnostics.iter().map(|d| d.rule.id).collect();
        fired.sort_unstable();
        fired.dedup();
        let mut expected = expected.to_vec();
        expected.sort_unstable();
        assert_eq!(fired, expected, "{file}");
    }
}

#[test]
fn every_parity_template_is_checked() {
    let dir = manifest_dir().join("testdata/cfn-lint-parity");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            PARITY.iter().any(|(file, _)| *file == name),
            "{name} is not in PARITY"
        );
    }
}
