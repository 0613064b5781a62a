//! JSON written inside a string (a policy as a JSON string, Terraform's container
//! definitions): every string of a JSON or YAML file is parsed as JSON, and positions inside
//! it must map back into the file — through JSON escapes and YAML quoted and block scalars.
#![no_main]

use ecslint::source::embedded::parse_json_in_string;
use ecslint::source::tree::{Node, Value};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let documents = if selector & 1 == 0 {
        ecslint::source::json::parse_json(text).map(|root| vec![root])
    } else {
        ecslint::source::yaml::parse_yaml(text)
    };
    let Ok(documents) = documents else {
        return;
    };
    for root in &documents {
        for node in root.descendants() {
            check_string(text, node);
        }
    }
});

fn check_string(text: &str, node: &Node) {
    let Value::String(value) = &node.value else {
        return;
    };
    match parse_json_in_string(value, text, node.span) {
        Ok(inner) => common::check_tree(text, &inner),
        Err(error) => common::check_span(text, error.span, "error"),
    }
}
