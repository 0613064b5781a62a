//! The order in which a template or configuration creates its resources: each resource's
//! direct dependencies by logical id (or Terraform address) — the ones it names explicitly
//! (`DependsOn`, `depends_on`) and the ones its properties reference (`!Ref`, `!GetAtt`,
//! `${…}`, `aws_lb.main.arn`). CloudFormation and Terraform create a resource only after all
//! of these; anything else may be created at the same time. Every resource of the input is
//! here, also the types ecslint does not model, since an ordering can pass through them.

use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Default)]
pub struct Dependencies {
    direct: FxHashMap<String, Vec<String>>,
}

impl Dependencies {
    /// Records that `resource` is created after each of `on` (repeats and itself ignored).
    pub fn add(&mut self, resource: &str, on: impl IntoIterator<Item = String>) {
        let mut list: Vec<String> = Vec::new();
        for on in on {
            if on != resource && !list.contains(&on) {
                list.push(on);
            }
        }
        if !list.is_empty() {
            self.direct
                .entry(resource.to_string())
                .or_default()
                .extend(list);
        }
    }

    /// Whether `resource` is certainly created after some resource for which `goal` holds:
    /// a walk along dependencies from `resource`, each resource visited once.
    pub fn follows(&self, resource: &str, goal: impl Fn(&str) -> bool) -> bool {
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut stack = vec![resource];
        while let Some(current) = stack.pop() {
            for next in self.direct.get(current).into_iter().flatten() {
                if goal(next) {
                    return true;
                }
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_through_other_resources_and_survives_cycles() {
        let mut deps = Dependencies::default();
        deps.add("Service", ["Rule".into()]);
        deps.add("Rule", ["Listener".into(), "Listener".into()]);
        deps.add("Listener", ["Rule".into(), "Listener".into()]);
        assert!(deps.follows("Service", |id| id == "Listener"));
        assert!(!deps.follows("Listener", |id| id == "Service"));
        assert!(!deps.follows("Unknown", |_| true));
    }
}
