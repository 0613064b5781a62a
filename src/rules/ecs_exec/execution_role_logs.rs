use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{LogConfiguration, Model, known, value};
use crate::rules::Check;

use super::{all_of, on_execution_role_platform};

declare_rule! {
    /// ## What it does
    /// Follows a task definition to the execution role its template declares, and checks
    /// that the role may write the `awslogs` log streams of tasks on Fargate, ECS Managed
    /// Instances or external instances: `logs:CreateLogStream` and `logs:PutLogEvents` on
    /// the log group's streams (`arn:aws:logs:<region>:<account>:log-group:<group>:*`), and
    /// `logs:CreateLogGroup` when `awslogs-create-group` is `true`. Wildcards, `NotAction`,
    /// `Deny` and AWS managed policies are evaluated; a grant that depends on a value only
    /// known at deploy time, a `Condition`, or a policy ecslint cannot see is not reported.
    ///
    /// ## Why is this bad?
    /// The task stops before its containers start (`ResourceInitializationError: failed to
    /// validate logger args`), or — for a grant on the log group ARN without `:*` — the
    /// streams cannot be created. On EC2 the container instance role writes the logs.
    ///
    /// ## Example
    /// ```yaml
    /// Statement:
    ///   - Effect: Allow
    ///     Action: [logs:CreateLogStream, logs:PutLogEvents]
    ///     Resource: arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web
    /// ```
    ///
    /// Use instead: `Resource: arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*`.
    ///
    /// ## References
    /// - [Amazon ECS task execution IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html)
    /// - [Using the awslogs log driver](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html)
    pub ExecutionRoleLogs {
        id: "ECS-EXEC-003",
        name: "execution-role-cannot-write-logs",
        severity: Error,
        summary: "Execution role lacks the CloudWatch Logs permissions for awslogs",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
    }
}

impl Check for ExecutionRoleLogs {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for (td, platform, role) in on_execution_role_platform(model) {
            for container in &td.containers {
                let Some(logs) = &container.log_configuration else {
                    continue;
                };
                let Some(driver) = known(&logs.log_driver).filter(|d| d.value == "awslogs") else {
                    continue;
                };
                let option = |name: &str| option(logs, name);
                let region = option("awslogs-region").unwrap_or("${AWS::Region}");
                let group = option("awslogs-group");
                let stream = group.map(|group| {
                    format!("arn:aws:logs:{region}:${{AWS::AccountId}}:log-group:{group}:log-stream:${{LogStream}}")
                });
                let mut needs = vec![
                    ("logs:CreateLogStream", stream.as_deref()),
                    ("logs:PutLogEvents", stream.as_deref()),
                ];
                if option("awslogs-create-group").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                    needs.push(("logs:CreateLogGroup", None));
                }
                let denied = role.denied(&needs);
                if denied.is_empty() {
                    continue;
                }
                let purpose = match group {
                    Some(group) => {
                        format!("send this container's logs to log group `{group}` on {platform}")
                    }
                    None => format!("send this container's logs on {platform}"),
                };
                role.report(
                    sink,
                    driver.span,
                    &purpose,
                    &all_of(&denied),
                    "Attach the AmazonECSTaskExecutionRolePolicy managed policy, or allow these \
                     actions on `arn:aws:logs:<region>:<account>:log-group:<group>:*` (the `:*` \
                     covers the group's streams).",
                );
            }
        }
    }
}

/// A log option's known value.
fn option<'a>(logs: &'a LogConfiguration, name: &str) -> Option<&'a str> {
    value(&logs.options)?
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| o.value.value())
        .map(String::as_str)
}
