//! The YAML loader: any bytes give trees whose spans lie in the text, or a located error.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ecslint::source::yaml::parse_yaml(text) {
        Ok(documents) => documents
            .iter()
            .for_each(|root| common::check_tree(text, root)),
        Err(error) => common::check_span(text, error.span, "error"),
    }
});
