//! AWS App Runner services (`AWS::AppRunner::Service`, `aws_apprunner_service`): the size of
//! each instance.

use crate::source::span::Span;

use super::{LogicalId, Val};

#[derive(Debug, Clone, Default)]
pub struct AppRunnerService {
    pub span: Span,
    pub id: Option<LogicalId>,
    /// `instanceConfiguration.cpu`, as written: `1024` or `1 vCPU`.
    pub cpu: Option<Val<String>>,
    /// `instanceConfiguration.memory`, as written: `2048` or `2 GB`.
    pub memory: Option<Val<String>>,
}
