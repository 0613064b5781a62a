//! The HCL reader and the Terraform pipeline over one module file: spans lie in the text,
//! every format renders, and the same text lints the same twice.
#![no_main]

use ecslint::lint::{RuleFilter, lint_module_text};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ecslint::dialect::terraform::hcl::parse(text, 0) {
        Ok(blocks) => {
            for block in &blocks {
                for label in &block.labels {
                    common::check_span(text, label.span, "label");
                }
                common::check_tree(text, &block.body);
            }
        }
        Err(error) => common::check_span(text, error.span, "error"),
    }
    let filter = RuleFilter::all();
    let first = lint_module_text("main.tf", text, &filter).reports;
    for report in &first {
        common::check_report(text, report);
    }
    let again = lint_module_text("main.tf", text, &filter).reports;
    // Every format for a quarter of the inputs (see render_all).
    let every = data.len() % 4 == 0;
    assert_eq!(common::render_all(&first, every), common::json(&again));
});
