//! ECR lifecycle policies: the rules that expire (or archive) a repository's images, from a
//! repository's `LifecyclePolicyText`, Terraform's `aws_ecr_lifecycle_policy`, or a file as
//! `aws ecr put-lifecycle-policy` takes it.

use crate::source::span::{Located, Span};

use super::Val;

#[derive(Debug, Clone, Default)]
pub struct LifecyclePolicy {
    pub span: Span,
    pub rules: Vec<LifecycleRule>,
    /// What makes the document unreadable: text that is not JSON, no `rules` list.
    pub malformed: Option<Located<String>>,
    /// Where the document writes `null`, which ECR's validation rejects.
    pub nulls: Vec<Span>,
    /// Properties ECR does not know, each with the names it accepts there.
    pub unknown_keys: Vec<(Located<String>, &'static [&'static str])>,
}

#[derive(Debug, Clone, Default)]
pub struct LifecycleRule {
    pub span: Span,
    pub priority: Option<Val<u32>>,
    pub tag_status: Option<Val<String>>,
    pub tag_prefix_list: Option<Span>,
    pub tag_pattern_list: Option<Span>,
    /// Each written tag pattern.
    pub tag_patterns: Vec<Located<String>>,
    /// The tag prefixes, when every one is known.
    pub tag_prefixes: Option<Vec<Located<String>>>,
    pub count_type: Option<Val<String>>,
    pub count_unit: Option<Val<String>>,
    /// `countNumber` as written (it may be 0 or negative, which ECR rejects).
    pub count_number: Option<Val<i64>>,
    /// `action.type`: `expire`, or `transition` to archive.
    pub action_type: Option<Val<String>>,
    pub target_storage_class: Option<Val<String>>,
    /// The rule has a `selection` object (the fields above all come from it).
    pub has_selection: bool,
}
