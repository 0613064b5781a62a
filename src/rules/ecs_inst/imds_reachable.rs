use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{LaunchTemplate, Model, NetworkMode, Val};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Finds launch templates and launch configurations of ECS container instances whose
    /// instance metadata service the tasks can reach: IMDSv1 is allowed (`HttpTokens` is not
    /// `required`), IMDSv2 tokens travel more than one hop (`HttpPutResponseHopLimit`
    /// above 1), so that containers behind the Docker bridge receive them, or no
    /// `MetadataOptions` say either, leaving the AMI's defaults (IMDSv1; on Amazon Linux 2023
    /// tokens with a hop limit of 2). Instances count as
    /// ECS's when their user data sets `ECS_CLUSTER` or a capacity provider uses their Auto
    /// Scaling group. Instances that keep bridge-mode containers out are reported too when a
    /// service runs `awsvpc` tasks on them (through a capacity provider, or by their joining
    /// its cluster) and their user data
    /// does not set `ECS_AWSVPC_BLOCK_IMDS=true`.
    ///
    /// ## Why is this bad?
    /// From the metadata service a container gets the credentials of the instance role,
    /// which can pull every image, and often more: every task on the instance then holds the
    /// permissions of the instance, not only of its own task role. With tokens required and a
    /// hop limit of 1, bridge-mode containers cannot get a token; `awsvpc` tasks need
    /// `ECS_AWSVPC_BLOCK_IMDS=true` in `/etc/ecs/ecs.config` as well; host-mode tasks always
    /// reach it.
    ///
    /// ## Example
    /// ```yaml
    /// LaunchTemplateData:
    ///   ImageId: !Ref Ami
    ///   UserData: !Base64 "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
    /// ```
    ///
    /// Use instead: `MetadataOptions: {HttpTokens: required, HttpPutResponseHopLimit: 1}`,
    /// and `ECS_AWSVPC_BLOCK_IMDS=true` next to `ECS_CLUSTER` for awsvpc tasks.
    ///
    /// ## References
    /// - [Amazon ECS: restrict access to the instance metadata](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html#security-iam-roles-recommendations)
    /// - [Amazon EC2: configure the instance metadata options](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html)
    pub ImdsReachable {
        id: "ECS-INST-004",
        name: "imds-reachable-from-tasks",
        severity: Warning,
        summary: "Container instances whose metadata service, and role credentials, tasks can reach",
        tags: ["security"],
        security_severity: Some("6.0"),
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-roles.html#security-iam-roles-recommendations",
    }
}

/// Container instances that keep bridge-mode containers away from the metadata service,
/// whose user data joins a cluster without `ECS_AWSVPC_BLOCK_IMDS=true`, running the awsvpc
/// tasks of a service (through its capacity providers, or by joining its cluster): each such task has a network
/// interface of its own, from which the metadata service answers.
fn awsvpc_tasks(model: &Model, sink: &mut Sink) {
    let mut reported: Vec<&LaunchTemplate> = Vec::new();
    for service in model.services() {
        if model.service_fargate_by(service).is_some() {
            continue;
        }
        let Some(mode) = model
            .task_definition_of(service)
            .and_then(|td| td.network_mode.as_ref())
            .and_then(Val::known)
            .filter(|m| m.value == NetworkMode::Awsvpc)
        else {
            continue;
        };
        let templates = model
            .instance_groups(service)
            .into_iter()
            .flatten()
            .filter_map(|g| model.linked(model.launch_templates(), g.launch_template.as_ref()));
        for template in templates {
            let Some(joins) = template.joins_ecs_cluster else {
                continue;
            };
            if template.blocks_awsvpc_imds.is_some()
                || reachable(template).is_some()
                || reported.iter().any(|r| std::ptr::eq(*r, template))
            {
                continue;
            }
            reported.push(template);
            sink.report(
                joins,
                "The awsvpc tasks on these container instances can take the instance role's credentials from the metadata service: the ECS agent's configuration does not set `ECS_AWSVPC_BLOCK_IMDS=true`",
            )
            .primary("the agent's configuration")
            .label(mode.span, format!("{} runs awsvpc tasks here", service.subject()))
            .help("Add `ECS_AWSVPC_BLOCK_IMDS=true` to /etc/ecs/ecs.config next to `ECS_CLUSTER`.");
        }
    }
}

/// How the tasks reach the metadata service, and the setting that lets them, when written.
/// `None` when it is out of their reach, or only known at deploy time.
fn reachable(template: &LaunchTemplate) -> Option<(&'static str, Option<Span>)> {
    match &template.http_tokens {
        Some(Val::Known(t)) if t.value.eq_ignore_ascii_case("required") => {}
        Some(Val::Known(t)) => {
            return Some((
                "IMDSv1 is allowed (`HttpTokens` is not `required`)",
                Some(t.span),
            ));
        }
        // The AMI decides: IMDSv1 allowed, or (Amazon Linux 2023) tokens required with a hop
        // limit of 2, which reaches containers behind the Docker bridge.
        None => {
            return Some((
                "nothing requires tokens with a hop limit of 1, so the AMI's defaults apply (IMDSv1, or on Amazon Linux 2023 tokens that travel two hops)",
                None,
            ));
        }
        Some(_) => return None,
    }
    match &template.hop_limit {
        Some(Val::Known(h)) if h.value > 1 => Some((
            "IMDSv2 tokens travel more than one hop, to containers behind the Docker bridge",
            Some(h.span),
        )),
        _ => None,
    }
}

impl Check for ImdsReachable {
    fn check(&self, model: &Model, sink: &mut Sink) {
        awsvpc_tasks(model, sink);
        for template in model.launch_templates() {
            let Some((how, setting)) = reachable(template) else {
                continue;
            };
            let Some((instances, why)) = model.ecs_instances(template) else {
                continue;
            };
            let span = setting
                .or(template.metadata_options)
                .or(template.id.as_ref().map(|id| id.span))
                .unwrap_or(template.span);
            sink.report(
                span,
                format!(
                    "Tasks on these container instances can take the instance role's credentials from the metadata service: {how}"
                ),
            )
            .label(instances, why)
            .help(format!(
                "Set {} to `required` and {} to 1; add `ECS_AWSVPC_BLOCK_IMDS=true` to the ECS agent's configuration for awsvpc tasks.",
                model.property("metadataOptions.httpTokens"),
                model.property("metadataOptions.httpPutResponseHopLimit")
            ));
        }
    }
}
