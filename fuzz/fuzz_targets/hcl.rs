//! The HCL reader and the Terraform pipeline over one module file: spans lie in the text,
//! every format renders, and the same text lints the same twice.
#![no_main]

use ecslint::lint::lint_module_text;
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
    let filter = common::filter();
    let first = lint_module_text("main.tf", text, filter).reports;
    for report in &first {
        common::check_report(text, report);
    }
    // Every format, and the same output a second time, for a quarter of the inputs (they
    // double a run's cost; see render_all).
    let every = data.len() % 4 == 0;
    let output = common::render_all(&first, every);
    if every {
        let again = lint_module_text("main.tf", text, filter).reports;
        assert_eq!(output, common::json(&again));
    }
});
