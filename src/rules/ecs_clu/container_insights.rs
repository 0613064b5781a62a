use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds ECS clusters that say nothing about Container Insights: no `containerInsights`
    /// entry in `ClusterSettings` (Terraform: `setting`). One set to `disabled` — often only
    /// outside production, through a condition — is a decision and is not reported. The
    /// account setting `containerInsights` can turn it on for new clusters instead; where it
    /// does, suppress this note or turn the rule off.
    ///
    /// ## Why is this bad?
    /// Without it CloudWatch has no task- or service-level CPU, memory, network and restart
    /// metrics, so a task that is killed for memory or a service that keeps restarting is
    /// found late.
    ///
    /// ## Example
    /// ```yaml
    /// Cluster:
    ///   Type: AWS::ECS::Cluster
    ///   Properties:
    ///     ClusterName: prod
    /// ```
    ///
    /// Use instead: `ClusterSettings: [{Name: containerInsights, Value: enhanced}]` (or
    /// `enabled`).
    ///
    /// ## References
    /// - [Amazon ECS: monitor containers with Container Insights](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html)
    pub ContainerInsights {
        id: "ECS-CLU-001",
        name: "container-insights-disabled",
        severity: Note,
        summary: "ECS cluster that does not set Container Insights",
        tags: ["observability"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html",
    }
}

impl Check for ContainerInsights {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for cluster in model.clusters() {
            if cluster.container_insights.is_some() {
                continue;
            }
            let span = cluster.id.as_ref().map_or(cluster.span, |id| id.span);
            let name = cluster
                .cluster_name
                .as_ref()
                .and_then(Val::value)
                .or(cluster.id.as_ref().map(|id| &id.value));
            let subject = name.map_or("This cluster".to_string(), |n| format!("Cluster `{n}`"));
            sink.report(
                span,
                format!("{subject} does not collect Container Insights metrics"),
            )
            .help(format!(
                "Add {} with `containerInsights` set to `enhanced` or `enabled`.",
                model.property("clusterSettings")
            ));
        }
    }
}
