use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

use super::{all_of, execution_role};

declare_rule! {
    /// ## What it does
    /// Follows a task definition to the execution role its template declares, and checks
    /// that the role may read each secret the task names — in `secrets`, the log driver's
    /// `secretOptions` and `repositoryCredentials`: `ssm:GetParameters` on a Parameter Store
    /// parameter (by name or ARN), `secretsmanager:GetSecretValue` on a Secrets Manager
    /// secret (its ARN, without a JSON key suffix). For a `!Ref` to a resource whose kind
    /// the value does not show (also `!Sub "${Secret}:password::"`), the role must allow
    /// neither to be reported. This applies on
    /// every launch type.
    ///
    /// ## Why is this bad?
    /// The task stops before its containers start: `ResourceInitializationError: unable to
    /// pull secrets or registry auth … AccessDeniedException`. AmazonECSTaskExecutionRolePolicy
    /// does not grant reading secrets; it must be added for them.
    ///
    /// ## Example
    /// ```yaml
    /// Secrets:
    ///   - Name: DB_PASSWORD
    ///     ValueFrom: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf
    /// ```
    /// with an execution role that has only AmazonECSTaskExecutionRolePolicy.
    ///
    /// Use instead: add `secretsmanager:GetSecretValue` on the secret's ARN to the role
    /// (and `kms:Decrypt` on the key, if the secret uses a customer managed KMS key).
    ///
    /// ## References
    /// - [Amazon ECS task execution IAM role: required permissions for secrets](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-secrets)
    pub ExecutionRoleSecrets {
        id: "ECS-EXEC-004",
        name: "execution-role-cannot-read-secrets",
        severity: Error,
        summary: "Execution role cannot read the task's secrets",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-secrets",
    }
}

const SSM: &str = "ssm:GetParameters";
const SECRETS_MANAGER: &str = "secretsmanager:GetSecretValue";

impl Check for ExecutionRoleSecrets {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(role) = execution_role(model, td) else {
                continue;
            };
            let sources = td
                .containers
                .iter()
                .flat_map(|c| &c.secret_sources)
                .filter_map(Val::known);
            for source in sources {
                let Some((store, arn)) = secret_store(&source.value) else {
                    continue;
                };
                let needs: Vec<(&str, Option<&str>)> = match store {
                    Store::Ssm => vec![(SSM, Some(&arn))],
                    Store::SecretsManager => vec![(SECRETS_MANAGER, Some(&arn))],
                    Store::Either => vec![(SSM, Some(&arn)), (SECRETS_MANAGER, Some(&arn))],
                };
                let denied = role.denied(&needs);
                if denied.len() < needs.len() {
                    continue;
                }
                let missing = match store {
                    Store::Either => format!(
                        "`{SSM}` (Parameter Store) or `{SECRETS_MANAGER}` (Secrets Manager)"
                    ),
                    _ => all_of(&denied),
                };
                role.report(
                    sink,
                    source.span,
                    "read this secret",
                    &missing,
                    "Allow the action on the secret or parameter's ARN; if it is encrypted with a \
                     customer managed KMS key, also allow `kms:Decrypt` on that key.",
                );
            }
        }
    }
}

/// Where a secret is kept.
#[derive(Debug, PartialEq)]
enum Store {
    Ssm,
    SecretsManager,
    /// A link to a resource of the template: either.
    Either,
}

/// The store a `valueFrom` reads, and the ARN to ask for. A bare name is a parameter in
/// the task's Region and account; a Secrets Manager ARN may end with
/// `:json-key:version-stage:version-id`, which is not part of the secret's ARN.
fn secret_store(value_from: &str) -> Option<(Store, String)> {
    let value = value_from.replace("${AWS::Partition}", "aws");
    // A link (`!Ref DatabaseSecret`), alone or with a JSON key after it
    // (`!Sub "${DatabaseSecret}:password::"`): the resource's ARN, of either store.
    if value.starts_with("${")
        && let Some(end) = value.find('}')
    {
        return Some((Store::Either, value[..=end].to_string()));
    }
    if !value.starts_with("arn:") {
        let name = value.trim_start_matches('/');
        return Some((
            Store::Ssm,
            format!("arn:aws:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter/{name}"),
        ));
    }
    let fields = arn_fields(&value);
    match fields.get(2).copied() {
        Some("ssm") => Some((Store::Ssm, value.clone())),
        Some("secretsmanager") if fields.len() >= 7 => {
            Some((Store::SecretsManager, fields[..7].join(":")))
        }
        _ => None,
    }
}

/// An ARN's colon-separated fields, keeping `${AWS::Region}` whole.
fn arn_fields(arn: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let (mut start, mut depth) = (0, 0);
    for (at, ch) in arn.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ':' if depth == 0 => {
                fields.push(&arn[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    fields.push(&arn[start..]);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_read_from_their_store() {
        assert_eq!(
            secret_store("/app/db-password"),
            Some((
                Store::Ssm,
                "arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db-password".into()
            ))
        );
        assert_eq!(
            secret_store(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"
            ),
            Some((
                Store::SecretsManager,
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf".into()
            ))
        );
        assert_eq!(
            secret_store(
                "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db"
            ),
            Some((
                Store::SecretsManager,
                "arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db".into()
            ))
        );
        assert_eq!(secret_store("${DbSecret}").unwrap().0, Store::Either);
        assert_eq!(
            secret_store("${DbSecret}:password::"),
            Some((Store::Either, "${DbSecret}".into()))
        );
        assert_eq!(secret_store("arn:aws:s3:::bucket/key"), None);
    }
}
