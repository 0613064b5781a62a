//! Does a role's set of policies allow an action on a resource? IAM's evaluation logic for
//! identity policies, as far as a template says: an explicit `Deny` wins, otherwise an
//! `Allow` is needed, otherwise the request is implicitly denied
//! (IAM User Guide, "Policy evaluation logic").
//!
//! Whatever the template cannot tell makes the answer [`Access::Unknown`] rather than a
//! guess: a statement with a `Condition` grants only sometimes, a value only known at deploy
//! time may or may not match, a policy ecslint cannot see (a customer managed policy by ARN)
//! may grant anything. Rules report only [`Access::Denied`], so none of this produces a
//! false finding.

use crate::model::{Effect, Elements, PolicyDocument, PolicyKind, Statement, Val};

use super::glob::{Match, matches};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Allowed,
    Denied,
    Unknown,
}

/// The policies in force for a principal.
#[derive(Debug, Default)]
pub struct Policies<'a> {
    pub documents: Vec<&'a PolicyDocument>,
    /// Some of its policies cannot be read here (an ARN ecslint does not know, a value only
    /// known at deploy time): they may grant anything, so nothing is certainly denied.
    pub unseen: bool,
}

/// Whether `policies` allow `action` (`ecr:BatchGetImage`) on `resource` (an ARN pattern;
/// `None` asks whether the action is allowed on any resource at all).
pub fn allows(policies: &Policies, action: &str, resource: Option<&str>) -> Access {
    let mut allow = Match::No;
    let mut deny = Match::No;
    for statement in policies
        .documents
        .iter()
        .flat_map(|d| d.statements.iter().map(move |s| (d.kind, s)))
    {
        let (kind, statement) = statement;
        let effect = statement.effect.as_ref().and_then(Val::value);
        let applies = applies(statement, kind, effect, action, resource);
        match effect {
            Some(Effect::Allow) => allow = allow.max(applies),
            Some(Effect::Deny) => deny = deny.max(applies),
            None => allow = allow.max(applies.min(Match::Maybe)),
        }
    }
    match (allow, deny) {
        (_, Match::Yes) => Access::Denied,
        (Match::Yes, Match::No) => Access::Allowed,
        (Match::No, _) if !policies.unseen => Access::Denied,
        _ => Access::Unknown,
    }
}

/// How certainly one statement applies to the request.
fn applies(
    statement: &Statement,
    kind: PolicyKind,
    effect: Option<&Effect>,
    action: &str,
    resource: Option<&str>,
) -> Match {
    let Some((actions, negated)) = statement.actions() else {
        return Match::No;
    };
    let on_action = any(actions, |p| matches(p, action, true));
    let on_action = if negated { !on_action } else { on_action };
    if on_action == Match::No {
        return Match::No;
    }
    let on_resource = match (statement.resources(), resource) {
        // A resource policy's statements are about the resource it is attached to.
        (None, _) if kind != PolicyKind::Identity => Match::Yes,
        (None, _) => Match::No,
        (Some((resources, negated)), Some(resource)) => {
            let m = any(resources, |p| matches(p, resource, false));
            if negated { !m } else { m }
        }
        // "On any resource": an Allow grants the action somewhere; a Deny takes it away
        // everywhere only when it names `*`.
        (Some((resources, negated)), None) => match effect {
            Some(Effect::Deny) if !negated && statement.on_every_resource().is_some() => Match::Yes,
            Some(Effect::Deny) => Match::Maybe,
            _ if negated => Match::Maybe,
            _ => any(resources, |_| Match::Yes),
        },
    };
    let conditional = if statement.conditions.is_empty() && statement.condition_key.is_none() {
        Match::Yes
    } else {
        Match::Maybe
    };
    on_action.min(on_resource).min(conditional)
}

/// The best match among an element's values; a value not known here may match.
fn any(elements: &Elements, test: impl Fn(&str) -> Match) -> Match {
    elements
        .values
        .iter()
        .map(|v| match v {
            Val::Known(p) => test(&p.value),
            _ => Match::Maybe,
        })
        .max()
        .unwrap_or(Match::No)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::iam::standalone;
    use crate::source::json::parse_json;

    fn policy(json: &str) -> PolicyDocument {
        standalone(&parse_json(json).unwrap())
    }

    fn check(documents: &[&PolicyDocument], action: &str, resource: Option<&str>) -> Access {
        allows(
            &Policies {
                documents: documents.to_vec(),
                unseen: false,
            },
            action,
            resource,
        )
    }

    const LOGS: &str = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["logs:Create*", "logs:PutLogEvents"],
         "Resource": "arn:aws:logs:*:*:log-group:/ecs/*"}]}"#;

    #[test]
    fn wildcards_in_actions_and_resources() {
        let p = policy(LOGS);
        let stream = "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:a";
        assert_eq!(
            check(&[&p], "logs:CreateLogStream", Some(stream)),
            Access::Allowed
        );
        assert_eq!(
            check(&[&p], "LOGS:putlogevents", Some(stream)),
            Access::Allowed
        );
        assert_eq!(
            check(&[&p], "logs:DeleteLogGroup", Some(stream)),
            Access::Denied
        );
        let other = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/web:log-stream:a";
        assert_eq!(
            check(&[&p], "logs:CreateLogStream", Some(other)),
            Access::Denied
        );
        assert_eq!(check(&[&p], "logs:CreateLogStream", None), Access::Allowed);
    }

    #[test]
    fn not_action_and_not_resource() {
        let p = policy(
            r#"{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
                {"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}"#,
        );
        assert_eq!(check(&[&p], "ec2:RunInstances", Some("*")), Access::Allowed);
        assert_eq!(
            check(&[&p], "iam:PassRole", Some("arn:aws:iam::1:role/x")),
            Access::Denied
        );
        let q = policy(
            r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}"#,
        );
        assert_eq!(
            check(&[&q], "s3:GetObject", Some("arn:aws:s3:::public/a")),
            Access::Allowed
        );
        assert_eq!(
            check(&[&q], "s3:GetObject", Some("arn:aws:s3:::secret/a")),
            Access::Denied
        );
    }

    #[test]
    fn an_explicit_deny_wins_over_any_allow() {
        let admin = policy(r#"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#);
        let deny = policy(
            r#"{"Statement": {"Effect": "Deny", "Action": "ssm:GetParameter*", "Resource": "*"}}"#,
        );
        assert_eq!(
            check(
                &[&admin],
                "ssm:GetParameters",
                Some("arn:aws:ssm:r:1:parameter/db")
            ),
            Access::Allowed
        );
        assert_eq!(
            check(
                &[&admin, &deny],
                "ssm:GetParameters",
                Some("arn:aws:ssm:r:1:parameter/db")
            ),
            Access::Denied
        );
        assert_eq!(
            check(&[&admin, &deny], "ssm:GetParameters", None),
            Access::Denied
        );
    }

    #[test]
    fn conditions_make_a_grant_uncertain_never_a_false_claim() {
        let conditional = policy(
            r#"{"Statement": {"Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*",
                "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}}"#,
        );
        assert_eq!(
            check(&[&conditional], "ecr:BatchGetImage", Some("*")),
            Access::Unknown
        );
        assert_eq!(
            check(&[&conditional], "ecr:GetAuthorizationToken", Some("*")),
            Access::Denied
        );
        let deny_sometimes = policy(
            r#"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
        );
        assert_eq!(
            check(&[&deny_sometimes], "s3:GetObject", Some("*")),
            Access::Unknown
        );
    }

    #[test]
    fn unseen_policies_and_unknown_values_never_deny() {
        let p = policy(LOGS);
        let unseen = Policies {
            documents: vec![&p],
            unseen: true,
        };
        assert_eq!(
            allows(&unseen, "ssm:GetParameters", Some("*")),
            Access::Unknown
        );
        let templated = policy(
            r#"{"Statement": {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "${DbSecret}"}}"#,
        );
        assert_eq!(
            check(
                &[&templated],
                "secretsmanager:GetSecretValue",
                Some("${DbSecret}")
            ),
            Access::Allowed
        );
        assert_eq!(
            check(
                &[&templated],
                "secretsmanager:GetSecretValue",
                Some("arn:aws:secretsmanager:r:1:secret:db")
            ),
            Access::Unknown
        );
    }
}
