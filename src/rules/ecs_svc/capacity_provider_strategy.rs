use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::model::{CapacityProviderItem, Model, Resource, Target, Val};
use crate::rules::Check;
use crate::source::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks capacity provider strategies — a service's, and a cluster's default — for what
    /// ECS rejects: several providers whose weights are all 0 (the default), a `base` on
    /// more than one provider, Fargate providers mixed with Auto Scaling group providers;
    /// and, in a template or module, a service strategy naming a provider its cluster does
    /// not have.
    ///
    /// ## Why is this bad?
    /// The `CapacityProviderStrategyItem` reference: "When multiple capacity providers are
    /// specified within a capacity provider strategy, at least one of the capacity providers
    /// must have a weight value greater than zero", and "Only one capacity provider in a
    /// capacity provider strategy can have a base defined"; a strategy holds either Fargate
    /// or Auto Scaling group providers, and only providers associated with the cluster.
    /// `CreateService` (or the cluster update) fails.
    ///
    /// ## Example
    /// ```json
    /// "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "base": 1},
    ///                              {"capacityProvider": "FARGATE_SPOT"}]
    /// ```
    ///
    /// Use instead: give at least one provider a weight: `"weight": 1` on `FARGATE_SPOT`.
    ///
    /// ## References
    /// - [Amazon ECS API: CapacityProviderStrategyItem](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html)
    /// - [Amazon ECS: capacity providers](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html)
    pub CapacityProviderStrategy {
        id: "ECS-SVC-023",
        name: "invalid-capacity-provider-strategy",
        severity: Error,
        summary: "Capacity provider strategy ECS rejects: all weights 0, several bases, Fargate mixed with Auto Scaling groups, a provider the cluster lacks",
        tags: ["capacity", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html",
    }
}

impl Check for CapacityProviderStrategy {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.services() {
            let subject = service.subject();
            check_strategy(model, sink, &service.capacity_provider_strategy, subject);
            let Some(cluster) = model.cluster_of(service) else {
                continue;
            };
            // Compared only when every association is a link or a Fargate provider: a name
            // written out may be one of the template's providers.
            let associated: Option<Vec<&Target>> = cluster
                .capacity_providers
                .iter()
                .map(|p| p.value().filter(|t| comparable(t)))
                .collect();
            let Some(associated) = associated.filter(|a| !a.is_empty()) else {
                continue;
            };
            for item in &service.capacity_provider_strategy {
                let Some(provider) = item.capacity_provider.as_ref().and_then(Val::known) else {
                    continue;
                };
                if comparable(&provider.value) && !associated.contains(&&provider.value) {
                    sink.report(
                        provider.span,
                        format!(
                            "{subject} places tasks on capacity provider `{}`, which its cluster does not have",
                            provider.value
                        ),
                    )
                    .primary("not associated with the cluster")
                    .label(cluster.anchor(), "the cluster")
                    .help(format!(
                        "Add the provider to the cluster's {} (or its capacity provider associations).",
                        model.property("capacityProviders")
                    ));
                }
            }
        }
        for cluster in model.clusters() {
            check_strategy(
                model,
                sink,
                &cluster.default_strategy,
                "The cluster's default strategy",
            );
        }
    }
}

/// Whether a provider reference can be compared with another: a link to a declared
/// provider, or one of Fargate's.
fn comparable(provider: &Target) -> bool {
    match provider {
        Target::Resource(_) => true,
        Target::Named(name) => name == "FARGATE" || name == "FARGATE_SPOT",
    }
}

fn check_strategy(
    model: &Model,
    sink: &mut Sink,
    strategy: &[CapacityProviderItem],
    subject: impl std::fmt::Display,
) {
    if strategy.len() > 1
        && strategy
            .iter()
            .all(|i| i.weight.as_ref().is_none_or(|w| w.value() == Some(&0)))
    {
        sink.report(
            strategy[0].span,
            format!("{subject} names {} capacity providers and gives none of them a weight above 0", strategy.len()),
        )
        .primary("weight 0 (the default)")
        .help(format!(
            "Give at least one provider a {} above 0; a provider with weight 0 places no tasks beyond its base.",
            model.property("capacityProviderStrategy.weight")
        ));
    }
    let bases: Vec<Span> = strategy
        .iter()
        .filter_map(|i| i.base.as_ref())
        .filter(|b| !matches!(b, Val::Known(n) if n.value == 0))
        .map(Val::span)
        .collect();
    if let [first, second, ..] = bases[..] {
        sink.report(
            second,
            format!("{subject} gives more than one capacity provider a base"),
        )
        .primary("second base")
        .label(first, "first base")
        .help("Keep the base on one provider; the others share the rest by weight.");
    }
    let fargate = strategy.iter().find(|i| i.fargate_name().is_some());
    let other = strategy.iter().find(|i| {
        i.fargate_name().is_none()
            && i.capacity_provider
                .as_ref()
                .and_then(Val::known)
                .is_some_and(|p| matches!(p.value, Target::Resource(_)))
    });
    if let (Some(fargate), Some(other)) = (fargate, other) {
        sink.report(
            other.span,
            format!("{subject} mixes Fargate and Auto Scaling group capacity providers"),
        )
        .primary("Auto Scaling group provider")
        .label(fargate.span, "Fargate provider")
        .help("Use Fargate providers or Auto Scaling group providers in one strategy, not both.");
    }
}
