use crate::declare_rule;
use crate::diagnostic::Sink;
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

/// Compatibilities on which ECS, not the container instance, pulls images and writes logs.
/// Source: "Amazon ECS task execution IAM role" ("tasks hosted on AWS Fargate, Amazon ECS
/// Managed Instances, or external instances").
const EXECUTION_ROLE_PLATFORMS: &[&str] = &["FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];

impl Check for ExecutionRoleRequired {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in &model.task_definitions {
            if td.execution_role_arn.is_some() {
                continue;
            }
            // The platforms on which ECS itself pulls images and writes logs: required by the
            // task definition, or a Fargate service in the template that runs it.
            let platform = EXECUTION_ROLE_PLATFORMS
                .iter()
                .find_map(|p| td.requires_compatibility(p).map(|_| *p))
                .or_else(|| model.fargate(td).map(|_| "FARGATE"));
            let needs = needs_execution_role(td, platform);
            let Some((first_span, first_reason)) = needs.first() else {
                continue;
            };
            let diagnostic = sink.report(
                *first_span,
                format!("This task needs a task execution role to {first_reason}, but sets no `executionRoleArn`"),
            );
            diagnostic.primary("needs the execution role");
            for (span, reason) in &needs[1..] {
                diagnostic.label(*span, format!("also needs it to {reason}"));
            }
            diagnostic.help(
                "Set `executionRoleArn` to a role that trusts ecs-tasks.amazonaws.com and has the \
                 AmazonECSTaskExecutionRolePolicy managed policy (plus read access to any secrets).",
            );
        }
    }
}

/// Every use in the task that the execution role serves, with where it is.
fn needs_execution_role(td: &TaskDefinition, platform: Option<&str>) -> Vec<(Span, String)> {
    let mut needs = Vec::new();
    for container in &td.containers {
        if let Some(platform) = platform {
            if let Some(image) = known(&container.image).filter(|i| is_private_ecr(&i.value)) {
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
            needs.push((span, "read `secrets`".to_string()));
        }
        if let Some(span) = container
            .log_configuration
            .as_ref()
            .and_then(|l| l.secret_options)
        {
            needs.push((span, "read the log driver's `secretOptions`".to_string()));
        }
        if let Some(span) = container.repository_credentials {
            needs.push((span, "read the private registry credentials".to_string()));
        }
    }
    needs
}

/// `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>...`, where a template
/// may leave the account, the region and the domain to deploy time
/// (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/web`).
/// Source: Amazon ECR User Guide, "Private registry" (registry URL format).
fn is_private_ecr(image: &str) -> bool {
    let Some((registry, _)) = image.split_once('/') else {
        return false;
    };
    let deploy_time = |label: &str| label.starts_with("${") && label.ends_with('}');
    let mut labels = registry.split('.');
    let account = labels.next().unwrap_or_default();
    let account_ok = (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        || deploy_time(account);
    account_ok
        && labels.next() == Some("dkr")
        && matches!(labels.next(), Some("ecr" | "ecr-fips"))
        && labels.next().is_some_and(|region| !region.is_empty())
        && match (labels.next(), labels.next(), labels.next()) {
            (Some("amazonaws"), Some("com"), None | Some("cn")) => labels.next().is_none(),
            (Some(suffix), None, None) => deploy_time(suffix),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::is_private_ecr;

    #[test]
    fn recognises_private_ecr_registries() {
        assert!(is_private_ecr(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1"
        ));
        assert!(is_private_ecr(
            "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/a/b@sha256:abc"
        ));
        assert!(is_private_ecr(
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web"
        ));
        assert!(!is_private_ecr("public.ecr.aws/nginx/nginx:latest"));
        assert!(!is_private_ecr("nginx:latest"));
        assert!(!is_private_ecr("12345.dkr.ecr.eu-west-1.amazonaws.com/web"));
        assert!(!is_private_ecr(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.io/web"
        ));
        assert!(is_private_ecr(
            "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web:1"
        ));
        assert!(is_private_ecr(
            "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/web"
        ));
        assert!(!is_private_ecr("${Registry}/web"));
    }
}
