//! The three probe files of the breadth research (`research/breadth-gap.md` §1.2), in
//! which a reviewer found faults AWS rejects and an earlier ecslint said "No problems
//! found": each fault is reported, at its line. (The probes' ECR, lifecycle-policy and
//! plaintext-secret faults belong to the hygiene rules, not yet written.)

mod common;

use common::{lint, manifest_dir};

fn found(file: &str) -> Vec<(usize, &'static str)> {
    let path = manifest_dir().join("testdata/probes").join(file);
    let reports = lint(&[path]);
    let report = &reports[0];
    let index = ecslint::source::line_index::LineIndex::new(&report.text);
    let mut found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (index.line_of(d.span.start as usize) + 1, d.rule.id))
        .collect();
    found.dedup();
    found
}

#[test]
fn an_ec2_awsvpc_service_and_its_task() {
    assert_eq!(
        found("ec2-awsvpc-stack.yaml"),
        [
            (11, "ECS-TD-015"),
            (12, "ECS-TD-015"),
            (20, "ECS-TD-015"),
            (21, "ECS-EXEC-011"),
            (22, "ECS-TD-008"),
            (25, "ECS-TD-011"),
            (36, "ECS-TD-017"),
            (42, "ECS-EXEC-006"),
            (42, "ECS-TD-031"),
            (50, "ECS-EXEC-010"),
            (53, "ECS-SVC-002"),
        ]
    );
}

#[test]
fn a_fargate_task_in_a_template() {
    assert_eq!(
        found("fargate-task-stack.yaml"),
        [
            (10, "ECS-TD-015"),
            (12, "FARGATE-012"),
            (16, "ECS-TD-014"),
            (18, "FARGATE-005"),
            (20, "ECS-TD-009"),
            (25, "ECS-TD-015"),
        ]
    );
}

#[test]
fn a_fargate_task_definition() {
    assert_eq!(
        found("fargate-task.json"),
        [
            (7, "FARGATE-005"),
            (15, "FARGATE-014"),
            (21, "FARGATE-020"),
            (23, "FARGATE-005"),
            (24, "FARGATE-005"),
            (26, "ECS-TD-030"),
            (27, "ECS-TD-010"),
        ]
    );
}
