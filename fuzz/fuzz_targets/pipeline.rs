//! The whole `lint_bytes` pipeline, under each file name that chooses a syntax and a
//! dialect: findings lie in the file, every output format renders (SARIF as JSON), and
//! linting the same bytes twice gives the same output (the last two on the half of the inputs
//! whose first byte has its high bit set: they double a run's cost).
#![no_main]

use ecslint::lint::lint_bytes;
use libfuzzer_sys::fuzz_target;

mod common;

/// Names that lead (chosen by the low bits of the first byte; its high bit asks for every
/// output format) the loader to each syntax (the rest is recognised from the content).
const NAMES: [&str; 5] = [
    "task.json",
    "template.yaml",
    "policy.json",
    "stack.template",
    "plan.tfplan.json",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[(selector & 0x7f) as usize % NAMES.len()];
    let filter = common::filter();
    let first = lint_bytes(name.to_string(), bytes, filter);
    if let Ok(text) = std::str::from_utf8(bytes) {
        common::check_report(text, &first);
    }
    // Every format, and the same output a second time, on the inputs that ask for them.
    let every = selector & 0x80 != 0;
    let output = common::render_all(&[first], every);
    if every {
        let again = lint_bytes(name.to_string(), bytes, filter);
        assert_eq!(output, common::json(&[again]));
    }
});
