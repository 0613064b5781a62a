use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Validates ECS task definitions and services against the shape the ECS API accepts
    /// (the JSON Schemas in `schemas/`): property names, types, allowed values and ranges.
    ///
    /// ## Why is this bad?
    /// The AWS CLI and API reject a misspelled property (`privilege` for `privileged`), a
    /// value of the wrong type (`"cpu": 256` where the API takes the string `"256"`), an
    /// unknown value (`"networkMode": "awsvcp"`) or a port above 65535 — or worse, a linter
    /// that does not know the property silently skips the check you relied on.
    ///
    /// ## Example
    /// ```json
    /// {"family": "web", "networkMode": "awsvcp", "cpu": 256,
    ///  "containerDefinitions": [{"name": "web", "image": "nginx", "privilege": true}]}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"family": "web", "networkMode": "awsvpc", "cpu": "256",
    ///  "containerDefinitions": [{"name": "web", "image": "nginx", "privileged": true}]}
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS API: RegisterTaskDefinition](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html)
    /// - [Amazon ECS API: CreateService](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html)
    pub SchemaViolation {
        id: "INPUT-002",
        name: "invalid-document-shape",
        severity: Error,
        summary: "Document does not have the shape the ECS API accepts",
        tags: ["input", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
    }
}
