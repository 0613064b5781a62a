//! Terraform modules as teams write them (`testdata/terraform/`): what is resolved across
//! files, modules, variable files and the files expressions read, and what stays unknown.

mod common;

use std::path::PathBuf;

use common::{lint, relative, render};
use ecslint::FileReport;
use ecslint::report::Format;
use ecslint::source::discover::discover;

/// Lints directories as the command line does: every file found in them.
fn lint_dirs(dirs: &[&str]) -> Vec<FileReport> {
    std::env::set_current_dir(common::manifest_dir()).unwrap();
    let paths: Vec<PathBuf> = dirs
        .iter()
        .map(|d| format!("testdata/terraform/{d}").into())
        .collect();
    lint(&discover(&paths).files)
}

/// The concise report of one module directory.
fn concise(dir: &str) -> String {
    render(&lint_dirs(&[dir]), Format::Concise)
}

#[test]
fn modules_render_as_snapshotted() {
    insta::glob!("../testdata/terraform", "*/main.tf*", |path| {
        let dir = relative(path.parent().unwrap());
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        insta::assert_snapshot!(render(&lint_dirs(&[&name]), Format::Human));
    });
}

#[test]
fn a_module_called_twice_reports_the_caller_whose_arguments_fail() {
    let reports = lint_dirs(&["module-called-twice"]);
    let findings: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let help = findings[0].help.as_deref().unwrap();
    assert!(
        help.contains("the argument `memory` of module `worker`"),
        "{help}"
    );
    assert!(help.contains("module-called-twice/main.tf:14:12"), "{help}");
    assert!(!help.contains("`api`"), "{help}");
}

#[test]
fn files_read_by_the_module_are_reported_where_they_are_written() {
    let out = concise("file-and-template");
    assert!(
        out.contains("file-and-template/containers.json:6:57: error[ECS-TD-003]"),
        "{out}"
    );
    // `templatefile` fills `${port}` in; the host port after it keeps its own position.
    assert!(
        out.contains("file-and-template/worker.json.tpl:6:62: error[ECS-TD-003]"),
        "{out}"
    );
}

#[test]
fn variable_files_override_defaults() {
    let out = concise("tfvars");
    assert!(out.contains("tfvars/main.tf:16:30: error[FARGATE-001] Fargate does not offer 256 CPU units with 4096 MiB"), "{out}");
}

#[test]
fn json_configuration_is_read_like_hcl() {
    let out = concise("tfjson");
    assert!(
        out.contains("tfjson/main.tf.json:13:22: error[FARGATE-001]"),
        "{out}"
    );
    assert!(
        out.contains("tfjson/main.tf.json:14:169: error[ECS-TD-003]"),
        "{out}"
    );
}

#[test]
fn a_file_that_does_not_parse_does_not_stop_the_others() {
    let out = concise("broken-file");
    assert!(
        out.contains("broken-file/broken.tf:2:15: error[INPUT-001]"),
        "{out}"
    );
    assert!(
        out.contains("broken-file/main.tf:4:30: error[FARGATE-004]"),
        "{out}"
    );
}

#[test]
fn clean_modules_unknown_values_and_registry_modules_make_no_findings() {
    for dir in ["unknowns", "registry-module", "realistic-clean"] {
        let reports = lint_dirs(&[dir]);
        let findings: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
        assert!(findings.is_empty(), "{dir}: {findings:#?}");
    }
}

#[test]
fn policy_document_data_sources_are_policies() {
    let out = concise("data-policy");
    assert!(
        out.contains("data-policy/main.tf:4:18: error[IAM-009]"),
        "{out}"
    );
    // `effect` defaults to Allow: no statement lacks one.
    assert!(!out.contains("IAM-002"), "{out}");
}

#[test]
fn a_module_linted_on_its_own_and_through_its_callers_is_reported_once() {
    let reports = lint_dirs(&["module-called-twice", "module-called-twice/modules/service"]);
    let findings: Vec<_> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
}

#[test]
fn installed_registry_modules_are_read_from_the_module_manifest() {
    let out = concise("installed-module");
    assert!(
        out.contains("installed-module/.terraform/modules/ecs/main.tf:14:30: error[FARGATE-001]"),
        "{out}"
    );
    assert!(out.contains("Found 1 error"), "{out}");
}

/// A plan with a child module, a resource being deleted, an execution role only known after
/// apply and a policy from a data source read while planning.
#[test]
fn plans_are_read_with_their_modules_unknowns_and_data_sources() {
    let out = render(
        &lint(&["testdata/terraform/plans/child-module.json".into()]),
        Format::Concise,
    );
    // The task definition in `module.svc`; its execution role is set, to an unknown value,
    // so no finding says it is missing.
    assert!(
        out.contains("child-module.json:1:1412: error[FARGATE-001]"),
        "{out}"
    );
    assert!(!out.contains("ECS-EXEC-001"), "{out}");
    // The deleted task definition (1 CPU unit) is not checked.
    assert!(!out.contains("1 CPU unit"), "{out}");
    // The policy is the data source's JSON in `prior_state`, reported inside that string.
    assert!(
        out.contains("child-module.json:1:3496: error[IAM-009]"),
        "{out}"
    );
    assert!(out.contains("Found 2 errors in"), "{out}");
}

/// `terraform show -json` of a state has values and no changes: they are the resources.
#[test]
fn states_are_read_from_their_values() {
    let out = render(
        &lint(&["testdata/terraform/plans/state.json".into()]),
        Format::Concise,
    );
    assert!(
        out.contains("state.json:1:296: error[FARGATE-001]"),
        "{out}"
    );
}
