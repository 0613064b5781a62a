//! The scenarios a template is checked in. A template is not one configuration but several:
//! each value a parameter's `AllowedValues` permits, and each branch of a condition that the
//! parameters' defaults cannot decide, can be deployed. The default scenario comes first;
//! then one scenario per allowed value of each parameter the model consulted (the others at
//! their defaults), and one per undecidable condition taken the other way. Conditions are
//! evaluated from the scenario's parameter values, so values that depend on the same
//! parameter (a `TaskSize` parameter feeding both `Cpu` and `Memory` through a mapping) stay
//! consistent with each other.
//!
//! Each resource is read once in the default scenario, noting the parameters and undecided
//! conditions its reading consulted; another scenario reads again only the resources its
//! choice changes and reuses the rest.

use crate::dialect::reader::{Reader, Spelling};
use crate::dialect::resources::{Adapted, Builder};
use crate::dialect::scenario::{Choice, MAX_SCENARIOS, ScenarioModel};
use std::sync::Arc;

use crate::model::{Dependencies, Model, Reads};
use crate::source::tree::Node;

use super::intrinsics::{Consulted, Resolver, Scenario};
use super::resources;
use super::template::{Resource, Template};

pub fn models(template: &Template) -> Vec<ScenarioModel> {
    let dependencies = Arc::new(template.dependencies());
    let resolver = Resolver::new(template, Scenario::default());
    let readings: Vec<(Option<Adapted>, Consulted)> = template
        .resources
        .iter()
        .map(|resource| resolver.recording(|| read(template, &resolver, resource)))
        .collect();
    let consulted = resolver.into_consulted();
    let mut alternatives = Vec::new();
    for &index in &consulted.parameters {
        let parameter = &template.parameters[index];
        let default = parameter.default.and_then(Node::scalar_text);
        for (allowed, node) in parameter.allowed_values.iter().enumerate() {
            let Some(value) = node.scalar_text() else {
                continue;
            };
            if Some(&value) == default.as_ref() {
                continue;
            }
            alternatives.push((
                Scenario {
                    parameter: Some((index, allowed)),
                    flipped: None,
                },
                Choice {
                    span: node.span,
                    subject: format!("parameter `{}`", parameter.name),
                    value,
                },
            ));
        }
    }
    for &index in &consulted.forced {
        let (name, span, _) = template.conditions[index];
        alternatives.push((
            Scenario {
                parameter: None,
                flipped: Some(index),
            },
            Choice {
                span,
                subject: format!("condition `{name}`"),
                value: "false".into(),
            },
        ));
    }
    let default = |model| ScenarioModel {
        model,
        choice: None,
        changed: Reads::NONE,
    };
    if alternatives.is_empty() {
        // Most templates: the readings go into the one model.
        let model = build(readings.into_iter().filter_map(|(a, _)| a), &dependencies);
        return vec![default(model)];
    }
    let mut out = vec![default(build(
        readings.iter().filter_map(|(a, _)| a.clone()),
        &dependencies,
    ))];
    for (scenario, choice) in alternatives.into_iter().take(MAX_SCENARIOS - 1) {
        let resolver = Resolver::new(template, scenario);
        let mut changed = Reads::NONE;
        let adapted = template.resources.iter().zip(&readings).filter_map(
            |(resource, (adapted, consulted))| {
                if !consulted.changed_by(&scenario) {
                    return adapted.clone();
                }
                let again = read(template, &resolver, resource);
                for reading in [adapted, &again].into_iter().flatten() {
                    changed = changed | reading.collections();
                }
                again
            },
        );
        let model = build(adapted, &dependencies);
        out.push(ScenarioModel {
            model,
            choice: Some(choice),
            changed,
        });
    }
    out
}

/// A resource of the template read in `resolver`'s scenario, if it is modelled and exists.
fn read(template: &Template, resolver: &Resolver, resource: &Resource) -> Option<Adapted> {
    let reader = Reader {
        spelling: Spelling::Pascal,
        resolve: resolver,
        text: template.text,
    };
    // A resource with a `Condition` exists only in the scenarios where it holds.
    let exists = |condition: &str| {
        template
            .condition(condition)
            .is_none_or(|index| resolver.condition(index))
    };
    resources::read(resource, &reader, exists)
}

/// One scenario's model, from its resources.
fn build(adapted: impl Iterator<Item = Adapted>, dependencies: &Arc<Dependencies>) -> Model {
    let mut builder = Builder::default();
    for resource in adapted {
        builder.push(resource);
    }
    let mut model = builder.finish();
    model.spelling = Spelling::Pascal;
    model.dependencies = Arc::clone(dependencies);
    model
}
