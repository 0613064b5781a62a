//! The command line's contract: exit codes, output destinations, selection, stdin,
//! determinism across thread counts, and the `rules` and `explain` commands.

mod common;

use assert_cmd::Command;
use common::{ecslint, manifest_dir, run};

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8")
}

const CLEAN: &str = "testdata/rules/FARGATE-001/pass/table-edges.json";
const WARNS: &str = "testdata/rules/ECS-TD-027/fail/bridge-static.json";
const ERRS: &str = "testdata/rules/FARGATE-001/fail/256-cpu-with-4gb.json";

#[test]
fn exit_codes_follow_the_fail_level() {
    ecslint().args(["check", CLEAN]).assert().code(0);
    ecslint().args(["check", ERRS]).assert().code(1);
    // A warning fails only at --fail-level warning or note.
    ecslint().args(["check", WARNS]).assert().code(0);
    ecslint()
        .args(["check", WARNS, "--fail-level", "warning"])
        .assert()
        .code(1);
    ecslint()
        .args(["check", ERRS, "--fail-level", "none"])
        .assert()
        .code(0);
}

#[test]
fn an_empty_path_list_is_a_clean_exit() {
    let (out, _) = run(ecslint().args(["check"]), 0);
    assert_eq!(out, "No problems found (0 files checked).\n");
}

#[test]
fn usage_and_io_errors_exit_2() {
    ecslint()
        .args(["check", CLEAN, "--select", "NOPE-999"])
        .assert()
        .code(2);
    ecslint()
        .args(["check", "--format", "xml", CLEAN])
        .assert()
        .code(2);
    let (stdout, stderr) = run(ecslint().args(["check", "does/not/exist.json", ERRS]), 2);
    assert!(
        stderr.contains("does/not/exist.json: no such file or directory"),
        "{stderr}"
    );
    // The other file was still linted.
    assert!(stdout.contains("FARGATE-001"));
    ecslint().args(["explain", "NOPE-999"]).assert().code(2);
}

#[test]
fn rules_off_by_default_run_when_selected_or_extended() {
    let agent = "testdata/examples/host-agent-task.json";
    let concise = ["--format", "concise"];
    let default = stdout(ecslint().args(["check", agent]).args(concise));
    assert!(default.contains("[ECS-TD-019]"), "{default}");
    assert!(!default.contains("[ECS-TD-021]") && !default.contains("[ECS-TD-025]"));
    let extended = stdout(
        ecslint()
            .args([
                "check",
                agent,
                "--extend-select",
                "writable-root-filesystem",
            ])
            .args(concise),
    );
    assert!(extended.contains("[ECS-TD-021]") && extended.contains("[ECS-TD-019]"));
    assert!(!extended.contains("[ECS-TD-025]"), "{extended}");
    let selected = stdout(
        ecslint()
            .args(["check", agent, "--select", "ECS-TD-025"])
            .args(concise),
    );
    let rules: Vec<&str> = selected.lines().filter(|l| l.contains('[')).collect();
    assert!(!rules.is_empty() && rules.iter().all(|l| l.contains("[ECS-TD-025]")));
    let listed = stdout(ecslint().args(["rules"]));
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("ECS-TD-021") && l.ends_with("(off by default)"))
    );
}

#[test]
fn select_and_ignore_take_ids_names_and_prefixes() {
    let all = stdout(ecslint().args(["check", "testdata/examples", "--format", "concise"]));
    let fargate = stdout(ecslint().args([
        "check",
        "testdata/examples",
        "--format",
        "concise",
        "--select",
        "FARGATE",
    ]));
    assert!(
        fargate
            .lines()
            .filter(|l| l.contains('['))
            .all(|l| l.contains("[FARGATE-")),
        "{fargate}"
    );
    let by_name = stdout(ecslint().args([
        "check",
        "testdata/examples",
        "--format",
        "concise",
        "--select",
        "static-host-port,ECS-TD-001",
    ]));
    assert!(by_name.contains("[ECS-TD-027]") && by_name.contains("[ECS-TD-001]"));
    assert!(!by_name.contains("[FARGATE-"));
    let ignored = stdout(ecslint().args([
        "check",
        "testdata/examples",
        "--format",
        "concise",
        "--ignore",
        "INPUT,ECS-TD-027",
    ]));
    assert!(
        !ignored.contains("[INPUT-")
            && !ignored.contains("[ECS-TD-027]")
            && ignored.contains("[FARGATE-001]")
    );
    assert!(all.lines().count() > ignored.lines().count());
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    let yaml =
        std::fs::read(manifest_dir().join("testdata/rules/FARGATE-010/fail/syslog.yaml")).unwrap();
    let (out, _) = run(
        ecslint()
            .args([
                "check",
                "-",
                "--stdin-filename",
                "infra/task.yaml",
                "--format",
                "concise",
            ])
            .write_stdin(yaml),
        1,
    );
    assert!(
        out.starts_with("infra/task.yaml:11:18: error[FARGATE-010]"),
        "{out}"
    );
}

#[test]
fn terraform_on_stdin_is_read_as_hcl() {
    let hcl =
        std::fs::read(manifest_dir().join("testdata/rules/FARGATE-010/fail/tf-syslog/main.tf"))
            .unwrap();
    let (out, _) = run(
        ecslint()
            .args([
                "check",
                "-",
                "--stdin-filename",
                "infra/main.tf",
                "--format",
                "concise",
            ])
            .write_stdin(hcl),
        1,
    );
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.starts_with("infra/main.tf:") && l.contains("error[FARGATE-010]")),
        "{out}"
    );
}

#[test]
fn output_goes_to_a_file_with_dash_o() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.sarif");
    let (out, _) = run(
        ecslint()
            .args(["check", ERRS, "--format", "sarif", "-o"])
            .arg(&path),
        1,
    );
    assert!(out.is_empty());
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "FARGATE-001");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = stdout(ecslint().args(["check", "testdata", "--format", "json", "--jobs", "1"]));
    let two = stdout(ecslint().args(["check", "testdata", "--format", "json", "--jobs", "2"]));
    let eight = stdout(ecslint().args(["check", "testdata", "--format", "json", "--jobs", "8"]));
    assert!(one.len() > 1000);
    assert_eq!(one, two);
    assert_eq!(one, eight);
}

#[test]
fn color_is_opt_in_off_a_terminal() {
    let plain = stdout(ecslint().args(["check", ERRS]));
    assert!(!plain.contains('\u{1b}'));
    let colored = stdout(ecslint().args(["check", ERRS, "--color", "always"]));
    assert!(colored.contains('\u{1b}'));
    let never = stdout(ecslint().args(["check", ERRS, "--color", "never"]));
    assert_eq!(plain, never);
}

#[test]
fn verbose_says_what_was_skipped() {
    let (_, stderr) = run(
        ecslint().args(["check", "testdata/examples/unrelated.yaml", "--verbose"]),
        0,
    );
    assert!(
        stderr.contains("unrelated.yaml: skipped: not an ECS task definition"),
        "{stderr}"
    );
    let (_, quiet) = run(
        ecslint().args(["check", "testdata/examples/unrelated.yaml"]),
        0,
    );
    assert!(quiet.is_empty());
}

#[test]
fn verbose_counts_the_services_of_a_describe_output_once() {
    let service = |n: usize| {
        format!(r#"{{"serviceName": "s{n}", "taskDefinition": "web:1", "launchType": "EC2"}}"#)
    };
    let services: Vec<String> = (0..3).map(service).collect();
    let describe = format!(
        r#"{{"services": [{}], "failures": []}}"#,
        services.join(", ")
    );
    let (_, stderr) = run(
        ecslint()
            .args([
                "check",
                "-",
                "--stdin-filename",
                "services.json",
                "--verbose",
            ])
            .write_stdin(describe),
        0,
    );
    let notes: Vec<&str> = stderr.lines().filter(|l| l.contains("linted as")).collect();
    assert_eq!(
        notes,
        ["services.json: linted as 3 ECS services"],
        "{stderr}"
    );
}

#[test]
fn rules_and_explain() {
    let list = stdout(ecslint().args(["rules"]));
    assert!(
        list.lines()
            .any(|l| l.starts_with("FARGATE-001") && l.contains("invalid-fargate-cpu-memory"))
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(ecslint().args(["rules", "--format", "json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), ecslint::rules::all().len());
    // The committed page, without the note for its editors.
    let page = stdout(ecslint().args(["explain", "invalid-fargate-cpu-memory"]));
    let committed = std::fs::read_to_string(manifest_dir().join("rules/FARGATE-001.md")).unwrap();
    assert!(committed.ends_with(&page) && committed.starts_with("<!--"));
}

#[test]
fn suppressed_findings_do_not_fail_the_run_but_stay_in_sarif() {
    let fixture = "testdata/rules/INPUT-003/pass/used-comment.yaml";
    let (out, _) = run(ecslint().args(["check", "--format", "concise", fixture]), 0);
    assert!(out.starts_with("No problems found"), "{out}");
    let (sarif, _) = run(ecslint().args(["check", "--format", "sarif", fixture]), 0);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "FARGATE-001");
    assert_eq!(result["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        result["suppressions"][0]["justification"],
        "the next size ships Monday"
    );
}

/// A module and the module it calls are linted together by the command line too: the
/// called module's findings come from its caller's arguments, once.
#[test]
fn terraform_modules_are_linted_with_their_callers() {
    let (out, _) = run(
        ecslint().args([
            "check",
            "--format",
            "concise",
            "testdata/examples/terraform-service",
        ]),
        1,
    );
    assert!(out.contains("Found 4 errors, 1 note in 3 files"), "{out}");
    assert!(!out.contains("`aws_ecs_service.this`"), "{out}");
}

#[test]
fn statistics_quiet_and_exit_zero() {
    let (out, _) = run(
        ecslint().args([
            "check",
            "--statistics",
            "testdata/examples/fargate-api-task.json",
        ]),
        1,
    );
    assert!(
        out.lines()
            .any(|l| l.contains("FARGATE-001") && l.trim_start().starts_with('1')),
        "{out}"
    );
    let (out, _) = run(
        ecslint().args([
            "check",
            "-q",
            "--format",
            "concise",
            "testdata/examples/fargate-api-task.json",
        ]),
        1,
    );
    assert!(!out.contains("Found"), "{out}");
    run(
        ecslint().args([
            "check",
            "--exit-zero",
            "testdata/examples/fargate-api-task.json",
        ]),
        0,
    );
}

#[test]
fn selectors_are_whole_families_ids_names_or_all() {
    let (_, err) = run(
        ecslint().args(["check", "--select", "IAM-00", "testdata/examples"]),
        2,
    );
    assert!(err.contains("`IAM-00` names no rule"), "{err}");
    let (all, _) = run(
        ecslint().args([
            "check",
            "--select",
            "ALL",
            "--format",
            "concise",
            "testdata/examples",
        ]),
        1,
    );
    let (default, _) = run(
        ecslint().args(["check", "--format", "concise", "testdata/examples"]),
        1,
    );
    // `ALL` is the default set and the rules that are off by default.
    let findings = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains('['))
            .map(String::from)
            .collect()
    };
    let (all, default) = (findings(&all), findings(&default));
    let off: Vec<String> = ecslint::rules::all()
        .iter()
        .filter(|m| !m.enabled_by_default)
        .map(|m| format!("[{}]", m.id))
        .collect();
    let only_off: Vec<&String> = all
        .iter()
        .filter(|l| off.iter().any(|id| l.contains(id)))
        .collect();
    assert!(!only_off.is_empty());
    let rest: Vec<&String> = all.iter().filter(|l| !only_off.contains(l)).collect();
    assert_eq!(rest, default.iter().collect::<Vec<_>>());
}

#[test]
fn stdin_filename_needs_stdin() {
    let (_, err) = run(
        ecslint().args(["check", "--stdin-filename", "x.yaml", "testdata/examples"]),
        2,
    );
    assert!(err.contains("--stdin-filename"), "{err}");
}

#[test]
fn a_glob_without_a_directory_part_matches() {
    let (out, _) = run(
        ecslint()
            .current_dir(manifest_dir().join("testdata/examples"))
            .args(["check", "--format", "concise", "*-task.json"]),
        1,
    );
    assert!(out.starts_with("broken-task.json:"), "{out}");
}

#[test]
fn explain_prints_no_comments_and_completions_are_generated() {
    let (out, _) = run(ecslint().args(["explain", "FARGATE-001"]), 0);
    assert!(out.starts_with("# FARGATE-001"), "{out}");
    assert!(!out.contains("<!--"), "{out}");
    for shell in ["bash", "zsh", "fish"] {
        let (out, _) = run(ecslint().args(["completions", shell]), 0);
        assert!(out.contains("ecslint"), "{shell}");
    }
}
