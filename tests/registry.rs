//! The rule registry's promises: unique ids and names, complete documentation, a page in
//! `rules/` that matches the declaration, and pass and fail fixtures for every rule.
//! `UPDATE_RULE_PAGES=1 cargo test --test registry` regenerates the pages.

mod common;

use common::{files_under, manifest_dir};
use ecslint::rules::{self, pages};

#[test]
fn ids_and_names_are_unique_and_well_formed() {
    let all = rules::all();
    let mut ids: Vec<_> = all.iter().map(|r| r.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "duplicate rule id");
    let mut names: Vec<_> = all.iter().map(|r| r.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "duplicate rule name");
    for rule in &all {
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: name `{}` is not kebab-case",
            rule.id,
            rule.name
        );
        assert!(
            rule.reference.starts_with("https://"),
            "{}: no reference URL",
            rule.id
        );
        assert!(
            !rule.summary.is_empty() && !rule.tags.is_empty(),
            "{}: summary and tags",
            rule.id
        );
        let docs = rule.docs();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## References",
        ] {
            assert!(docs.contains(section), "{}: docs lack `{section}`", rule.id);
        }
    }
}

#[test]
fn every_rule_file_is_registered() {
    for path in files_under(&manifest_dir().join("src/rules")) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let Some(at) = text.find("declare_rule! {") else {
            continue;
        };
        let id = text[at..]
            .split("id: \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("an id");
        assert!(
            rules::find(id).is_some(),
            "{} declares {id}, which is not registered",
            path.display()
        );
    }
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    let root = manifest_dir().join("testdata/rules");
    for rule in rules::all() {
        for kind in ["pass", "fail"] {
            let dir = root.join(rule.id).join(kind);
            let count = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
            assert!(count > 0, "{}: no fixtures in {}", rule.id, dir.display());
        }
    }
    for entry in std::fs::read_dir(&root).expect("testdata/rules") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            rules::all().iter().any(|r| r.id == name),
            "testdata/rules/{name} names no rule"
        );
    }
}

#[test]
fn rule_pages_are_current() {
    let dir = manifest_dir().join("rules");
    let all = rules::all();
    let mut expected: Vec<(String, String)> = all
        .iter()
        .map(|r| (format!("{}.md", r.id), pages::page(r)))
        .collect();
    expected.push(("README.md".into(), pages::index(&all)));
    if std::env::var_os("UPDATE_RULE_PAGES").is_some() {
        std::fs::create_dir_all(&dir).expect("rules/");
        for old in std::fs::read_dir(&dir).expect("rules/") {
            std::fs::remove_file(old.expect("entry").path()).expect("remove stale page");
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).expect("write page");
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text) {
            stale.push(name.clone());
        }
    }
    let present = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert!(
        stale.is_empty() && present == expected.len(),
        "rule pages are stale or missing ({stale:?}, {present} files for {} pages): run `UPDATE_RULE_PAGES=1 cargo test --test registry`",
        expected.len()
    );
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).expect("README.md");
    for rule in rules::all() {
        let row = format!(
            "| [{id}](rules/{id}.md) | `{}` | {} |",
            rule.name,
            rule.severity.as_str(),
            id = rule.id
        );
        assert!(
            readme.contains(&row),
            "README.md's rule table lacks or misstates {}",
            rule.id
        );
    }
}
