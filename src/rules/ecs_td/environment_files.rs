use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecs::MAX_ENVIRONMENT_FILES;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks each container's `environmentFiles`: at most ten, each the ARN of an S3 object
    /// whose name ends in `.env`, and none on Windows.
    ///
    /// ## Why is this bad?
    /// ECS documents that "you can specify up to ten environment files", that the file "must
    /// use the `.env` file extension" and that the value is the S3 object's ARN; Windows
    /// containers do not take environment files. Otherwise registration fails, or the task
    /// stops at start with `ResourceInitializationError` when the agent cannot fetch the
    /// file — a bucket name or an `s3://` URL instead of the ARN is the usual cause.
    ///
    /// ## Example
    /// ```json
    /// "environmentFiles": [{"type": "s3", "value": "s3://my-config/web.env"}]
    /// ```
    ///
    /// Use instead: `{"type": "s3", "value": "arn:aws:s3:::my-config/web.env"}`.
    ///
    /// ## References
    /// - [Amazon ECS: pass environment variables in a file](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/use-environment-file.html)
    /// - [Amazon ECS API: EnvironmentFile](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EnvironmentFile.html)
    pub EnvironmentFiles {
        id: "ECS-TD-035",
        name: "invalid-environment-files",
        severity: Error,
        summary: "environmentFiles entry ECS cannot load: not an S3 object ARN, not .env, too many, or on Windows",
        tags: ["correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/use-environment-file.html",
    }
}

/// What is wrong with an environment file's ARN, if anything. Values with parts known only
/// at deploy time are checked only where the written parts decide.
fn problem(value: &str) -> Option<&'static str> {
    if value.contains("${") {
        return None;
    }
    let Some(key) = value
        .strip_prefix("arn:")
        .and_then(|rest| rest.split_once(":s3:::"))
        .filter(|(partition, _)| !partition.contains(':'))
        .and_then(|(_, object)| object.split_once('/'))
        .map(|(_, key)| key)
        .filter(|key| !key.is_empty())
    else {
        return Some("is not the ARN of an S3 object (`arn:aws:s3:::bucket/key.env`)");
    };
    (!key.ends_with(".env")).then_some("names an object whose name does not end in `.env`")
}

impl Check for EnvironmentFiles {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let windows = known(&td.operating_system_family).filter(|_| td.is_windows());
            for (index, container) in td.containers.iter().enumerate() {
                let who = container.name_or_index(index);
                if let (Some(os), Some(first)) = (windows, container.environment_files.first()) {
                    sink.report(
                        first.span,
                        format!("Container {who} uses `environmentFiles`, which Windows containers do not take"),
                    )
                    .primary("environment file")
                    .label(os.span, "Windows containers")
                    .help(format!(
                        "Move the variables into {} or {}.",
                        model.container_property("environment"),
                        model.container_property("secrets")
                    ));
                    continue;
                }
                if let Some(extra) = container.environment_files.get(MAX_ENVIRONMENT_FILES) {
                    sink.report(
                        extra.span,
                        format!(
                            "Container {who} names {} environment files; ECS takes at most {MAX_ENVIRONMENT_FILES}",
                            container.environment_files.len()
                        ),
                    )
                    .primary("the eleventh")
                    .help("Merge files, or move variables into the task definition.");
                }
                for file in &container.environment_files {
                    let Some(value) = known(&file.value) else {
                        continue;
                    };
                    if let Some(problem) = problem(&value.value) {
                        sink.report(
                            value.span,
                            format!("The environment file of container {who} {problem}"),
                        )
                        .primary("environment file")
                        .help("Give the object's ARN, `arn:aws:s3:::<bucket>/<key>.env`; the execution role needs `s3:GetObject` on it and `s3:GetBucketLocation` on the bucket.");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn object_arns_ending_in_env_are_accepted() {
        assert_eq!(problem("arn:aws:s3:::config/web.env"), None);
        assert_eq!(problem("arn:aws-cn:s3:::config/a/b/web.env"), None);
        assert_eq!(problem("arn:aws:s3:::${Bucket}/web"), None);
    }

    #[test]
    fn urls_buckets_and_other_extensions_are_not() {
        assert!(problem("s3://config/web.env").is_some());
        assert!(problem("arn:aws:s3:::config").is_some());
        assert!(problem("arn:aws:s3:::config/").is_some());
        assert!(problem("arn:aws:s3:eu-west-1:123456789012:config/web.env").is_some());
        assert!(
            problem("arn:aws:s3:::config/web.txt")
                .unwrap()
                .contains(".env")
        );
    }
}
