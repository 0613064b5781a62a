use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::{Severity, Sink};
use crate::facts::ecr_lifecycle::{
    ACTION_TYPES, COUNT_TYPES, COUNT_UNITS, MAX_WILDCARDS, STORAGE_CLASSES, TAG_STATUSES,
};
use crate::model::{LifecyclePolicy, LifecycleRule, Model, Val, known, value};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Checks ECR lifecycle policies — a repository's `LifecyclePolicyText`, Terraform's
    /// `aws_ecr_lifecycle_policy`, or a policy file for `aws ecr put-lifecycle-policy` — for
    /// what ECR's validation rejects: text that is not JSON, unknown properties, `null`
    /// values, a missing `rulePriority`, `selection`, `tagStatus`, `countType`,
    /// `countNumber` or `action`, values outside ECR's lists, two rules with one priority, a
    /// `tagStatus: any` rule that is not evaluated last, more than one rule for untagged
    /// images, `tagged` without exactly one of `tagPrefixList` and `tagPatternList` (and
    /// either with `untagged` or `any`), `countUnit` with `imageCountMoreThan` or missing
    /// with a count of days, `countNumber` below 1, more than four `*` in a tag pattern, and
    /// a `transition` without `targetStorageClass`.
    ///
    /// ## Why is this bad?
    /// `PutLifecyclePolicy` (and so the stack or the apply) fails with "Invalid parameter at
    /// 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation
    /// failure'", which names neither the rule nor the property.
    ///
    /// ## Example
    /// ```json
    /// {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 50}, "action": {"type": "expire"}},
    ///            {"rulePriority": 2, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}]}
    /// ```
    ///
    /// Use instead: give the `any` rule the highest `rulePriority` (swap 1 and 2).
    ///
    /// ## References
    /// - [Amazon ECR: lifecycle policy properties](https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html)
    /// - [Amazon ECR: lifecycle policy evaluation rules](https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html)
    pub LifecyclePolicyCheck {
        id: "ECR-006",
        name: "invalid-lifecycle-policy",
        severity: Error,
        summary: "ECR lifecycle policy that ECR's validation rejects",
        tags: ["ecr", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html",
    }
}

impl Check for LifecyclePolicyCheck {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for policy in model.lifecycle_policies() {
            check_policy(policy, sink);
        }
    }
}

fn check_policy(policy: &LifecyclePolicy, sink: &mut Sink) {
    if let Some(malformed) = &policy.malformed {
        sink.report(malformed.span, malformed.value.clone())
            .help("Write the policy as `{\"rules\": [...]}` in JSON.");
        return;
    }
    for (key, known) in &policy.unknown_keys {
        let help = match crate::suggest::closest(&key.value, known.iter().copied()) {
            Some(close) => format!("Did you mean `{close}`?"),
            None => format!("ECR accepts {} here.", listed(known)),
        };
        sink.report(
            key.span,
            format!("ECR's lifecycle policies have no property `{}`", key.value),
        )
        .primary("unknown property")
        .help(help);
    }
    for &null in &policy.nulls {
        sink.report(
            null,
            "ECR's lifecycle policy validation rejects `null` values",
        )
        .primary("null")
        .help("Remove the property, or give it a value.");
    }
    let mut priorities: FxHashMap<u32, &LifecycleRule> = FxHashMap::default();
    let mut untagged: Option<&LifecycleRule> = None;
    // Each set of tag prefixes, in order and without repeats, with the rule that has it.
    let mut prefix_sets: FxHashMap<Vec<&str>, &LifecycleRule> = FxHashMap::default();
    let highest = policy
        .rules
        .iter()
        .filter_map(|r| value(&r.priority))
        .max()
        .copied();
    for rule in &policy.rules {
        check_rule(rule, sink);
        if let Some(priority) = known(&rule.priority) {
            match priorities.get(&priority.value) {
                Some(first) => {
                    sink.report(
                        priority.span,
                        format!("Two lifecycle rules have `rulePriority` {}", priority.value),
                    )
                    .primary("repeated priority")
                    .label(
                        first.priority.as_ref().map_or(first.span, Val::span),
                        "first given here",
                    )
                    .help("Give each rule its own `rulePriority`.");
                }
                None => {
                    priorities.insert(priority.value, rule);
                }
            }
        }
        let status = known(&rule.tag_status);
        if let (Some(status), Some(priority), Some(highest)) =
            (status, known(&rule.priority), highest)
            && status.value == "any"
            && priority.value < highest
        {
            sink.report(
                priority.span,
                format!("The `tagStatus: any` rule has `rulePriority` {}, but another rule comes after it ({highest})", priority.value),
            )
            .primary("not the highest priority")
            .label(status.span, "selects every image")
            .help("Give the `any` rule the highest `rulePriority`, so that ECR evaluates it last.");
        }
        if let Some(status) = status.filter(|s| s.value == "untagged") {
            match untagged {
                Some(first) => {
                    sink.report(status.span, "Two lifecycle rules select untagged images")
                        .primary("second rule for untagged images")
                        .label(
                            first.tag_status.as_ref().map_or(first.span, Val::span),
                            "first rule for untagged images",
                        )
                        .help("Only one rule may select untagged images: merge them.");
                }
                None => untagged = Some(rule),
            }
        }
        if let Some(prefixes) = &rule.tag_prefixes
            && !prefixes.is_empty()
        {
            let mut set: Vec<&str> = prefixes.iter().map(|p| p.value.as_str()).collect();
            set.sort_unstable();
            set.dedup();
            match prefix_sets.get(&set) {
                Some(first) => {
                    sink.report(
                        rule.tag_prefix_list.unwrap_or(rule.span),
                        "Two lifecycle rules select the same tag prefixes",
                    )
                    .severity(Severity::Warning)
                    .primary("the same prefixes again")
                    .label(
                        first.tag_prefix_list.unwrap_or(first.span),
                        "first selected here",
                    )
                    .help("ECR's rules say \"the set of rules must contain a unique set of tag prefixes\": merge the two rules, or tell them apart by prefix.");
                }
                None => {
                    prefix_sets.insert(set, rule);
                }
            }
        }
    }
}

fn check_rule(rule: &LifecycleRule, sink: &mut Sink) {
    if !rule.has_selection {
        sink.report(rule.span, "This lifecycle rule has no `selection`")
            .help("Add a `selection` with `tagStatus`, `countType` and `countNumber`.");
        return;
    }
    for (field, name) in [
        (&rule.priority.as_ref().map(Val::span), "rulePriority"),
        (
            &rule.tag_status.as_ref().map(Val::span),
            "selection.tagStatus",
        ),
        (
            &rule.count_type.as_ref().map(Val::span),
            "selection.countType",
        ),
        (
            &rule.count_number.as_ref().map(Val::span),
            "selection.countNumber",
        ),
        (&rule.action_type.as_ref().map(Val::span), "action.type"),
    ] {
        if field.is_none() {
            sink.report(
                rule.span,
                format!("This lifecycle rule has no `{name}`, which ECR requires"),
            )
            .primary(format!("no `{name}`"));
        }
    }
    one_of(sink, &rule.tag_status, "tagStatus", TAG_STATUSES);
    let count_types: Vec<&str> = COUNT_TYPES.iter().map(|(t, _)| *t).collect();
    one_of(sink, &rule.count_type, "countType", &count_types);
    one_of(sink, &rule.count_unit, "countUnit", COUNT_UNITS);
    one_of(sink, &rule.action_type, "action.type", ACTION_TYPES);
    one_of(
        sink,
        &rule.target_storage_class,
        "action.targetStorageClass",
        STORAGE_CLASSES,
    );

    match known(&rule.tag_status).map(|s| s.value.as_str()) {
        Some("tagged") => match (rule.tag_prefix_list, rule.tag_pattern_list) {
            (None, None) => {
                sink.report(
                    rule.tag_status.as_ref().map_or(rule.span, Val::span),
                    "A `tagged` lifecycle rule needs `tagPrefixList` or `tagPatternList`",
                )
                .help("Add the tag prefixes (or patterns) of the images the rule is about.");
            }
            (Some(_), Some(patterns)) => {
                sink.report(
                    patterns,
                    "A lifecycle rule takes `tagPrefixList` or `tagPatternList`, not both",
                )
                .help("Keep one of them.");
            }
            _ => {}
        },
        Some(status @ ("untagged" | "any")) => {
            for list in [rule.tag_prefix_list, rule.tag_pattern_list]
                .into_iter()
                .flatten()
            {
                sink.report(
                    list,
                    format!("A `{status}` lifecycle rule takes no tag list"),
                )
                .help("Remove the list, or set `tagStatus` to `tagged`.");
            }
        }
        _ => {}
    }
    let counts_days = value(&rule.count_type)
        .and_then(|t| COUNT_TYPES.iter().find(|(name, _)| name == t))
        .map(|(_, days)| *days);
    match (counts_days, &rule.count_unit) {
        (Some(false), Some(unit)) => {
            sink.report(
                unit.span(),
                "`countUnit` is only for counts of days, not `imageCountMoreThan`",
            )
            .help("Remove `countUnit`.");
        }
        (Some(true), None) => {
            if let Some(count_type) = known(&rule.count_type) {
                sink.report(
                    count_type.span,
                    format!("`{}` counts days, and needs `countUnit`", count_type.value),
                )
                .help("Add `\"countUnit\": \"days\"`.");
            }
        }
        _ => {}
    }
    if let Some(number) = known(&rule.count_number).filter(|n| n.value < 1) {
        sink.report_value(
            number,
            format!("`countNumber` is {}, but must be at least 1", number.value),
        );
    }
    for pattern in &rule.tag_patterns {
        let wildcards = pattern.value.matches('*').count();
        if wildcards > MAX_WILDCARDS {
            sink.report(
                pattern.span,
                format!("This tag pattern has {wildcards} wildcards; ECR allows {MAX_WILDCARDS}"),
            )
            .help("Use fewer `*` in the pattern.");
        }
    }
    if let Some(action) = known(&rule.action_type).filter(|a| a.value == "transition")
        && rule.target_storage_class.is_none()
    {
        sink.report(
            action.span,
            "A `transition` action needs `targetStorageClass`",
        )
        .help("Add `\"targetStorageClass\": \"archive\"`.");
    }
}

/// A finding when a known value is not one of `allowed`.
fn one_of(sink: &mut Sink, field: &Option<Val<String>>, name: &str, allowed: &[&str]) {
    if let Some(v) = known(field)
        && !allowed.contains(&v.value.as_str())
    {
        let listed = listed(allowed);
        let help = match crate::suggest::closest(&v.value, allowed.iter().copied()) {
            Some(close) => format!("Did you mean `{close}`? ECR accepts {listed}."),
            None => format!("Use one of {listed}."),
        };
        sink.report(
            v.span,
            format!("`{name}` is `{}`, which ECR does not accept", v.value),
        )
        .help(help);
    }
}

/// "`a`, `b`, `c`".
fn listed(names: &[&str]) -> String {
    names
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
