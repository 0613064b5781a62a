use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, PolicyKind, Val};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds statement ids (`Sid`) used twice in one policy, and, in identity and trust
    /// policies, ids with characters other than ASCII letters and digits.
    ///
    /// ## Why is this bad?
    /// IAM rejects the policy: "Statement IDs (SID) in a single policy must be unique", and
    /// in IAM policies "Statement IDs (SID) must be alpha-numeric" (`[0-9A-Za-z]*`). Other
    /// services' resource policies allow more characters, so those are not checked for them.
    ///
    /// ## Example
    /// ```json
    /// {"Statement": [{"Sid": "Read logs", ...}, {"Sid": "Read logs", ...}]}
    /// ```
    ///
    /// Use instead: `"Sid": "ReadLogs"` and `"Sid": "WriteLogs"`.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Sid](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html)
    pub Sid {
        id: "IAM-003",
        name: "policy-sid",
        severity: Error,
        summary: "Duplicate statement id, or one IAM does not accept",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html",
    }
}

impl Check for Sid {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for document in model.policy_documents() {
            let sids: Vec<_> = document
                .statements
                .iter()
                .filter_map(|s| s.sid.as_ref().and_then(Val::known))
                .collect();
            // The first statement with each id. An empty `Sid` names nothing: the IAM console
            // writes `"Sid": ""` in several statements of one policy.
            let mut first_of: FxHashMap<&str, Span> = FxHashMap::default();
            for sid in &sids {
                if sid.value.is_empty() {
                    continue;
                }
                if let Some(&first) = first_of.get(sid.value.as_str()) {
                    sink.report_value(
                        sid,
                        format!(
                            "The statement id `{}` is used twice in this policy",
                            sid.value
                        ),
                    )
                    .label(first, "first used here")
                    .help("Give each statement its own `Sid`, or remove them.");
                    continue;
                }
                first_of.insert(&sid.value, sid.span);
                let iam_policy = document.kind != PolicyKind::Resource;
                if iam_policy && !sid.value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    let cleaned: String = sid
                        .value
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect();
                    sink.report_value(
                        sid,
                        format!(
                            "IAM accepts only letters and digits in a `Sid`, not `{}`",
                            sid.value
                        ),
                    )
                    .help(format!("Use `{cleaned}`."));
                }
            }
        }
    }
}
