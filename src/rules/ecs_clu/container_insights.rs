use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{Model, Val};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Finds ECS clusters that do not turn on Container Insights: no `containerInsights`
    /// entry in `ClusterSettings` (Terraform: `setting`), or one set to `disabled`.
    /// The account setting `containerInsights` can turn it on for new clusters instead; where
    /// it does, suppress this note or turn the rule off.
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
        summary: "ECS cluster without Container Insights",
        tags: ["observability"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-container-insights.html",
    }
}

impl Check for ContainerInsights {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for cluster in &model.clusters {
            let span = match &cluster.container_insights {
                None => cluster.id.as_ref().map_or(cluster.span, |id| id.span),
                Some(Val::Known(v)) if v.value.eq_ignore_ascii_case("disabled") => v.span,
                Some(_) => continue,
            };
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
