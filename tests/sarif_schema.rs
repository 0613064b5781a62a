//! Our SARIF validates against the official SARIF 2.1.0 schema (OASIS, errata 01), kept in
//! `tests/data/` so every clone's test suite validates; `ECSLINT_SARIF_SCHEMA` may name
//! another copy.

mod common;

use common::{files_under, lint, manifest_dir, relative, render};
use ecslint::report::Format;

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let path = std::env::var_os("ECSLINT_SARIF_SCHEMA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("tests/data/sarif-schema-2.1.0.json"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("schema readable"))
            .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let files: Vec<_> = ["testdata/examples", "testdata/malformed", "testdata/rules"]
        .iter()
        .flat_map(|dir| files_under(&manifest_dir().join(dir)))
        .map(|p| relative(&p))
        .collect();
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&lint(&files), Format::Sarif)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
    assert!(sarif["runs"][0]["results"].as_array().unwrap().len() > 50);

    // The validator is live: a region GitHub would reject is rejected here too.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken));
}
