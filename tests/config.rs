//! `.ecslint.yaml`: the nearest one applies; exclusions, per-file ignores, severity overrides
//! and fail levels change the result as documented; mistakes are located errors (exit 2).

mod common;

use std::path::Path;

use common::{ecslint, manifest_dir, run};

/// A scratch repository: a root configuration and a project with its own.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let task = manifest_dir().join("testdata/examples/fargate-api-task.json");
    for sub in ["legacy", "vendor", "project"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::copy(&task, dir.path().join(sub).join("task.json")).unwrap();
    }
    std::fs::write(
        dir.path().join(".ecslint.yaml"),
        "exclude: [\"vendor/**\"]\nper-file-ignores:\n  \"legacy/*.json\": [FARGATE-001]\nseverity:\n  ECS-EXEC: warning\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("project/.ecslint.yaml"),
        "ignore: [ECS-EXEC-001]\nfail-level: none\n",
    )
    .unwrap();
    dir
}

fn concise(dir: &Path, args: &[&str], code: i32) -> String {
    run(
        ecslint()
            .current_dir(dir)
            .args(["check", "--format", "concise"])
            .args(args),
        code,
    )
    .0
}

#[test]
fn the_nearest_configuration_applies() {
    let repo = repository();
    let out = concise(repo.path(), &["."], 1);
    assert!(!out.contains("vendor/"), "excluded: {out}");
    assert!(
        !out.contains("legacy/task.json:6:13: error[FARGATE-001]"),
        "per-file ignore: {out}"
    );
    assert!(
        out.contains("legacy/task.json:10:16: warning[ECS-EXEC-001]"),
        "severity: {out}"
    );
    // The project's own configuration replaces the root's.
    assert!(
        out.contains("project/task.json:6:13: error[FARGATE-001]"),
        "{out}"
    );
    assert!(!out.contains("project/task.json:10:16"), "{out}");
    // On its own, the project does not fail the run.
    concise(repo.path(), &["project"], 0);
}

#[test]
fn per_file_ignores_stay_in_sarif_as_external_suppressions() {
    let repo = repository();
    let (out, _) = run(
        ecslint()
            .current_dir(repo.path())
            .args(["check", "--format", "sarif", "legacy/task.json"]),
        1,
    );
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let ignored = results
        .iter()
        .find(|r| r["ruleId"] == "FARGATE-001")
        .unwrap();
    assert_eq!(ignored["suppressions"][0]["kind"], "external");
}

#[test]
fn named_files_are_excluded_only_when_forced() {
    let repo = repository();
    let out = concise(repo.path(), &["vendor/task.json"], 1);
    assert!(out.contains("vendor/task.json"), "{out}");
    let out = concise(repo.path(), &["--force-exclude", "vendor/task.json"], 0);
    assert!(out.contains("0 files checked"), "{out}");
}

#[test]
fn extend_select_turns_on_a_rule_that_is_off_by_default() {
    let dir = repository();
    let task = r#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "a:latest", "memory": 64}]}"#;
    std::fs::write(dir.path().join("task.json"), task).unwrap();
    assert!(!concise(dir.path(), &["task.json"], 0).contains("ECS-TD-025"));
    std::fs::write(
        dir.path().join(".ecslint.yaml"),
        "extend-select: [mutable-image-reference]\n",
    )
    .unwrap();
    let extended = concise(dir.path(), &["task.json"], 0);
    assert!(extended.contains("[ECS-TD-025]"), "{extended}");
}

#[test]
fn one_configuration_for_everything_and_settings_shown() {
    let repo = repository();
    let out = concise(
        repo.path(),
        &["--config", "project/.ecslint.yaml", "legacy"],
        0,
    );
    assert!(
        out.contains("legacy/task.json:6:13: error[FARGATE-001]"),
        "{out}"
    );
    let (settings, _) = run(
        ecslint()
            .current_dir(repo.path())
            .args(["check", "--show-settings", "legacy/task.json"]),
        0,
    );
    assert!(
        settings.contains("per-file-ignores for this file: [FARGATE-001"),
        "{settings}"
    );
}

#[test]
fn mistakes_in_the_configuration_are_located_errors() {
    let repo = repository();
    std::fs::write(
        repo.path().join(".ecslint.yaml"),
        "selct: [FARGATE]\nseverity:\n  NOPE: off\n",
    )
    .unwrap();
    let (_, err) = run(
        ecslint().current_dir(repo.path()).args(["check", "legacy"]),
        2,
    );
    assert!(
        err.contains(".ecslint.yaml:1:1: unknown setting `selct`; did you mean `select`?"),
        "{err}"
    );
    assert!(
        err.contains(".ecslint.yaml:3:3: `NOPE` names no rule"),
        "{err}"
    );
}

/// The published JSON Schema accepts what the loader accepts.
#[test]
fn the_schema_describes_every_setting() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(manifest_dir().join("schemas/ecslint-config.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let properties = schema["properties"].as_object().unwrap();
    for key in [
        "select",
        "ignore",
        "fail-level",
        "exclude",
        "per-file-ignores",
        "severity",
    ] {
        assert!(properties.contains_key(key), "{key}");
    }
    let validator = jsonschema::validator_for(&schema).unwrap();
    let example = serde_json::json!({"select": ["FARGATE"], "severity": {"IAM-008": "off"}, "per-file-ignores": {"a/*.json": "FARGATE-001"}});
    assert!(validator.is_valid(&example));
    assert!(!validator.is_valid(&serde_json::json!({"selct": []})));
}
