//! Bad input gets a located diagnostic or a clear error line, never a panic or a hang, and
//! the other files are still linted.

mod common;

use common::{ecslint, files_under, lint, manifest_dir, relative, run};

/// Each file in `testdata/malformed/` and the rule it must produce (or none, for files that
/// are valid despite their oddity).
const EXPECTED: &[(&str, Option<&str>, &str)] = &[
    ("alias-bomb.yaml", Some("INPUT-001"), "alias bomb"),
    ("binary.json", Some("INPUT-001"), "not valid UTF-8"),
    ("bom.json", None, ""),
    ("bom.yaml", None, ""),
    (
        "control-character.json",
        Some("INPUT-001"),
        "control character",
    ),
    (
        "deep-nesting.json",
        Some("INPUT-001"),
        "nests deeper than 256",
    ),
    ("deep-nesting.yaml", Some("INPUT-001"), "recursion limit"),
    ("empty.json", Some("INPUT-001"), "unexpected end of file"),
    ("latin1.json", Some("INPUT-001"), "not valid UTF-8"),
    // Found by fuzzing: a tag after a NEL (U+0085, a two-byte space) was sliced inside it.
    (
        "tag-after-next-line.yaml",
        Some("INPUT-001"),
        "invalid YAML",
    ),
    // Found by fuzzing: a policy string ending in `\L` mapped positions past its end.
    (
        "policy-string-ending-in-escape.yaml",
        Some("INPUT-002"),
        "does not match",
    ),
    ("truncated.json", Some("INPUT-001"), "unterminated string"),
    // Found by fuzzing: hcl-edit backtracks over every bracket left open (4 s for these 480
    // bytes); so many cannot parse, and are reported without asking it.
    ("unclosed-brackets.tf", Some("INPUT-001"), "never closed"),
    ("unclosed-flow.yaml", Some("INPUT-001"), "invalid YAML"),
    // Found by fuzzing: a Unicode blank in a `memberOf` expression looped without progress.
    ("unicode-blank-in-expression.yaml", None, ""),
];

#[test]
fn every_malformed_file_gets_a_located_diagnostic() {
    let files = files_under(&manifest_dir().join("testdata/malformed"));
    assert_eq!(
        files.len(),
        EXPECTED.len(),
        "every malformed fixture has an expectation"
    );
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let (_, rule, fragment) = EXPECTED
            .iter()
            .find(|(n, ..)| *n == name)
            .expect("expectation");
        let report = lint(&[relative(&path)]).remove(0);
        assert!(report.io_error.is_none());
        let input: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.id.starts_with("INPUT-"))
            .collect();
        match rule {
            Some(rule) => {
                assert_eq!(input.len(), 1, "{name}: {:?}", report.diagnostics);
                assert_eq!(input[0].rule.id, *rule, "{name}");
                assert!(
                    input[0].message.contains(fragment),
                    "{name}: {}",
                    input[0].message
                );
                assert!(
                    (input[0].span.end as usize)
                        <= std::fs::metadata(&path).unwrap().len() as usize + 1
                );
            }
            None => assert!(input.is_empty(), "{name}: {input:?}"),
        }
    }
}

#[test]
fn a_byte_order_mark_keeps_positions_right() {
    let report = lint(&[relative(
        &manifest_dir().join("testdata/malformed/bom.json"),
    )])
    .remove(0);
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.rule.id == "ECS-TD-027")
        .expect("finding");
    assert_eq!(&report.text[finding.span.range()], "80");
}

#[test]
fn other_files_are_linted_alongside_bad_ones() {
    let (out, _) = run(
        ecslint()
            .args([
                "check",
                "testdata/malformed",
                "testdata/rules/FARGATE-001/fail/256-cpu-with-4gb.json",
            ])
            .args(["--format", "concise"]),
        1,
    );
    assert!(out.contains("[FARGATE-001]"), "{out}");
    assert_eq!(out.matches("[INPUT-001]").count(), 11, "{out}");
}

#[cfg(unix)]
#[test]
fn unreadable_paths_and_symlink_loops_are_error_lines() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("infra")).unwrap();
    std::fs::copy(
        manifest_dir().join("testdata/rules/FARGATE-001/fail/256-cpu-with-4gb.json"),
        root.join("infra/task.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(root.join("infra"), root.join("infra/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("gone.json"), root.join("infra/dangling.json")).unwrap();
    let (stdout, stderr) = run(
        ecslint()
            .current_dir(root)
            .args(["check", "infra", "--format", "concise"]),
        2,
    );
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert!(stderr.contains("dangling.json"), "{stderr}");
    assert!(
        stdout.contains("infra/task.json:8:13: error[FARGATE-001]"),
        "{stdout}"
    );
}

/// A value that would print a workflow command or terminal escapes is escaped in every
/// format that prints text.
#[test]
fn values_from_files_cannot_forge_output() {
    for format in ["human", "concise", "github"] {
        let (out, _) = run(
            ecslint().args([
                "check",
                "--format",
                format,
                "--color",
                "never",
                "testdata/hostile/forged-annotation-policy.json",
            ]),
            1,
        );
        for line in out.lines() {
            assert!(
                !line.trim_start().starts_with("::error file=README.md"),
                "{format}: {line}"
            );
        }
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}: {out:?}"
        );
    }
}
