use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a suppression that suppresses nothing: an `# ecslint: ignore RULE` comment
    /// (YAML, HCL) or a CloudFormation `Metadata: {ecslint: {ignore: [RULE]}}` entry where
    /// no finding of that rule starts. Rules that the run does not check (`--select`,
    /// `--ignore`) are not reported.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the finding it was written for: once the value is fixed or
    /// moved, the comment stays and would silence the next, different finding in its place.
    ///
    /// ## Example
    /// ```yaml
    /// Cpu: 512 # ecslint: ignore FARGATE-001 (the size was fixed since)
    /// ```
    ///
    /// Use instead: remove the comment.
    ///
    /// ## References
    /// - [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
    pub UnusedSuppression {
        id: "INPUT-003",
        name: "unused-suppression",
        severity: Warning,
        summary: "Suppression that suppresses nothing",
        tags: ["input"],
        security_severity: None,
        reference: "https://docs.astral.sh/ruff/rules/unused-noqa/",
    }
}
