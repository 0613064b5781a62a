//! IAM policy documents: identity policies, resource policies and role trust policies, read
//! from standalone files or from the templates that embed them (also as JSON strings, whose
//! positions are mapped back into the file).
//!
//! Values are kept as *patterns*: `arn:aws:s3:::logs/*` as written, with the parts only known
//! at deploy time as `${Name}` (`arn:${AWS::Partition}:logs:${AWS::Region}:…`, a link to a
//! resource as `${Secret}` or `${Bucket.Arn}`). The evaluator in [`crate::iam`] matches them.

use crate::source::span::{Located, Span};

use super::Val;

/// What a policy is attached to, which decides which elements it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// Attached to a user, group or role: no `Principal`.
    Identity,
    /// Attached to a resource (an ECR repository, a bucket): names its `Principal`s.
    Resource,
    /// A role's `AssumeRolePolicyDocument`: who may assume the role; no `Resource`.
    Trust,
}

impl PolicyKind {
    pub fn describe(self) -> &'static str {
        match self {
            PolicyKind::Identity => "an identity policy",
            PolicyKind::Resource => "a resource policy",
            PolicyKind::Trust => "a trust policy",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PolicyDocument {
    /// The document: its object, or the string it is written in.
    pub span: Span,
    pub kind: PolicyKind,
    pub version: Option<Val<String>>,
    /// Where the `Statement` element's name is, if it is there.
    pub statement_key: Option<Span>,
    pub statements: Vec<Statement>,
    /// What is wrong with the document's shape (a statement that is not an object, a string
    /// that is not JSON), found while reading it.
    pub malformed: Vec<Located<String>>,
    /// Top-level elements IAM does not know.
    pub unknown_elements: Vec<Located<String>>,
}

impl PolicyDocument {
    /// A document with nothing in it yet, at `span`.
    pub fn empty(span: Span, kind: PolicyKind) -> Self {
        PolicyDocument {
            span,
            kind,
            version: None,
            statement_key: None,
            statements: Vec::new(),
            malformed: Vec::new(),
            unknown_elements: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

#[derive(Debug, Clone, Default)]
pub struct Statement {
    pub span: Span,
    pub sid: Option<Val<String>>,
    pub effect: Option<Val<Effect>>,
    pub action: Option<Elements>,
    pub not_action: Option<Elements>,
    pub resource: Option<Elements>,
    pub not_resource: Option<Elements>,
    pub principal: Option<Principal>,
    pub not_principal: Option<Principal>,
    /// Where the `Condition` element's name is, when the statement has conditions.
    pub condition_key: Option<Span>,
    pub conditions: Vec<Condition>,
    /// Statement elements IAM does not know.
    pub unknown_elements: Vec<Located<String>>,
}

impl Statement {
    pub fn allows(&self) -> bool {
        matches!(
            self.effect.as_ref().and_then(Val::value),
            Some(Effect::Allow)
        )
    }

    /// The actions it is about (`Action`, or `NotAction` with `true`).
    pub fn actions(&self) -> Option<(&Elements, bool)> {
        match (&self.action, &self.not_action) {
            (Some(a), _) => Some((a, false)),
            (None, Some(n)) => Some((n, true)),
            (None, None) => None,
        }
    }

    /// The resources it is about (`Resource`, or `NotResource` with `true`).
    pub fn resources(&self) -> Option<(&Elements, bool)> {
        match (&self.resource, &self.not_resource) {
            (Some(r), _) => Some((r, false)),
            (None, Some(n)) => Some((n, true)),
            (None, None) => None,
        }
    }

    /// Whether the statement could allow some action of the service `prefix` (`iam`): false
    /// when it denies, or when every action it names is written with another service — a
    /// test of a few strings that spares matching patterns against a whole list of actions.
    pub fn may_allow_service(&self, prefix: &str) -> bool {
        if !self.allows() {
            return false;
        }
        match self.actions() {
            None => false,
            Some((_, true)) => true,
            Some((elements, false)) => elements.values.iter().any(|value| match value.known() {
                None => true,
                Some(action) => {
                    let service = action.value.split(':').next().unwrap_or_default();
                    service.contains(['*', '?', '$']) || service.eq_ignore_ascii_case(prefix)
                }
            }),
        }
    }

    /// Whether the statement names the resource `*` (a lone `*` or one among others).
    pub fn on_every_resource(&self) -> Option<Span> {
        let resource = self.resource.as_ref()?;
        resource
            .values
            .iter()
            .find_map(|v| v.known().filter(|p| p.value == "*").map(|p| p.span))
    }
}

/// The value of `Action`, `NotAction`, `Resource` or `NotResource`: one string or a list.
#[derive(Debug, Clone)]
pub struct Elements {
    /// The element's name.
    pub key: Span,
    pub values: Vec<Val<String>>,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone)]
pub struct Principal {
    pub key: Span,
    /// `"Principal": "*"`.
    pub everyone: Option<Span>,
    /// `AWS`, `Service`, `Federated`, `CanonicalUser` and their values.
    pub members: Vec<(Located<String>, Vec<Val<String>>)>,
}

impl Principal {
    /// Where the principal admits anyone: `"*"` or `{"AWS": "*"}`.
    pub fn anyone(&self) -> Option<Span> {
        self.everyone.or_else(|| {
            self.members
                .iter()
                .filter(|(kind, _)| kind.value == "AWS")
                .flat_map(|(_, values)| values)
                .find_map(|v| v.known().filter(|p| p.value == "*").map(|p| p.span))
        })
    }

    /// The values of one kind of principal (`Service`).
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Val<String>> + 'a {
        self.members
            .iter()
            .filter(move |(k, _)| k.value == kind)
            .flat_map(|(_, values)| values)
    }
}

/// Whether `text` is an AWS account id: twelve digits.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The account an `AWS` principal names: a 12-digit id, or the account field of an IAM or
/// STS ARN (`arn:aws:iam::123456789012:role/ci`), which may be `${AWS::AccountId}`.
pub fn principal_account(principal: &str) -> Option<&str> {
    if is_account_id(principal) {
        return Some(principal);
    }
    let rest = principal.strip_prefix("arn:")?;
    let (_, rest) = rest
        .split_once(":iam::")
        .or_else(|| rest.split_once(":sts::"))?;
    if rest.starts_with("${") {
        // A pseudo parameter or variable, whose name holds colons itself.
        return rest.find('}').map(|end| &rest[..=end]);
    }
    rest.split_once(':').map(|(account, _)| account)
}

/// One test of a `Condition` block: `"StringEquals": {"aws:SourceAccount": "1234"}`.
#[derive(Debug, Clone)]
pub struct Condition {
    pub operator: Located<String>,
    pub key: Located<String>,
    pub values: Vec<Val<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_accounts() {
        assert_eq!(principal_account("123456789012"), Some("123456789012"));
        let role = "arn:aws:iam::123456789012:role/deployer";
        assert_eq!(principal_account(role), Some("123456789012"));
        let session = "arn:aws:sts::210987654321:assumed-role/ci/session";
        assert_eq!(principal_account(session), Some("210987654321"));
        let pseudo = "arn:${AWS::Partition}:iam::${AWS::AccountId}:root";
        assert_eq!(principal_account(pseudo), Some("${AWS::AccountId}"));
        assert_eq!(principal_account("12345678901"), None);
        assert_eq!(principal_account("*"), None);
        assert_eq!(principal_account("arn:aws:s3:::bucket"), None);
    }

    fn statement(effect: Effect, actions: &[&str], not: bool) -> Statement {
        let values = actions
            .iter()
            .map(|a| Val::Known(Located::new(a.to_string(), Span::default())))
            .collect();
        let elements = Some(Elements {
            key: Span::default(),
            values,
        });
        let (action, not_action) = if not {
            (None, elements)
        } else {
            (elements, None)
        };
        Statement {
            effect: Some(Val::Known(Located::new(effect, Span::default()))),
            action,
            not_action,
            ..Statement::default()
        }
    }

    #[test]
    fn a_statement_may_allow_only_the_services_it_could_name() {
        let allow = |actions: &[&str]| statement(Effect::Allow, actions, false);
        assert!(allow(&["IAM:PassRole"]).may_allow_service("iam"));
        assert!(allow(&["s3:GetObject", "iam:*"]).may_allow_service("iam"));
        assert!(!allow(&["s3:GetObject", "logs:*"]).may_allow_service("iam"));
        for any in ["*", "i*:PassRole", "${Service}:PassRole"] {
            assert!(allow(&[any]).may_allow_service("iam"), "{any}");
        }
        assert!(statement(Effect::Allow, &["s3:*"], true).may_allow_service("iam"));
        assert!(!statement(Effect::Deny, &["iam:*"], false).may_allow_service("iam"));
    }
}
