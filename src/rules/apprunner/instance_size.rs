use crate::declare_rule;
use crate::diagnostic::Sink;
use crate::facts::app_runner::{DEFAULT_CPU, DEFAULT_MEMORY, cpu_units, memory_for, memory_mb};
use crate::model::{Model, Resource, Val};
use crate::rules::Check;
use crate::text::or_list;

declare_rule! {
    /// ## What it does
    /// Finds an App Runner service whose instance CPU and memory are not a pair App Runner
    /// offers — counting the defaults (1 vCPU, 2 GB) for the one left out.
    ///
    /// ## Why is this bad?
    /// Each CPU value comes with a few memory sizes (0.25 vCPU with 0.5 or 1 GB, 1 vCPU with
    /// 2, 3 or 4 GB, 4 vCPU with 8, 10 or 12 GB, …). Each value alone matches the
    /// property's pattern, so the schema accepts `Cpu: 4 vCPU` with the default 2 GB, and
    /// `CreateService` then rejects the pair.
    ///
    /// ## Example
    /// ```yaml
    /// InstanceConfiguration:
    ///   Cpu: 4 vCPU
    ///   Memory: 4 GB
    /// ```
    ///
    /// Use instead: `Memory: 8 GB` (or 8192).
    ///
    /// ## References
    /// - [AWS App Runner API: InstanceConfiguration](https://docs.aws.amazon.com/apprunner/latest/api/API_InstanceConfiguration.html)
    pub InstanceSize {
        id: "APPRUNNER-001",
        name: "invalid-apprunner-instance-size",
        severity: Error,
        summary: "App Runner CPU and memory that are not a pair App Runner offers",
        tags: ["app-runner", "correctness"],
        security_severity: None,
        reference: "https://docs.aws.amazon.com/apprunner/latest/api/API_InstanceConfiguration.html",
    }
}

impl Check for InstanceSize {
    fn check(&self, model: &Model, sink: &mut Sink) {
        for service in model.app_runner_services() {
            // An unknown value may be anything; an invalid one is the schema's business.
            let known = |field: &Option<Val<String>>, parse: fn(&str) -> Option<u32>, default| {
                match field {
                    None => Some((default, None)),
                    Some(Val::Known(v)) => parse(&v.value).map(|n| (n, Some(v.span))),
                    Some(_) => None,
                }
            };
            let (Some((cpu, cpu_at)), Some((memory, memory_at))) = (
                known(&service.cpu, cpu_units, DEFAULT_CPU),
                known(&service.memory, memory_mb, DEFAULT_MEMORY),
            ) else {
                continue;
            };
            let Some(allowed) = memory_for(cpu) else {
                continue;
            };
            if allowed.contains(&memory) {
                continue;
            }
            let Some(at) = memory_at.or(cpu_at) else {
                continue;
            };
            let sizes: Vec<String> = allowed.iter().map(|m| gb(*m)).collect();
            let subject = service
                .logical_id()
                .map_or("This App Runner service".to_string(), |id| {
                    format!("App Runner service `{id}`")
                });
            let diagnostic = sink.report(
                at,
                format!(
                    "{subject} asks for {} vCPU with {}{}; App Runner offers {} vCPU only with {}",
                    vcpu(cpu),
                    gb(memory),
                    if memory_at.is_none() {
                        " (the default memory)"
                    } else {
                        ""
                    },
                    vcpu(cpu),
                    or_list(&sizes)
                ),
            );
            if let (Some(cpu_at), Some(_)) = (cpu_at, memory_at) {
                diagnostic.label(cpu_at, "the CPU");
            }
            diagnostic.help(format!(
                "Set {} to one of {}.",
                model.property("instanceConfiguration.memory"),
                or_list(&sizes)
            ));
        }
    }
}

/// `0.25`, `1`: CPU units as vCPU.
fn vcpu(units: u32) -> String {
    format!("{}", f64::from(units) / 1024.0)
}

/// `0.5 GB`, `12 GB`.
fn gb(mb: u32) -> String {
    format!("{} GB", f64::from(mb) / 1024.0)
}
