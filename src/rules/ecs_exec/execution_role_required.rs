use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::ecr::private_image;
use crate::model::{Model, TaskDefinition, known};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds task definitions without an `executionRoleArn` that need one:
    /// - on Fargate, ECS Managed Instances or external instances (by
    ///   `requiresCompatibilities`, or a Fargate service in the same template), to pull an
    ///   image from a private Amazon ECR repository — also one a template builds with
    ///   `Fn::Sub` from `${AWS::AccountId}` and `${AWS::Region}` — or to send logs with the
    ///   `awslogs` driver;
    /// - on any launch type, to read `secrets` or `logConfiguration.secretOptions` from
    ///   Secrets Manager or SSM Parameter Store, or registry credentials
    ///   (`repositoryCredentials`).
    ///
    /// ## Why is this bad?
    /// ECS performs these steps with the task execution role before your containers start.
    /// Without it, registration fails for Fargate ("Fargate requires task definition to have
    /// execution role ARN to support ECR images") or tasks stop with
    /// `CannotPullContainerError` / `ResourceInitializationError`. On EC2 the container
    /// instance role pulls images and writes logs instead, so those two uses are reported
    /// only for the other launch types.
    ///
    /// ## Example
    /// ```json
    /// {"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
    ///  "memory": "512", "containerDefinitions": [{"name": "web",
    ///  "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4"}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", ...}
    /// ```
    /// where the role trusts `ecs-tasks.amazonaws.com` and has the
    /// `AmazonECSTaskExecutionRolePolicy` managed policy (plus `ssm:GetParameters` or
    /// `secretsmanager:GetSecretValue` for secrets).
    ///
    /// ## References
    /// - [Amazon ECS task execution IAM role](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html)
    pub ExecutionRoleRequired {
        id: "ECS-EXEC-001",
        name: "missing-execution-role",
        severity: Error,
        summary: "Task needs a task execution role and has none",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
    }
}

impl Check for ExecutionRoleRequired {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            if td.execution_role_arn.is_some() {
                continue;
            }
            let platform = model.execution_role_platform(td);
            let needs = needs_execution_role(model, td, platform);
            let Some((first_span, first_reason)) = needs.first() else {
                continue;
            };
            let diagnostic = sink.report(
                *first_span,
                format!(
                    "This task needs a task execution role to {first_reason}, but sets no {}",
                    model.property("executionRoleArn")
                ),
            );
            diagnostic.primary("needs the execution role");
            for (span, reason) in &needs[1..] {
                diagnostic.label(*span, format!("also needs it to {reason}"));
            }
            diagnostic.help(format!(
                "Set {} to a role that trusts ecs-tasks.amazonaws.com and has the \
                 AmazonECSTaskExecutionRolePolicy managed policy (plus read access to any secrets).",
                model.property("executionRoleArn")
            ));
        }
    }
}

/// Every use in the task that the execution role serves, with where it is.
fn needs_execution_role(
    model: &Model,
    td: &TaskDefinition,
    platform: Option<&str>,
) -> Vec<(Span, String)> {
    let mut needs = Vec::new();
    for container in &td.containers {
        if let Some(platform) = platform {
            if let Some(image) =
                known(&container.image).filter(|i| private_image(&i.value).is_some())
            {
                needs.push((
                    image.span,
                    format!("pull the private ECR image on {platform}"),
                ));
            }
            if let Some(driver) = container
                .log_configuration
                .as_ref()
                .and_then(|l| known(&l.log_driver))
                .filter(|d| d.value == "awslogs")
            {
                needs.push((driver.span, format!("send `awslogs` logs on {platform}")));
            }
        }
        if let Some(span) = container.secrets {
            needs.push((
                span,
                format!("read {}", model.container_property("secrets")),
            ));
        }
        if let Some(span) = container
            .log_configuration
            .as_ref()
            .and_then(|l| l.secret_options)
        {
            needs.push((
                span,
                format!(
                    "read the log driver's {}",
                    model.container_property("secretOptions")
                ),
            ));
        }
        if let Some(span) = container.repository_credentials {
            needs.push((span, "read the private registry credentials".to_string()));
        }
    }
    needs
}
