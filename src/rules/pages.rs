//! The rule pages in `rules/`, generated from each rule's declaration. A test fails when a
//! committed page differs from what this produces; `UPDATE_RULE_PAGES=1 cargo test` rewrites them.

use super::RuleMeta;

const GENERATED: &str =
    "<!-- Generated from the rule's declaration in src/rules/; do not edit by hand. -->";

/// One rule's page, as `ecslint explain` prints it.
/// A rule's page as `explain` prints it: without the note for the page's editors.
pub fn explanation(rule: &RuleMeta) -> String {
    page(rule)
        .strip_prefix(GENERATED)
        .unwrap_or_default()
        .trim_start()
        .to_string()
}

pub fn page(rule: &RuleMeta) -> String {
    format!(
        "{GENERATED}\n\n# {} `{}`\n\n{}\n\n| | |\n|---|---|\n| Default severity | {} |\n| On by default | {} |\n| Tags | {} |\n| AWS reference | <{}> |\n\n{}\n",
        rule.id,
        rule.name,
        rule.summary,
        rule.severity.as_str(),
        if rule.enabled_by_default {
            "yes"
        } else {
            "no (`select` or `extend-select` it)"
        },
        rule.tags.join(", "),
        rule.reference,
        rule.docs()
    )
}

/// `rules/README.md`: every rule, with a link to its page.
pub fn index(rules: &[&RuleMeta]) -> String {
    let mut out = format!(
        "{GENERATED}\n\n# ecslint rules\n\n| Id | Name | Severity | What it finds |\n|---|---|---|---|\n"
    );
    for rule in rules {
        out.push_str(&format!(
            "| [{id}]({id}.md) | `{}` | {} | {} |\n",
            rule.name,
            rule.severity.as_str(),
            rule.summary,
            id = rule.id
        ));
    }
    out
}
