use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Statement};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds ECR repository policies that let anyone use the repository: an `Allow`
    /// statement whose principal is `"*"` (or `{"AWS": "*"}`) with no condition that narrows
    /// who — `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`,
    /// `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`,
    /// `aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceIp`, compared with a positive operator
    /// (`StringEquals`, `ArnLike`, `IpAddress`…).
    ///
    /// ## Why is this bad?
    /// Any AWS account can then pull the images — with the code, configuration and secrets
    /// baked into them — and, when the statement allows `ecr:PutImage` or the upload
    /// actions, replace them with its own. Images meant for the public belong in ECR Public.
    ///
    /// ## Example
    /// ```json
    /// {"Statement": [{"Effect": "Allow", "Principal": "*",
    ///   "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}
    /// ```
    ///
    /// Use instead: name the accounts, or keep `"*"` and add
    /// `"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`.
    ///
    /// ## References
    /// - [Amazon ECR: repository policy examples](https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html)
    /// - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    pub PublicPolicy {
        id: "ECR-001",
        name: "public-repository-policy",
        severity: Warning,
        summary: "ECR repository policy that lets any AWS account use the repository",
        tags: ["ecr", "security"],
        security_severity: Some("8.0"),
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
    }
}

/// Global condition keys that limit who may make the request (the IAM User Guide, "AWS
/// global condition context keys"), compared without case as IAM does.
const NARROWING_KEYS: &[&str] = &[
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
];

/// Whether a condition of the statement limits who may use it: a narrowing key under an
/// operator that admits only matching values (not `StringNotEquals`, not `…IfExists`).
fn narrowed(statement: &Statement) -> bool {
    statement.conditions.iter().any(|c| {
        let operator = &c.operator.value;
        NARROWING_KEYS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&c.key.value))
            && !operator.contains("Not")
            && !operator.ends_with("IfExists")
    })
}

impl Check for PublicPolicy {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let statements = super::allowing_statements(model).filter(|s| !narrowed(s));
        for statement in statements {
            let Some(anyone) = statement.principal.as_ref().and_then(|p| p.anyone()) else {
                continue;
            };
            let writes = super::grants_write(statement);
            let what = if writes {
                "pull images from this repository and push images to it"
            } else {
                "pull images from this repository"
            };
            sink.report(anyone, format!("Any AWS account may {what}"))
                .primary("any principal")
                .help("Name the accounts that need the repository, or add a condition such as `aws:PrincipalOrgID`.");
        }
    }
}
