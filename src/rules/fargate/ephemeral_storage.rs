use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::fargate::EPHEMERAL_STORAGE_GIB;
use crate::model::{Model, known};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks that a task definition's `ephemeralStorage.sizeInGiB` is between 21 and 200.
    ///
    /// ## Why is this bad?
    /// "The minimum supported value is 21 GiB and the maximum supported value is 200 GiB"
    /// (`EphemeralStorage`); registration fails otherwise. 20 GiB is what a task gets
    /// without the parameter, so asking for 20 or less is also pointless.
    ///
    /// ## Example
    /// ```json
    /// {"ephemeralStorage": {"sizeInGiB": 500}}
    /// ```
    ///
    /// Use instead: at most 200 GiB, or an EFS volume for more.
    ///
    /// ## References
    /// - [Amazon ECS API: EphemeralStorage](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html)
    pub EphemeralStorage {
        id: "FARGATE-012",
        name: "fargate-ephemeral-storage-out-of-range",
        severity: Error,
        summary: "Ephemeral storage outside 21-200 GiB",
        tags: ["fargate", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html",
    }
}

impl Check for EphemeralStorage {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for td in model.task_definitions() {
            let Some(size) =
                known(&td.ephemeral_storage).filter(|s| !EPHEMERAL_STORAGE_GIB.contains(&s.value))
            else {
                continue;
            };
            sink.report_value(
                size,
                format!(
                    "The task asks for {} GiB of ephemeral storage; ECS offers {} to {} GiB",
                    size.value,
                    EPHEMERAL_STORAGE_GIB.start(),
                    EPHEMERAL_STORAGE_GIB.end()
                ),
            )
            .primary("out of range")
            .help(format!(
                "Set {} between {} and {}; mount an EFS volume for more.",
                model.property("ephemeralStorage.sizeInGiB"),
                EPHEMERAL_STORAGE_GIB.start(),
                EPHEMERAL_STORAGE_GIB.end()
            ));
        }
    }
}
