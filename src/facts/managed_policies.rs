//! AWS managed policies that ECS roles commonly attach, with their statements, so that a role
//! carrying one is understood rather than treated as unknown.
//!
//! Sources: the policy versions AWS publishes (`aws iam get-policy-version`), as tracked by the
//! public IAMTrail and MAMIP archives; each entry names its version. `ReadOnlyAccess` is too
//! large to keep verbatim (150 KB of per-service lists): it is approximated as every `List`
//! and `Read` action of the action catalogue, which is what it is built to grant.

use std::sync::OnceLock;

use crate::dialect::iam;
use crate::model::{Effect, Elements, PolicyDocument, PolicyKind, Statement, Val};
use crate::source::json::parse_json;
use crate::source::span::{Located, Span};

use super::iam_actions::{self, AccessLevel};

/// A managed policy: its path under `arn:aws:iam::aws:policy/`, and its document.
struct Managed {
    path: &'static str,
    /// The JSON document, or `None` for ReadOnlyAccess, built from the catalogue.
    document: Option<&'static str>,
}

const MANAGED: &[Managed] = &[
    // v1, 2017-11-16.
    Managed {
        path: "service-role/AmazonECSTaskExecutionRolePolicy",
        document: Some(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
            "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream",
            "logs:PutLogEvents"], "Resource": "*"}]}"#,
        ),
    },
    // v10, 2026-02-12.
    Managed {
        path: "service-role/AmazonEC2ContainerServiceforEC2Role",
        document: Some(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["ec2:DescribeTags", "ecs:CreateCluster",
              "ecs:DeregisterContainerInstance", "ecs:DiscoverPollEndpoint", "ecs:Poll",
              "ecs:RegisterContainerInstance", "ecs:StartTelemetrySession",
              "ecs:UpdateContainerInstancesState", "ecs:Submit*", "ecr:GetAuthorizationToken",
              "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
              "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"],
             "Resource": "*"},
            {"Effect": "Allow", "Action": "ecs:TagResource", "Resource": "*",
             "Condition": {"StringEquals": {"ecs:CreateAction": ["CreateCluster",
               "RegisterContainerInstance"]}}},
            {"Effect": "Allow", "Action": ["ecs:ListTagsForResource"], "Resource": [
              "arn:aws:ecs:*:*:task/*/*", "arn:aws:ecs:*:*:container-instance/*/*"]}]}"#,
        ),
    },
    // v3, 2019-12-10.
    Managed {
        path: "AmazonEC2ContainerRegistryReadOnly",
        document: Some(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [
            "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories",
            "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage",
            "ecr:GetLifecyclePolicy", "ecr:GetLifecyclePolicyPreview",
            "ecr:ListTagsForResource", "ecr:DescribeImageScanFindings"], "Resource": "*"}]}"#,
        ),
    },
    // v2, 2019-05-23.
    Managed {
        path: "AmazonSSMManagedInstanceCore",
        document: Some(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["ssm:DescribeAssociation",
              "ssm:GetDeployablePatchSnapshotForInstance", "ssm:GetDocument",
              "ssm:DescribeDocument", "ssm:GetManifest", "ssm:GetParameter", "ssm:GetParameters",
              "ssm:ListAssociations", "ssm:ListInstanceAssociations", "ssm:PutInventory",
              "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult",
              "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus",
              "ssm:UpdateInstanceInformation"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel",
              "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
              "ssmmessages:OpenDataChannel"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["ec2messages:AcknowledgeMessage",
              "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint",
              "ec2messages:GetMessages", "ec2messages:SendReply"], "Resource": "*"}]}"#,
        ),
    },
    // v1.
    Managed {
        path: "AdministratorAccess",
        document: Some(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",
            "Resource": "*"}]}"#,
        ),
    },
    // v12, 2026-02-12.
    Managed {
        path: "PowerUserAccess",
        document: Some(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"],
             "Resource": "*"},
            {"Effect": "Allow", "Action": ["account:GetAccountInformation",
              "account:GetGovCloudAccountInformation", "account:GetPrimaryEmail",
              "account:ListRegions", "iam:CreateServiceLinkedRole",
              "iam:DeleteServiceLinkedRole", "iam:ListRoles",
              "organizations:DescribeEffectivePolicy", "organizations:DescribeOrganization"],
             "Resource": "*"}]}"#,
        ),
    },
    Managed {
        path: "ReadOnlyAccess",
        document: None,
    },
];

/// The managed policy an ARN names (`arn:aws:iam::aws:policy/…`, any partition, or
/// `arn:${AWS::Partition}:iam::aws:policy/…`), if ecslint knows it: its name and document.
pub fn by_arn(arn: &str) -> Option<(&'static str, &'static PolicyDocument)> {
    let rest = arn.strip_prefix("arn:")?;
    // The partition may be left to deploy time: `${AWS::Partition}` in a template,
    // `${data.aws_partition.current.partition}` in Terraform.
    let end = match rest.strip_prefix("${") {
        Some(inner) => inner.find('}')? + 3,
        None => rest.find(':')?,
    };
    let (partition, rest) = rest.split_at(end);
    if !(partition.starts_with("${") || matches!(partition, "aws" | "aws-cn" | "aws-us-gov")) {
        return None;
    }
    let path = rest.strip_prefix(":iam::aws:policy/")?;
    let index = MANAGED.iter().position(|m| m.path == path)?;
    let known = MANAGED[index].path;
    let name = known.rsplit('/').next().unwrap_or(known);
    Some((name, document(index)))
}

/// The name of an AWS managed policy's ARN (`AmazonSSMManagedInstanceCore`), known or not.
pub fn name_of(arn: &str) -> Option<&str> {
    let (_, path) = arn.split_once(":iam::aws:policy/")?;
    path.rsplit('/').next()
}

/// The document of `MANAGED[index]`, built on first use (ReadOnlyAccess reads the whole
/// catalogue, which most runs never need).
fn document(index: usize) -> &'static PolicyDocument {
    static DOCUMENTS: [OnceLock<PolicyDocument>; MANAGED.len()] =
        [const { OnceLock::new() }; MANAGED.len()];
    DOCUMENTS[index].get_or_init(|| match MANAGED[index].document {
        Some(json) => iam::standalone(&parse_json(json).expect("managed policies are JSON")),
        None => read_only(),
    })
}

/// Every `List` and `Read` action in the catalogue: ReadOnlyAccess, approximately.
fn read_only() -> PolicyDocument {
    let span = Span::default();
    let actions = iam_actions::services()
        .iter()
        .flat_map(|s| {
            s.actions()
                .iter()
                .filter(|a| matches!(a.level, AccessLevel::List | AccessLevel::Read))
                .map(move |a| Val::Known(Located::new(format!("{}:{}", s.prefix, a.name), span)))
        })
        .collect();
    let statement = Statement {
        span,
        sid: None,
        effect: Some(Val::Known(Located::new(Effect::Allow, span))),
        action: Some(Elements {
            key: span,
            values: actions,
        }),
        resource: Some(Elements {
            key: span,
            values: vec![Val::Known(Located::new("*".to_string(), span))],
        }),
        ..Statement::default()
    };
    PolicyDocument {
        statements: vec![statement],
        ..PolicyDocument::empty(span, PolicyKind::Identity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_policies_are_known_by_arn_in_any_partition() {
        let (name, execution) = by_arn(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        )
        .unwrap();
        assert_eq!(name, "AmazonECSTaskExecutionRolePolicy");
        assert_eq!(execution.statements.len(), 1);
        assert!(by_arn("arn:aws-cn:iam::aws:policy/AdministratorAccess").is_some());
        assert!(by_arn("arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess").is_some());
        assert!(
            by_arn(
                "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
            )
            .is_some()
        );
        assert!(by_arn("arn:aws-x:iam::aws:policy/AdministratorAccess").is_none());
        assert!(
            by_arn("arn:aws:iam::aws:policy/ReadOnlyAccess")
                .unwrap()
                .1
                .statements[0]
                .action
                .as_ref()
                .unwrap()
                .values
                .len()
                > 1000
        );
        // AmazonECSTaskExecutionRolePolicy lives under `service-role/`.
        assert!(by_arn("arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy").is_none());
        assert!(by_arn("arn:aws:iam::123456789012:policy/Mine").is_none());
        assert_eq!(
            name_of("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"),
            Some("CloudWatchAgentServerPolicy")
        );
        for index in 0..MANAGED.len() {
            let policy = document(index);
            assert!(policy.malformed.is_empty() && !policy.statements.is_empty());
        }
    }
}
