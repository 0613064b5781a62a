//! ECS API documents: what `aws ecs register-task-definition --cli-input-json` and
//! `create-service --cli-input-json` take, and what `describe-task-definition` and
//! `describe-services` print.

use crate::source::tree::Node;

use super::{Part, PartKind};

/// Keys of `CreateService` input and `Service` output; a document with two or more of them
/// at its top level is a service definition (ecspresso files omit `serviceName`).
/// Source: ECS API Reference, `CreateService` request parameters.
const SERVICE_KEYS: &[&str] = &[
    "serviceName",
    "taskDefinition",
    "loadBalancers",
    "desiredCount",
    "launchType",
    "capacityProviderStrategy",
    "deploymentConfiguration",
    "deploymentController",
    "networkConfiguration",
    "schedulingStrategy",
    "placementConstraints",
    "placementStrategy",
    "serviceRegistries",
    "platformVersion",
    "healthCheckGracePeriodSeconds",
    "enableExecuteCommand",
    "serviceConnectConfiguration",
];

pub fn recognise<'n, 's>(root: &'n Node<'s>) -> Result<Vec<Part<'n, 's>>, String> {
    if root.as_object().is_none() {
        return Err(format!(
            "the document is {}, not an object",
            root.type_name()
        ));
    }
    if is_task_definition(root) {
        return Ok(vec![part(PartKind::TaskDefinition, root)]);
    }
    // describe-task-definition output.
    if let Some(inner) = root.get("taskDefinition").filter(|n| is_task_definition(n)) {
        return Ok(vec![part(PartKind::TaskDefinition, inner)]);
    }
    // describe-services output, and create-service / update-service output.
    if let Some(list) = root.get("services").and_then(Node::as_array) {
        let services: Vec<_> = list
            .iter()
            .filter(|n| is_service(n))
            .map(|n| part(PartKind::Service, n))
            .collect();
        if !services.is_empty() {
            return Ok(services);
        }
    }
    if let Some(inner) = root.get("service").filter(|n| is_service(n)) {
        return Ok(vec![part(PartKind::Service, inner)]);
    }
    if is_service(root) {
        return Ok(vec![part(PartKind::Service, root)]);
    }
    Err("not an ECS task definition (no `containerDefinitions`) or service".into())
}

fn part<'n, 's>(kind: PartKind, node: &'n Node<'s>) -> Part<'n, 's> {
    Part { kind, node }
}

fn is_task_definition(node: &Node) -> bool {
    node.get("containerDefinitions")
        .is_some_and(|c| c.as_array().is_some())
}

fn is_service(node: &Node) -> bool {
    let Some(entries) = node.as_object() else {
        return false;
    };
    !is_task_definition(node)
        && entries
            .iter()
            .filter(|e| SERVICE_KEYS.contains(&e.key.as_ref()))
            .take(2)
            .count()
            == 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::json::parse_json;

    fn kinds(text: &str) -> Result<Vec<PartKind>, String> {
        let root = parse_json(text).unwrap();
        recognise(&root).map(|parts| parts.iter().map(|p| p.kind).collect())
    }

    #[test]
    fn recognises_the_api_shapes() {
        use PartKind::*;
        assert_eq!(
            kinds(r#"{"family": "a", "containerDefinitions": []}"#),
            Ok(vec![TaskDefinition])
        );
        assert_eq!(
            kinds(r#"{"taskDefinition": {"containerDefinitions": []}}"#),
            Ok(vec![TaskDefinition])
        );
        assert_eq!(
            kinds(r#"{"serviceName": "a", "taskDefinition": "td:1"}"#),
            Ok(vec![Service])
        );
        assert_eq!(
            kinds(
                r#"{"services": [{"serviceName": "a", "desiredCount": 1}, {"x": 1}], "failures": []}"#
            ),
            Ok(vec![Service])
        );
        assert_eq!(
            kinds(r#"{"service": {"serviceName": "a", "launchType": "EC2"}}"#),
            Ok(vec![Service])
        );
    }

    #[test]
    fn skips_unrelated_documents() {
        assert!(kinds(r#"{"name": "pkg", "version": "1.0.0"}"#).is_err());
        assert!(kinds(r#"{"desiredCount": 1}"#).is_err());
        assert!(kinds("[1, 2]").unwrap_err().contains("an array"));
    }
}
