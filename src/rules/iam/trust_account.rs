use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::model::policy::{is_account_id, principal_account};
use crate::rules::Check;

use super::unconditional_trust;

declare_rule! {
    /// ## What it does
    /// Finds role trust policies that trust a whole account — its root
    /// (`arn:aws:iam::123456789012:root`) or its bare id — in an `Allow` statement without a
    /// `Condition`.
    ///
    /// ## Why is this bad?
    /// Trusting an account's root delegates the decision to that account's IAM policies:
    /// every user and role there that is allowed `sts:AssumeRole` on `*` — often many — can
    /// assume the role. Naming the roles that need it, or a condition on `aws:PrincipalArn`,
    /// `aws:PrincipalTag/…` or `sts:ExternalId`, keeps the choice in the trusting account.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    ///  "Action": "sts:AssumeRole"}
    /// ```
    ///
    /// Use instead: `"Principal": {"AWS": "arn:aws:iam::123456789012:role/deployer"}`.
    ///
    /// ## References
    /// - [IAM JSON policy elements: Principal (AWS account principals)](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts)
    pub TrustAccount {
        id: "IAM-018",
        name: "trust-whole-account",
        severity: Note,
        summary: "Role trust policy that trusts every principal of an account",
        tags: ["iam", "security"],
        security_severity: Some("4.0"),
        reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts",
    }
}

/// The account a principal names as a whole: a 12-digit id, or the account of an ARN
/// ending in `:root` (which may be `${AWS::AccountId}`).
fn whole_account(principal: &str) -> Option<&str> {
    if is_account_id(principal) || principal.ends_with(":root") {
        return principal_account(principal);
    }
    None
}

impl Check for TrustAccount {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for statement in unconditional_trust(model) {
            let accounts = statement
                .principal
                .iter()
                .flat_map(|p| p.of_kind("AWS"))
                .filter_map(|v| v.known())
                .filter_map(|v| Some((v.span, whole_account(&v.value)?)));
            for (span, account) in accounts {
                sink.report(
                    span,
                    format!(
                        "Every user and role of account {account} allowed to call sts:AssumeRole may assume this role"
                    ),
                )
                .help("Name the roles that assume it, or add a condition on `aws:PrincipalArn` or `sts:ExternalId`.");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::whole_account;

    /// Only a whole account: an id or its root, not a role in it (the account's parsing is
    /// `principal_account`'s, tested with it).
    #[test]
    fn roots_and_ids() {
        assert_eq!(whole_account("123456789012"), Some("123456789012"));
        let root = "arn:aws:iam::123456789012:root";
        assert_eq!(whole_account(root), Some("123456789012"));
        let role = "arn:aws:iam::123456789012:role/deployer";
        assert_eq!(whole_account(role), None);
    }
}
