//! What ECR accepts in a lifecycle policy. Source: Amazon ECR User Guide, "Lifecycle policy
//! properties in Amazon ECR" (`lifecycle_policy_parameters`, checked 2026-12-04): the
//! template `tagStatus` "tagged"|"untagged"|"any", `countType` "imageCountMoreThan" |
//! "sinceImagePushed", `countUnit` "days", `action.type` "expire"; "a maximum limit of four
//! wildcards (*) per string"; `countNumber` a positive integer. The archive storage class
//! (2025) added `action.type` "transition" with `targetStorageClass` "archive" and the
//! count types `sinceImagePulled` and `sinceImageTransitioned`.

pub const TAG_STATUSES: &[&str] = &["tagged", "untagged", "any"];

/// Count types, and whether each counts days (and so takes `countUnit`).
pub const COUNT_TYPES: &[(&str, bool)] = &[
    ("imageCountMoreThan", false),
    ("sinceImagePushed", true),
    ("sinceImagePulled", true),
    ("sinceImageTransitioned", true),
];

pub const COUNT_UNITS: &[&str] = &["days"];

pub const ACTION_TYPES: &[&str] = &["expire", "transition"];

pub const STORAGE_CLASSES: &[&str] = &["archive"];

/// Wildcards one `tagPatternList` string may hold.
pub const MAX_WILDCARDS: usize = 4;

/// The properties of a policy, a rule, its selection and its action (the guide's template,
/// with the archive storage class's `storageClass` and `targetStorageClass`).
pub const POLICY_KEYS: &[&str] = &["rules"];
pub const RULE_KEYS: &[&str] = &["rulePriority", "description", "selection", "action"];
pub const SELECTION_KEYS: &[&str] = &[
    "tagStatus",
    "tagPrefixList",
    "tagPatternList",
    "countType",
    "countUnit",
    "countNumber",
    "storageClass",
];
pub const ACTION_KEYS: &[&str] = &["type", "targetStorageClass"];
