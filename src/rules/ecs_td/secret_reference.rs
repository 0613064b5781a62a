use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks the form of each secret a container reads (`secrets[].valueFrom`, the log
    /// driver's `secretOptions`): a Secrets Manager ARN with a JSON key or version has all
    /// three extra fields (`:json-key:version-stage:version-id`, empty ones included), a
    /// version id is 32 to 64 characters, and anything else is an ARN or a Parameter Store
    /// name. Giving both a version stage and a version id is a warning.
    ///
    /// ## Why is this bad?
    /// The ECS guide on Secrets Manager secrets gives the form
    /// `arn:aws:secretsmanager:region:account:secret:name:json-key:version-stage:version-id`
    /// and says "if you do not use them, you must include the colons". A malformed value is
    /// accepted at registration and fails when the task starts: "ResourceInitializationError:
    /// unable to pull secrets or registry auth … (minimum field size of 32 …),
    /// GetSecretValueInput.VersionId". Parameter names cannot contain `:`.
    ///
    /// ## Example
    /// ```json
    /// "secrets": [{"name": "DB_PASSWORD",
    ///   "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password"}]
    /// ```
    ///
    /// Use instead: `"…:secret:db-AbCdEf:password::"`.
    ///
    /// ## References
    /// - [Amazon ECS: pass Secrets Manager secrets](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html)
    pub SecretReference {
        id: "ECS-TD-029",
        name: "malformed-secret-reference",
        severity: Error,
        summary: "Secret reference ECS cannot resolve: extra Secrets Manager fields without all their colons, a bad version id, neither ARN nor parameter name",
        tags: ["secrets", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
    }
}

/// What is wrong with a secret reference, and how bad it is. Values with parts known only
/// at deploy time are skipped.
fn problem(value: &str) -> Option<(Severity, String)> {
    if value.contains("${") {
        return None;
    }
    let Some(rest) = value.strip_prefix("arn:") else {
        return value.contains(':').then(|| {
            (
                Severity::Error,
                "is neither an ARN nor a Parameter Store name (names cannot contain `:`)".into(),
            )
        });
    };
    // partition, service, region, account, "secret", name, then the optional three.
    let fields = memchr::memchr_iter(b':', rest.as_bytes()).count() + 1;
    if rest.split(':').nth(1) != Some("secretsmanager") || fields <= 6 {
        return None;
    }
    match fields {
        9 => {
            let mut last = rest.rsplit(':');
            let (id, stage) = (
                last.next().unwrap_or_default(),
                last.next().unwrap_or_default(),
            );
            if !id.is_empty() && !(32..=64).contains(&id.len()) {
                return Some((
                    Severity::Error,
                    format!(
                        "has a version id of {} characters; Secrets Manager's are 32 to 64",
                        id.len()
                    ),
                ));
            }
            (!stage.is_empty() && !id.is_empty()).then(|| {
                (
                    Severity::Warning,
                    "names both a version stage and a version id; give one, and leave the other empty".into(),
                )
            })
        }
        n => Some((
            Severity::Error,
            format!(
                "has {} field{} after the secret's name; ECS reads `:json-key:version-stage:version-id`, all three colons written even when empty",
                n - 6,
                if n == 7 { "" } else { "s" }
            ),
        )),
    }
}

impl Check for SecretReference {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container) in td.containers.iter().enumerate() {
                for source in container.secret_sources.iter().filter_map(Val::known) {
                    let Some((severity, problem)) = problem(&source.value) else {
                        continue;
                    };
                    let diagnostic = sink.report_value(
                        source,
                        format!(
                            "The secret reference of container {} {problem}",
                            container.name_or_index(index)
                        ),
                    );
                    diagnostic.severity = severity;
                    diagnostic.primary("secret reference").help(
                        "Write `arn:aws:secretsmanager:<region>:<account>:secret:<name>` alone, or with `:<json-key>:<version-stage>:<version-id>` (empty fields keep their colons: `:password::`), or a parameter's name or ARN.",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn severity(value: &str) -> Option<Severity> {
        problem(value).map(|(s, _)| s)
    }

    #[test]
    fn the_documented_forms_pass() {
        let secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
        assert_eq!(severity(secret), None);
        assert_eq!(severity(&format!("{secret}:password::")), None);
        assert_eq!(severity(&format!("{secret}::AWSCURRENT:")), None);
        let id = "a".repeat(32);
        assert_eq!(severity(&format!("{secret}:::{id}")), None);
        assert_eq!(severity("/prod/db/password"), None);
        assert_eq!(
            severity("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db"),
            None
        );
        assert_eq!(severity("${DbSecret}:password::"), None);
    }

    #[test]
    fn malformed_forms_fail() {
        let secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
        assert_eq!(
            severity(&format!("{secret}:password")),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&format!("{secret}:password:")),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&format!("{secret}:password:::")),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&format!("{secret}:::short")),
            Some(Severity::Error)
        );
        assert_eq!(
            severity(&format!("{secret}:::{}", "a".repeat(65))),
            Some(Severity::Error)
        );
        let id = "a".repeat(36);
        assert_eq!(
            severity(&format!("{secret}::AWSCURRENT:{id}")),
            Some(Severity::Warning)
        );
        assert_eq!(
            severity("secretsmanager:db:password"),
            Some(Severity::Error)
        );
    }
}
