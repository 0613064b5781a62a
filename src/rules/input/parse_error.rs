use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file that cannot be read: invalid JSON or YAML, text that is not UTF-8,
    /// nesting deeper than 256 levels, or YAML aliases that expand past 100,000 nodes.
    ///
    /// ## Why is this bad?
    /// The AWS CLI, CloudFormation and Terraform refuse such a file, and nothing else in it
    /// can be checked. ecslint reports the first error with its location and goes on with
    /// the other files.
    ///
    /// ## Example
    /// ```json
    /// {"family": "web", "containerDefinitions": [],}
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {"family": "web", "containerDefinitions": []}
    /// ```
    ///
    /// ## References
    /// - [RFC 8259: The JSON data interchange format](https://www.rfc-editor.org/rfc/rfc8259)
    /// - [YAML 1.2](https://yaml.org/spec/1.2.2/)
    pub ParseError {
        id: "INPUT-001",
        name: "invalid-syntax",
        severity: Error,
        summary: "File is not valid JSON or YAML",
        tags: ["input"],
        security_severity: None,
        reference: "https://www.rfc-editor.org/rfc/rfc8259",
    }
}
