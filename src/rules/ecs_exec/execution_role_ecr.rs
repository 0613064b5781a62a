use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecr::private_image;
use crate::model::{Model, known};
use crate::rules::Check;

use super::{all_of, on_execution_role_platform};

declare_rule! {
    /// ## What it does
    /// Follows a task definition to the execution role its template declares, and checks
    /// that the role may pull each private ECR image the task runs on Fargate, ECS Managed
    /// Instances or external instances: `ecr:GetAuthorizationToken` (on `*`), and
    /// `ecr:BatchGetImage` and `ecr:GetDownloadUrlForLayer` on the image's repository. The
    /// role's inline policies, attached policy resources and AWS managed policies
    /// (AmazonECSTaskExecutionRolePolicy, AmazonEC2ContainerRegistryReadOnly, …) count;
    /// wildcards, `NotAction` and `Deny` are evaluated. A role with a policy ecslint
    /// cannot see (a customer managed policy ARN) or a grant under a `Condition` is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// The task never starts: `CannotPullContainerError` / `ResourceInitializationError:
    /// unable to pull secrets or registry auth`, after the deployment has begun. On EC2 the
    /// container instance role pulls images, so those tasks are not checked.
    ///
    /// ## Example
    /// ```yaml
    /// ExecutionRole:
    ///   Type: AWS::IAM::Role
    ///   Properties:
    ///     AssumeRolePolicyDocument: ...
    ///     Policies:
    ///       - PolicyName: logs
    ///         PolicyDocument:
    ///           Statement: [{Effect: Allow, Action: logs:PutLogEvents, Resource: "*"}]
    /// ```
    ///
    /// Use instead: `ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]`.
    ///
    /// ## References
    /// - [Amazon ECS task execution IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html)
    pub ExecutionRoleEcr {
        id: "ECS-EXEC-002",
        name: "execution-role-cannot-pull-image",
        severity: Error,
        summary: "Execution role lacks the ECR permissions to pull the task's private image",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
    }
}

impl Check for ExecutionRoleEcr {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for (td, platform, role) in on_execution_role_platform(model) {
            for container in &td.containers {
                let Some(image) = known(&container.image) else {
                    continue;
                };
                let Some(private) = private_image(&image.value) else {
                    continue;
                };
                let repository = private.repository_arn();
                let denied = role.denied(&[
                    ("ecr:GetAuthorizationToken", None),
                    ("ecr:BatchGetImage", Some(&repository)),
                    ("ecr:GetDownloadUrlForLayer", Some(&repository)),
                ]);
                if denied.is_empty() {
                    continue;
                }
                role.report(
                    sink,
                    image.span,
                    &format!("pull this image from repository `{}` on {platform}", private.repository),
                    &all_of(&denied),
                    "Attach the AmazonECSTaskExecutionRolePolicy managed policy \
                     (arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy), or allow \
                     these actions on the repository.",
                );
            }
        }
    }
}
