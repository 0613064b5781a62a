use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, known};
use crate::rules::Check;
use crate::source::span::Span;

use super::{all_of, execution_role};

declare_rule! {
    /// ## What it does
    /// Checks that the execution role — when the template or module declares it — may read
    /// the S3 objects ECS fetches for the task before it starts: each `environmentFiles`
    /// object and a FireLens configuration file from S3 (`s3:GetObject`), and their bucket's
    /// location (`s3:GetBucketLocation`).
    ///
    /// ## Why is this bad?
    /// The agent downloads these files with the execution role's credentials ("Amazon ECS
    /// task execution IAM role": environment files need `s3:GetObject` on the object and
    /// `s3:GetBucketLocation` on the bucket). Without them the task stops at start with
    /// `ResourceInitializationError`. Only what the policies certainly deny is reported.
    ///
    /// ## Example
    /// ```yaml
    /// ExecutionRole:
    ///   Type: AWS::IAM::Role
    ///   Properties:
    ///     ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
    /// ```
    /// for a task with `EnvironmentFiles: [{Type: s3, Value: arn:aws:s3:::config/web.env}]`.
    ///
    /// Use instead: add a policy allowing `s3:GetObject` on `arn:aws:s3:::config/web.env` and
    /// `s3:GetBucketLocation` on `arn:aws:s3:::config`.
    ///
    /// ## References
    /// - [Amazon ECS task execution IAM role: environment files](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#taskexecution-envfiles)
    pub ExecutionRoleS3 {
        id: "ECS-EXEC-009",
        name: "execution-role-cannot-read-s3-files",
        severity: Error,
        summary: "Execution role cannot read the task's environment files or FireLens configuration from S3",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#taskexecution-envfiles",
    }
}

const GET_OBJECT: &str = "s3:GetObject";
const GET_BUCKET_LOCATION: &str = "s3:GetBucketLocation";

impl Check for ExecutionRoleS3 {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(role) = execution_role(model, td) else {
                continue;
            };
            let env_files = td
                .containers
                .iter()
                .flat_map(|c| &c.environment_files)
                .filter_map(|f| known(&f.value))
                .map(|v| (v.span, v.value.as_str()));
            let firelens = td
                .containers
                .iter()
                .filter_map(|c| c.firelens.as_ref())
                .filter(|f| {
                    f.config_file_type
                        .as_ref()
                        .is_some_and(|t| t.value.eq_ignore_ascii_case("s3"))
                })
                .filter_map(|f| f.config_file_value.as_ref())
                .map(|v| (v.span, v.value.as_str()));
            let objects: Vec<(Span, &str)> = env_files.chain(firelens).collect();
            for (span, object) in objects {
                // `arn:<partition>:s3:::<bucket>/<key>`; anything else is ECS-TD-035's.
                let Some((prefix, bucket)) = object
                    .split_once(":s3:::")
                    .filter(|(prefix, _)| prefix.starts_with("arn:"))
                    .and_then(|(prefix, path)| Some((prefix, path.split_once('/')?.0)))
                else {
                    continue;
                };
                let bucket_arn = format!("{prefix}:s3:::{bucket}");
                let needs = [
                    (GET_OBJECT, Some(object)),
                    (GET_BUCKET_LOCATION, Some(bucket_arn.as_str())),
                ];
                let denied = role.denied(&needs);
                if denied.is_empty() {
                    continue;
                }
                role.report(
                    sink,
                    span,
                    "read this S3 file",
                    &all_of(&denied),
                    "Allow `s3:GetObject` on the object and `s3:GetBucketLocation` on its bucket in the execution role.",
                );
            }
        }
    }
}
