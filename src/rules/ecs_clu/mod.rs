//! ECS clusters: the settings the scanners check on them.

pub mod container_insights;
pub mod exec_audit;
