use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::FIRELENS_RESERVED_CONFIG_PATHS;
use crate::model::Model;
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks where a FireLens log router reads its custom configuration: a Fargate task
    /// cannot use `config-file-type: s3`, and no task can point `config-file-value` at the
    /// router's own default file (`/fluent-bit/etc/fluent-bit.conf`,
    /// `/fluentd/etc/fluent.conf`).
    ///
    /// ## Why is this bad?
    /// "Tasks hosted on Fargate only support the file configuration file type"
    /// (`FirelensConfiguration`); ECS rejects `s3` there. ECS generates the default file and
    /// includes the custom one from it, so a custom file at that path replaces what ECS
    /// writes and the router fails.
    ///
    /// ## Example
    /// ```json
    /// "firelensConfiguration": {"type": "fluentbit", "options": {
    ///   "config-file-type": "s3", "config-file-value": "arn:aws:s3:::config/extra.conf"}}
    /// ```
    /// in a Fargate task.
    ///
    /// Use instead: bake the file into the router image and use `"config-file-type": "file"`
    /// with its path, such as `/extra.conf`.
    ///
    /// ## References
    /// - [Amazon ECS: FireLens task definitions](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html)
    pub FirelensConfigFile {
        id: "FARGATE-014",
        name: "fargate-firelens-s3-config",
        severity: Error,
        summary: "FireLens configuration from S3 on Fargate, or at a path the router reserves",
        tags: ["fargate", "logging", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html",
    }
}

impl Check for FirelensConfigFile {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let fargate = model.fargate(td);
            for firelens in td.containers.iter().filter_map(|c| c.firelens.as_ref()) {
                if let (Some(fargate), Some(kind)) = (&fargate, &firelens.config_file_type)
                    && kind.value.eq_ignore_ascii_case("s3")
                {
                    sink.report_value(
                        kind,
                        "The FireLens router reads its configuration from S3, which Fargate does not support",
                    )
                    .primary("s3 configuration")
                    .label(fargate.span, &fargate.label)
                    .help("Add the file to the router image and set `config-file-type` to `file` with its path.");
                }
                if let Some(path) = firelens
                    .config_file_value
                    .as_ref()
                    .filter(|p| FIRELENS_RESERVED_CONFIG_PATHS.contains(&p.value.as_str()))
                {
                    sink.report_value(
                        path,
                        format!(
                            "The FireLens router's custom configuration is at `{}`, the file ECS generates",
                            path.value
                        ),
                    )
                    .primary("reserved path")
                    .help("Put the custom configuration at another path, such as `/extra.conf`; ECS includes it from its own file.");
                }
            }
        }
    }
}
