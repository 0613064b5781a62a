//! Hostile shapes found by fuzzing and profiling (issue 13's defects): each is built here at
//! a size that crashed, overflowed the stack or ran out of memory before it was fixed, and
//! must now give findings or a located error. Generated rather than stored: some are large.

mod common;

use common::{ecslint, render, run};
use ecslint::RuleFilter;
use ecslint::lint::lint_bytes;
use ecslint::report::Format;

fn lint_text(name: &str, text: &str) -> ecslint::lint::FileReport {
    lint_bytes(
        name.to_string(),
        text.as_bytes(),
        &RuleFilter::default_rules(),
    )
}

fn rules(report: &ecslint::lint::FileReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.rule.id).collect()
}

/// A template whose last condition is a chain of 30,000, each `Condition` of the one before:
/// evaluated without recursion past a fixed depth, on a test thread's small stack.
#[test]
fn a_long_chain_of_conditions_does_not_overflow_the_stack() {
    let mut text = String::from("Conditions:\n  C0: !Equals [a, b]\n");
    for i in 1..30_000 {
        text.push_str(&format!("  C{i}: !Condition C{}\n", i - 1));
    }
    text.push_str(
        "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Condition: C29999\n    Properties:\n      ContainerDefinitions:\n        - Name: a\n          Image: b\n          Memory: 256\n          PortMappings: [{ContainerPort: 80, HostPort: 80}]\n",
    );
    let report = lint_text("conditions.yaml", &text);
    assert!(
        rules(&report).contains(&"ECS-TD-027"),
        "{:?}",
        rules(&report)
    );
}

/// Aliases of aliases, each one level deeper than the last: refused at the depth limit,
/// rather than building a tree whose conversion recurses past the stack.
#[test]
fn chained_aliases_are_held_to_the_depth_limit() {
    let mut text = format!("a0: &a0 {}x{}\n", "[".repeat(200), "]".repeat(200));
    for i in 1..400 {
        text.push_str(&format!("a{i}: &a{i} [*a{}]\n", i - 1));
    }
    let report = lint_text("aliases.yaml", &text);
    let error = &report.diagnostics[0];
    assert_eq!(error.rule.id, "INPUT-001");
    assert!(error.message.contains("deeper than"), "{}", error.message);
}

/// Nested anchors nobody refers to were each cloned when they closed (quadratic memory);
/// now they cost nothing.
#[test]
fn anchors_without_aliases_are_not_copied() {
    let mut text = String::new();
    for i in 0..250 {
        text.push_str(&format!("{}k{i}: &a{i}\n", "  ".repeat(i)));
    }
    text.push_str(&format!(
        "{}v: [{}]\n",
        "  ".repeat(250),
        vec!["1"; 200_000].join(",")
    ));
    let report = lint_text("anchors.yaml", &text);
    assert!(report.diagnostics.is_empty(), "{:?}", rules(&report));
}

/// A finding past column 65,535 of a minified line (and past it in visual columns, with
/// tabs) is rendered, not a panic in the snippet renderer.
#[test]
fn findings_far_along_a_long_line_are_rendered() {
    for padding in ["x".repeat(70_000), String::new()] {
        let tabs = if padding.is_empty() {
            "\t".repeat(70_000)
        } else {
            String::new()
        };
        let text = format!(
            r#"{{"family":"x","networkMode":"awsvpc","containerDefinitions":[{{"name":"a","image":"b","memory":256,"environment":[{{"name":"P","value":"{padding}"}}],{tabs}"portMappings":[{{"containerPort":80,"hostPort":8080}}]}}]}}"#
        );
        let report = lint_text("long.json", &text);
        assert!(
            rules(&report).contains(&"ECS-TD-003"),
            "{:?}",
            rules(&report)
        );
        for format in [Format::Human, Format::Sarif, Format::Github] {
            assert!(render(std::slice::from_ref(&report), format).contains("ECS-TD-003"));
        }
    }
}

/// "Did you mean" on a 40 KB name compares no full matrix: it is not a typo of anything.
#[test]
fn huge_names_get_no_suggestion_and_cost_little() {
    let name = "w".repeat(40_000);
    let text = format!(
        r#"{{"AWSTemplateFormatVersion":"2010-09-09","Resources":{{"T":{{"Type":"AWS::ECS::TaskDefinition","Properties":{{"ContainerDefinitions":[{{"Name":"web","Image":"b","Memory":256,"PortMappings":[{{"ContainerPort":80}}]}}]}}}},"S":{{"Type":"AWS::ECS::Service","Properties":{{"TaskDefinition":{{"Ref":"T"}},"LoadBalancers":[{{"TargetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/a/1","ContainerName":"{name}","ContainerPort":80}}]}}}}}}}}"#
    );
    let report = lint_text("names.json", &text);
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.rule.id == "ECS-SVC-005")
        .expect("the unknown container is reported");
    assert!(
        !finding
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("Did you mean"),
        "{:?}",
        finding.help
    );
}

/// Several files at once run on worker threads with smaller stacks than the main thread.
#[test]
fn hostile_files_linted_together_on_worker_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Conditions:\n  C0: !Equals [a, b]\n");
    for i in 1..10_000 {
        text.push_str(&format!("  C{i}: !Condition C{}\n", i - 1));
    }
    text.push_str("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: C9999\n");
    for i in 0..4 {
        std::fs::write(dir.path().join(format!("c{i}.yaml")), &text).unwrap();
    }
    let (out, _) = run(
        ecslint()
            .args(["check", "--format", "concise"])
            .arg(dir.path()),
        0,
    );
    assert!(out.contains("4 files checked"), "{out}");
}
