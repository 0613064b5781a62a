use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Model, PolicyDocument, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks a policy's `Version`: one IAM does not know, or — in a policy that uses policy
    /// variables such as `${aws:username}` — a missing `Version` or the old `2008-10-17`.
    ///
    /// ## Why is this bad?
    /// IAM rejects any other version string (`MalformedPolicyDocument`). Without a
    /// `Version`, or with `2008-10-17`, IAM applies the old language, in which policy
    /// variables are plain text: `arn:aws:s3:::home/${aws:username}/*` then matches only a
    /// key literally named `${aws:username}`, and the policy silently grants nothing. A
    /// missing or old version is reported only where it changes the meaning: most trust
    /// policies omit it, and ECR's documentation still writes repository policies with
    /// 2008-10-17, to no effect.
    ///
    /// ## Example
    /// ```json
    /// {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
    ///   "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}
    /// ```
    ///
    /// Use instead: `{"Version": "2012-10-17", "Statement": [...]}`.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Version](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html)
    pub Version {
        id: "IAM-001",
        name: "policy-version",
        severity: Warning,
        summary: "Policy Version invalid, or missing or too old for its policy variables",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
    }
}

/// The versions of the policy language. Source: IAM JSON policy elements: Version.
const CURRENT: &str = "2012-10-17";
const OLD: &str = "2008-10-17";

impl Check for Version {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for document in model.policy_documents() {
            if !document.malformed.is_empty() && document.statements.is_empty() {
                continue;
            }
            match &document.version {
                None => {
                    if uses_policy_variables(document) {
                        sink.report(
                            document.statement_key.unwrap_or(document.span),
                            "The policy has no `Version`, so IAM reads it with the 2008-10-17 language, where its policy variables are plain text",
                        )
                        .help(format!("Add `\"Version\": \"{CURRENT}\"`."));
                    }
                }
                Some(Val::Known(version)) if version.value == CURRENT => {}
                Some(Val::Known(version)) if version.value == OLD => {
                    if uses_policy_variables(document) {
                        sink.report_value(
                            version,
                            "The policy uses policy variables, which version 2008-10-17 treats as plain text",
                        )
                        .help(format!("Use `\"Version\": \"{CURRENT}\"`."));
                    }
                }
                Some(Val::Known(version)) => {
                    sink.report_value(
                        version,
                        format!("`{}` is not a policy language version: IAM accepts only {CURRENT} and {OLD}", version.value),
                    )
                    .severity(Severity::Error)
                    .help(format!("Use `\"Version\": \"{CURRENT}\"`."));
                }
                Some(Val::Invalid(version)) => {
                    sink.report(
                        version.span,
                        format!("`Version` is a string, not {}", version.value),
                    )
                    .severity(Severity::Error);
                }
                Some(Val::Unknown(_)) => {}
            }
        }
    }
}

/// Whether a resource or condition value uses a policy variable (`${aws:username}`,
/// `${aws:PrincipalTag/team}`): a service-qualified name with one colon, unlike a
/// template's `${AWS::Region}` or `${Bucket.Arn}`.
fn uses_policy_variables(document: &PolicyDocument) -> bool {
    let is_variable = |value: &str| {
        value.split("${").skip(1).any(|rest| {
            let name = rest.split('}').next().unwrap_or_default();
            name.contains(':') && !name.contains("::")
        })
    };
    document.statements.iter().any(|s| {
        let resources = s.resources().into_iter().flat_map(|(e, _)| &e.values);
        let conditions = s.conditions.iter().flat_map(|c| &c.values);
        resources
            .chain(conditions)
            .filter_map(Val::value)
            .any(|v| is_variable(v))
    })
}
