use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{ContainerName, EnvironmentVariable, Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds secrets written into a container's `environment`: a variable whose name says it
    /// holds one (`DB_PASSWORD`, `clientSecret`, `API_KEY`, `GITHUB_TOKEN`,
    /// `AWS_SECRET_ACCESS_KEY`…) or whose value has the shape of a credential (an AWS access
    /// key id or secret key, a private key, a GitHub or Slack token) — including a value a
    /// CloudFormation parameter's default or a Terraform variable supplies. Names of a
    /// reference to a secret (`…_ARN`, `…_FILE`, `…_PATH`, `…_NAME`, `…_ID`, `…_URL`) and values
    /// that are ARNs or file paths are not reported.
    ///
    /// ## Why is this bad?
    /// The environment is part of the task definition: anyone allowed
    /// `ecs:DescribeTaskDefinition` or the console reads it in plain text, it is kept in
    /// every revision, and templates and plans put it in version control. `secrets` injects
    /// the same variable from Secrets Manager or Parameter Store at start, readable only
    /// with the execution role.
    ///
    /// ## Example
    /// ```json
    /// {"containerDefinitions": [{"name": "api", "image": "api:3.1",
    ///   "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// "secrets": [{"name": "DB_PASSWORD",
    ///   "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}]
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS: pass sensitive data to a container](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html)
    pub PlaintextSecret {
        id: "ECS-TD-022",
        name: "plaintext-secret-in-environment",
        severity: Warning,
        summary: "Secret passed in plain text through a container's environment",
        tags: ["security"],
        security_severity: Some("7.5"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
    }
}

impl Check for PlaintextSecret {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            for (index, container) in td.containers.iter().enumerate() {
                for variable in &container.environment {
                    report(model, sink, container.name_or_index(index), variable);
                }
            }
        }
    }
}

fn report(
    model: &Model,
    sink: &mut Sink,
    container: ContainerName,
    variable: &EnvironmentVariable,
) {
    let Some(name) = variable.name.as_ref().and_then(Val::known) else {
        return;
    };
    // Absent or empty (`""` reads as unset): nothing is passed.
    let Some(value) = variable.value.as_ref() else {
        return;
    };
    let written = value.value().map(String::as_str);
    if written.is_some_and(is_reference) {
        return;
    }
    let why = match written.and_then(credential_shape) {
        Some(shape) => format!("its value has the shape of {shape}"),
        None if names_a_secret(&name.value) => "its name says it holds a secret".to_string(),
        None => return,
    };
    let span = value.span();
    let diagnostic = sink.report(
        span,
        format!(
            "Environment variable `{}` of container {container} is passed in plain text: {why}",
            name.value
        ),
    );
    diagnostic.primary("readable by anyone who may describe the task definition");
    if let Some(origin) = value.known().and_then(|v| v.origin.as_ref()) {
        diagnostic.label(origin.span, format!("the value is {}", origin.what));
    }
    diagnostic.help(format!(
        "Keep it in Secrets Manager or Parameter Store and pass it with {}.",
        model.container_property("secrets")
    ));
}

/// A value that points at a secret rather than holding one: an ARN, a file path, a
/// CloudFormation dynamic reference to Parameter Store.
fn is_reference(value: &str) -> bool {
    value.starts_with("arn:") || value.starts_with('/') || value.starts_with("{{resolve:ssm:")
}

/// The words of a variable name, compared without case: `dbPassword` and `DB_PASSWORD` are
/// both `DB`, `PASSWORD`. Slices of the name, so checking a variable allocates nothing.
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|part| {
            let bytes = part.as_bytes();
            let mut start = 0;
            (1..=bytes.len()).filter_map(move |i| {
                let ends = i == bytes.len()
                    || (bytes[i].is_ascii_uppercase()
                        && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit()));
                ends.then(|| {
                    let word = &part[start..i];
                    start = i;
                    word
                })
            })
        })
}

/// Whether a variable's name says it holds a secret, and not where to find one.
fn names_a_secret(name: &str) -> bool {
    /// Words that name a secret on their own.
    const SECRET: &[&str] = &[
        "PASSWORD",
        "PASSWD",
        "PASSPHRASE",
        "SECRET",
        "TOKEN",
        "APIKEY",
        "CREDENTIALS",
    ];
    /// Pairs that do (`API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`).
    const KEY_OWNERS: &[&str] = &["API", "PRIVATE", "ACCESS", "SIGNING", "ENCRYPTION"];
    /// Last words of a variable that says where a secret is, or something about it.
    const ABOUT: &[&str] = &[
        "ARN",
        "FILE",
        "PATH",
        "DIR",
        "NAME",
        "ID",
        "URL",
        "URI",
        "ENDPOINT",
        "HOST",
        "PORT",
        "REGION",
        "LENGTH",
        "TTL",
        "EXPIRY",
        "EXPIRATION",
        "TIMEOUT",
        "ENABLED",
        "TYPE",
        "HEADER",
        "PARAMETER",
        "PARAM",
        "VERSION",
        "STAGE",
        "LOCATION",
    ];
    let among = |list: &[&str], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let (mut secret, mut previous, mut last) = (false, "", None);
    for word in words(name) {
        secret = secret
            || among(SECRET, word)
            || (among(KEY_OWNERS, previous) && word.eq_ignore_ascii_case("KEY"));
        (previous, last) = (word, Some(word));
    }
    secret && last.is_some_and(|last| !among(ABOUT, last))
}

/// What kind of credential a value looks like, if it looks like one.
fn credential_shape(value: &str) -> Option<&'static str> {
    let value = value.trim();
    let alphanumeric_upper = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    if value.len() == 20
        && (value.starts_with("AKIA") || value.starts_with("ASIA"))
        && alphanumeric_upper(value)
    {
        return Some("an AWS access key id");
    }
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    const TOKEN_PREFIXES: &[&str] = &["ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-"];
    if TOKEN_PREFIXES.iter().any(|p| value.starts_with(p)) && value.len() >= 30 {
        return Some("a GitHub or GitLab token");
    }
    if ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"]
        .iter()
        .any(|p| value.starts_with(p))
    {
        return Some("a Slack token");
    }
    let base64ish = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+');
    let mixed = value.bytes().any(|b| b.is_ascii_lowercase())
        && value.bytes().any(|b| b.is_ascii_uppercase())
        && value.bytes().any(|b| b.is_ascii_digit());
    if value.len() == 40 && base64ish && mixed {
        return Some("an AWS secret access key");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for name in [
            "DB_PASSWORD",
            "dbPassword",
            "API_KEY",
            "apiKey",
            "GITHUB_TOKEN",
            "CLIENT_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "PRIVATE_KEY",
            "mysql-passwd",
            "SECRET",
            "SECRET_KEY",
        ] {
            assert!(names_a_secret(name), "{name}");
        }
        for name in [
            "DB_PASSWORD_FILE",
            "SECRET_ARN",
            "TOKEN_URL",
            "AWS_ACCESS_KEY_ID",
            "SECRETS_PATH",
            "PASSWORD_LENGTH",
            "LOG_LEVEL",
            "TOKENIZER",
            "KEYCLOAK_HOST",
            "SECRET_NAME",
            "PUBLIC_KEY",
            "",
        ] {
            assert!(!names_a_secret(name), "{name}");
        }
    }

    #[test]
    fn shapes() {
        assert!(credential_shape("AKIAIOSFODNN7EXAMPLE").is_some());
        assert!(credential_shape("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").is_some());
        assert!(credential_shape("-----BEGIN RSA PRIVATE KEY-----\nMIIE").is_some());
        assert!(credential_shape("ghp_0123456789abcdefghijABCDEFGHIJ012345").is_some());
        // A commit id is 40 characters of hex.
        assert!(credential_shape("3f786850e387550fdab836ed7e6dc881de23001b").is_none());
        assert!(credential_shape("production").is_none());
        assert!(credential_shape("AKIA").is_none());
    }
}
