//! Every CloudFormation JSON rule fixture has twins in the other forms — its YAML
//! (`cfn-<name>.yaml`, written by `scripts/cfn_yaml_twins.py` when not written by hand), an
//! HCL module (`tf-<name>/`) and the plan Terraform prints for it (`tfplan-<name>.json`),
//! written by `scripts/terraform_twins.py` — and each twin reports exactly the rules its
//! template does: the same rules fire whatever form declares the infrastructure.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{files_under, lint_with, manifest_dir, relative};
use ecslint::RuleFilter;

/// The rule ids a fixture reports, over all the files its reports cover, with every rule
/// (those off by default too).
fn rules_of(path: &Path) -> BTreeSet<&'static str> {
    lint_with(&[relative(path)], &RuleFilter::all())
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.rule.id)
        .collect()
}

/// Each CloudFormation JSON fixture and its twins, if it has them.
fn templates() -> Vec<(PathBuf, Vec<PathBuf>)> {
    files_under(&manifest_dir().join("testdata/rules"))
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let stem = name
                .strip_prefix("cfn-")?
                .strip_suffix(".json")?
                .to_string();
            let dir = path.parent()?.to_path_buf();
            let module = dir.join(format!("tf-{stem}/main.tf"));
            let plan = dir.join(format!("tfplan-{stem}.json"));
            let twins = [module, plan].into_iter().filter(|f| f.is_file()).collect();
            Some((path, twins))
        })
        .collect()
}

#[test]
fn yaml_twins_report_what_their_template_reports() {
    let mut failures = Vec::new();
    for (template, _) in templates() {
        let twin = template.with_extension("yaml");
        if !twin.is_file() {
            failures.push(format!(
                "{} has no YAML twin: run scripts/cfn_yaml_twins.py",
                relative(&template).display()
            ));
            continue;
        }
        let (expected, found) = (rules_of(&template), rules_of(&twin));
        if found != expected {
            failures.push(format!(
                "{}: {expected:?}, but its YAML reports {found:?}",
                relative(&template).display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn twins_report_what_their_template_reports() {
    let mut failures = Vec::new();
    for (template, twins) in templates() {
        if twins.is_empty() {
            continue;
        }
        let expected = rules_of(&template);
        for twin in &twins {
            let found = rules_of(twin);
            if found != expected {
                failures.push(format!(
                    "{}: {expected:?}, but {} reports {found:?}",
                    relative(&template).display(),
                    relative(twin).display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Only templates whose scenarios are CloudFormation's own (conditions, mappings) lack
/// twins, and every rule with a failing template has a failing module (generated, or written
/// by hand where a template's scenarios have a Terraform form: a validated variable).
#[test]
fn every_template_has_twins() {
    let mut rules_with_templates = BTreeSet::new();
    let mut rules_with_twins = BTreeSet::new();
    for module in files_under(&manifest_dir().join("testdata/rules")) {
        let components: Vec<_> = module.components().rev().take(4).collect();
        if let [file, outcome, rule, ..] = components.as_slice()
            && file.as_os_str().to_string_lossy().starts_with("cfn-")
            && outcome.as_os_str() == "fail"
        {
            rules_with_templates.insert(rule.as_os_str().to_string_lossy().to_string());
        }
        if let [file, dir, outcome, rule] = components.as_slice()
            && file.as_os_str() == "main.tf"
            && dir.as_os_str().to_string_lossy().starts_with("tf-")
            && outcome.as_os_str() == "fail"
        {
            rules_with_twins.insert(rule.as_os_str().to_string_lossy().to_string());
        }
    }
    for (template, twins) in templates() {
        let text = std::fs::read_to_string(&template).unwrap();
        // A module and a plan; only the module where a plan cannot show the fault.
        let expected = if text.contains("\"NoPlanTwin\"") {
            1
        } else {
            2
        };
        assert!(
            twins.len() == expected
                || text.contains("\"Fn::If\"")
                || text.contains("\"Fn::FindInMap\"")
                || text.contains("\"NoTerraformTwin\""),
            "{} has no Terraform twins: run scripts/terraform_twins.py",
            relative(&template).display()
        );
    }
    let without: Vec<_> = rules_with_templates.difference(&rules_with_twins).collect();
    assert!(
        without.is_empty(),
        "no failing Terraform module for {without:?}"
    );
}
