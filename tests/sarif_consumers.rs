//! SARIF as its consumers read it: GitHub code scanning resolves URIs against the repository
//! root and rejects absolute ones and runs over 25,000 results; the VS Code viewer reads byte
//! offsets before lines; fingerprints must tell findings apart.

mod common;

use common::{ecslint, manifest_dir, run};

/// A scratch git repository with a task definition in `infra/`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("infra")).unwrap();
    std::fs::copy(
        manifest_dir().join("testdata/examples/fargate-api-task.json"),
        dir.path().join("infra/task.json"),
    )
    .unwrap();
    dir
}

fn sarif_in(dir: &std::path::Path, args: &[&str], code: i32) -> serde_json::Value {
    let (out, _) = run(
        ecslint()
            .current_dir(dir)
            .args(["check", "--format", "sarif"])
            .args(args),
        code,
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn uris_are_relative_to_the_repository_root_from_a_subdirectory() {
    let repo = repository();
    let sarif = sarif_in(&repo.path().join("infra"), &["task.json"], 1);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "infra/task.json");
        assert!(location["region"].get("byteOffset").is_none(), "{location}");
        assert!(location["region"]["startLine"].as_u64().is_some());
    }
    // The same paths in annotations.
    let (out, _) = run(
        ecslint().current_dir(repo.path().join("infra")).args([
            "check",
            "--format",
            "github",
            "task.json",
        ]),
        1,
    );
    assert!(out.starts_with("::error file=infra/task.json,"), "{out}");
}

#[test]
fn root_can_be_given() {
    let repo = repository();
    let sarif = sarif_in(repo.path(), &["--root", "infra", "infra/task.json"], 1);
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "task.json");
}

#[test]
fn paths_that_cannot_be_read_are_in_the_sarif_and_json() {
    let repo = repository();
    let sarif = sarif_in(repo.path(), &["infra/task.json", "missing.json"], 2);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let text = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.contains("missing.json"), "{text}");
    let (out, _) = run(
        ecslint()
            .current_dir(repo.path())
            .args(["check", "--format", "json", "missing.json"]),
        2,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["errors"][0]["path"], "missing.json");
}

#[test]
fn no_two_results_share_a_fingerprint() {
    let sarif = sarif_in(
        manifest_dir(),
        &["testdata/examples", "testdata/rules/IAM-002"],
        1,
    );
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let mut seen = std::collections::HashSet::new();
    for result in results {
        let fingerprint = result["partialFingerprints"]["ecslint/v1"]
            .as_str()
            .unwrap();
        assert!(seen.insert(fingerprint.to_string()), "{result}");
    }
}

#[test]
fn help_text_is_plain_and_markdown_stays_markdown() {
    let sarif = sarif_in(
        manifest_dir(),
        &["testdata/examples/fargate-api-task.json"],
        1,
    );
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let text = rule["help"]["text"].as_str().unwrap();
        assert!(!text.contains("## ") && !text.contains("```"), "{text}");
        assert!(rule["help"]["markdown"].as_str().unwrap().contains("## "));
    }
}

#[test]
fn the_rules_described_are_the_rules_that_report_and_indices_point_at_them() {
    let sarif = sarif_in(
        manifest_dir(),
        &["testdata/examples/fargate-api-task.json"],
        1,
    );
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
    }
    for rule in rules {
        assert!(
            results.iter().any(|r| r["ruleId"] == rule["id"]),
            "{} is described but reports nothing",
            rule["id"]
        );
    }
    assert!(rules.len() < ecslint::rules::all().len());
}
