use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::Model;
use crate::model::policy::{is_account_id, principal_account};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds ECR repository policies that let another AWS account push, delete or re-permit
    /// images: an `Allow` statement with an `AWS` principal in an account written out as a
    /// literal id (`111122223333`, `arn:aws:iam::111122223333:role/ci`) and an action that
    /// writes — `ecr:PutImage` and the layer uploads, `ecr:BatchDeleteImage`,
    /// `ecr:DeleteRepository`, `ecr:SetRepositoryPolicy`, or a wildcard (`ecr:*`, `ecr:Put*`,
    /// `*`) or `NotAction` that covers one.
    ///
    /// A principal in `${AWS::AccountId}` (or a Terraform value known only at apply time, such
    /// as `data.aws_caller_identity.current.account_id`) is the repository's own account and
    /// is not reported; a policy open to anyone is ECR-001's finding. A Terraform plan writes
    /// the deploying account, read from `aws_caller_identity`, as a literal id: a plan whose
    /// repository policy names a role of its own account is reported too (such a grant is
    /// redundant: identity policies already give it).
    ///
    /// ## Why is this bad?
    /// The tasks that run images from this repository then run whatever that account
    /// pushes: anyone who controls a role there can replace a tag this account deploys. Within
    /// one account, identity policies grant access and a repository policy is not needed, so
    /// an account written in a repository policy is almost always another one.
    ///
    /// ## Example
    /// ```json
    /// {"Statement": [{"Effect": "Allow",
    ///   "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"},
    ///   "Action": ["ecr:BatchGetImage", "ecr:PutImage", "ecr:InitiateLayerUpload",
    ///              "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]}]}
    /// ```
    ///
    /// Use instead: grant other accounts the pull actions only (`ecr:BatchGetImage`,
    /// `ecr:GetDownloadUrlForLayer`), and push from a role of the repository's own account
    /// that the other account's pipeline assumes — or copy images with ECR replication.
    ///
    /// ## References
    /// - [Amazon ECR: repository policy examples](https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html)
    /// - [Amazon ECR: private image replication](https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html)
    pub ExternalWrite {
        id: "ECR-002",
        name: "repository-policy-external-write",
        severity: Warning,
        summary: "ECR repository policy that lets another AWS account push or delete images",
        tags: ["ecr", "security"],
        security_severity: Some("7.0"),
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
    }
}

impl Check for ExternalWrite {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let statements = super::allowing_statements(model).filter(|s| super::grants_write(s));
        for statement in statements {
            let accounts = statement
                .principal
                .iter()
                .flat_map(|p| p.of_kind("AWS"))
                .filter_map(|v| v.known())
                .filter_map(|v| Some((v, principal_account(&v.value)?)))
                .filter(|(_, account)| {
                    is_account_id(account) && !model.own_accounts.iter().any(|own| own == account)
                });
            for (principal, account) in accounts {
                sink.report(
                    principal.span,
                    format!("Account {account} may write to this repository: push or delete images, or change its policy"),
                )
                .primary("another account")
                .help("Grant other accounts the pull actions only; push from a role of this account that their pipeline assumes, or use ECR replication.");
            }
        }
    }
}
