//! The GitHub Action (`action.yml`): its run step, executed here with the inputs it would
//! get, prints annotations errors first, writes the SARIF file and a step summary, and sets
//! its output; the action's inputs are the ones the step reads.

mod common;

use std::process::Command;

use common::manifest_dir;

#[test]
fn the_run_step_annotates_writes_sarif_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let output = dir.path().join("output");
    let sarif = dir.path().join("out.sarif");
    let binary = assert_cmd::cargo::cargo_bin("ecslint");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = Command::new("bash")
        .arg(manifest_dir().join("scripts/action/run.sh"))
        .current_dir(manifest_dir())
        .env("PATH", path)
        .env(
            "INPUT_PATHS",
            "testdata/examples/fargate-api-task.json testdata/examples/iam-stack.yaml",
        )
        .env("INPUT_SARIF_FILE", &sarif)
        .env("INPUT_ARGS", "--ignore IAM-008")
        .env("INPUT_FAIL_LEVEL", "error")
        .env("INPUT_CONFIG", "")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let annotations = String::from_utf8(run.stdout).unwrap();
    let kinds: Vec<&str> = annotations
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let first_warning = kinds.iter().position(|k| *k == "::warning").unwrap();
    assert!(
        kinds[..first_warning].iter().all(|k| *k == "::error"),
        "{kinds:?}"
    );
    assert!(
        kinds[first_warning..].iter().all(|k| *k != "::error"),
        "errors come first: {kinds:?}"
    );
    assert!(!annotations.contains("IAM-008"), "{annotations}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("## ecslint")
            && summary.contains("| FARGATE-001 `invalid-fargate-cpu-memory` | error | 1 |"),
        "{summary}"
    );
    let output = std::fs::read_to_string(&output).unwrap();
    assert!(output.contains("sarif-file="), "{output}");
}

#[test]
fn the_action_passes_every_input_to_its_steps() {
    let action = std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap();
    let root = ecslint::source::yaml::parse_yaml(&action)
        .unwrap()
        .remove(0);
    let inputs = root.get("inputs").and_then(|i| i.as_object()).unwrap();
    for input in inputs {
        let variable = format!("${{{{ inputs.{} }}}}", input.key);
        assert!(
            action.contains(&variable),
            "input `{}` is not used",
            input.key
        );
    }
    for script in ["install.sh", "run.sh"] {
        assert!(manifest_dir().join("scripts/action").join(script).is_file());
        assert!(action.contains(&format!("scripts/action/{script}")));
    }
    assert_eq!(
        root.get("runs")
            .and_then(|r| r.get("using"))
            .and_then(|u| u.as_str()),
        Some("composite")
    );
}
