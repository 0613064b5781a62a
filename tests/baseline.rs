//! Baselines: a run against today's baseline passes, still passes after lines move, and
//! fails on a new finding.

mod common;

use common::{ecslint, manifest_dir, run};

#[test]
fn a_baseline_survives_moved_lines_and_catches_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let task =
        std::fs::read_to_string(manifest_dir().join("testdata/examples/fargate-api-task.json"))
            .unwrap();
    std::fs::write(dir.path().join("task.json"), &task).unwrap();
    let check = |args: &[&str], code: i32| {
        run(
            ecslint()
                .current_dir(dir.path())
                .args(["check", "--format", "concise", "task.json"])
                .args(args),
            code,
        )
    };
    let (_, err) = check(&["--write-baseline", "baseline.json"], 0);
    assert!(
        err.contains("findings to the baseline baseline.json"),
        "{err}"
    );
    let (out, _) = check(&["--baseline", "baseline.json"], 0);
    assert!(out.starts_with("No problems found"), "{out}");

    // Lines move: three blank lines at the top.
    std::fs::write(dir.path().join("task.json"), format!("\n\n\n{task}")).unwrap();
    check(&["--baseline", "baseline.json"], 0);

    // A new finding: the task also asks for a Windows-only parameter on Fargate.
    let changed = task.replacen("\"family\"", "\"ipcMode\": \"host\", \"family\"", 1);
    std::fs::write(dir.path().join("task.json"), changed).unwrap();
    let (out, _) = check(&["--baseline", "baseline.json"], 1);
    assert!(out.contains("ipcMode"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.contains("error[")).count(),
        1,
        "{out}"
    );

    // In SARIF the baseline's findings are there, dismissed.
    let (sarif, _) = run(
        ecslint().current_dir(dir.path()).args([
            "check",
            "--format",
            "sarif",
            "--baseline",
            "baseline.json",
            "task.json",
        ]),
        1,
    );
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["suppressions"][0]["kind"] == "external")
    );
}

#[test]
fn a_baseline_that_is_not_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.json"), "{\"x\": 1}").unwrap();
    let (_, err) = run(
        ecslint()
            .current_dir(dir.path())
            .args(["check", "--baseline", "b.json", "."]),
        2,
    );
    assert!(err.contains("not an ecslint baseline"), "{err}");
}
