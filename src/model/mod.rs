//! The typed, spanned model that every dialect's adapter fills and every rule reads.
//!
//! Rules never see which format a value came from: an ECS API document, a CloudFormation
//! template and a Terraform configuration all become these types. Every field a rule can
//! complain about keeps where it was written.

pub mod app_runner;
pub mod collections;
pub mod dependencies;
pub mod eks;
pub mod graph;
pub mod index;
pub mod infrastructure;
pub mod lifecycle;
pub mod network;
pub mod policy;
pub mod scaling;
pub mod service;
pub mod spelling;
pub mod task_definition;

pub use app_runner::AppRunnerService;
pub use collections::{Reads, Resource, Resources};
pub use dependencies::Dependencies;
pub use eks::FargateProfile;
pub use graph::*;
pub use index::{Index, Positions};
pub use infrastructure::*;
pub use lifecycle::*;
pub use network::{InternetGateway, Route, RouteTableAssociation, VpcEndpoint};
pub use policy::*;
pub use scaling::{PredefinedMetric, ScalableTarget, ScalingPolicy};
pub use service::*;
pub use spelling::Spelling;
pub use task_definition::*;

use crate::source::embedded::PositionMap;
use crate::source::span::{Located, Span};

/// A string a rule parses (a Cluster Query Language expression), with where each of its
/// bytes is written, so a finding about part of it points at that part.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub text: Located<String>,
    pub map: PositionMap,
}

impl Embedded {
    /// Where the bytes `inner` of the text are written in the file.
    pub fn span(&self, inner: Span) -> Span {
        self.map.span(inner)
    }
}

/// A resource as messages name it — "Service `web`", or "This service" when it has no name —
/// written only when a message is: rules name each resource up front, and most resources have
/// nothing to report.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// What the resource is, in lower case where English has it (`service`, `Fargate profile`).
    kind: &'static str,
    name: Option<&'a str>,
}

impl<'a> Subject<'a> {
    pub fn new(kind: &'static str, name: Option<&'a str>) -> Self {
        Subject { kind, name }
    }
}

impl std::fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(name) = self.name else {
            return write!(f, "This {}", self.kind);
        };
        let mut kind = self.kind.chars();
        if let Some(first) = kind.next() {
            write!(f, "{}", first.to_ascii_uppercase())?;
        }
        write!(f, "{} `{name}`", kind.as_str())
    }
}

/// A property's value as far as static analysis can know it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<T> {
    /// The value, where it was written, and where it came from if it arrived indirectly.
    Known(Located<T>),
    /// Set, but to something that is only known at deploy time (a template placeholder, an
    /// unresolvable intrinsic). Rules never report an error on an unknown value.
    Unknown(Span),
    /// Set to a concrete value of the wrong form (`"cpu": "fast"`); reported by the schema
    /// check, and skipped by rules that need the value.
    Invalid(Located<String>),
}

impl<T> Val<T> {
    pub fn known(&self) -> Option<&Located<T>> {
        match self {
            Val::Known(located) => Some(located),
            _ => None,
        }
    }

    pub fn value(&self) -> Option<&T> {
        self.known().map(|l| &l.value)
    }

    pub fn span(&self) -> Span {
        match self {
            Val::Known(l) => l.span,
            Val::Unknown(span) => *span,
            Val::Invalid(l) => l.span,
        }
    }
}

/// The value of an optional property: its known value, if it is set and known.
pub fn known<T>(field: &Option<Val<T>>) -> Option<&Located<T>> {
    field.as_ref().and_then(Val::known)
}

/// The known value of an optional property, without its location.
pub fn value<T>(field: &Option<Val<T>>) -> Option<&T> {
    known(field).map(|l| &l.value)
}

/// What a reference property (a service's task definition, a task's role, a load balancer's
/// target group) points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A resource declared in the same template, by logical id (`!Ref TaskDefinition`,
    /// `!GetAtt ExecutionRole.Arn`): an edge of the resource graph.
    Resource(String),
    /// An ARN or a name written out.
    Named(String),
}

impl std::fmt::Display for Target {
    /// The logical id or the name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Resource(id) => f.write_str(id),
            Target::Named(name) => f.write_str(name),
        }
    }
}

impl Target {
    /// The name, if this is a written-out name such as `FARGATE`.
    pub fn name(&self) -> Option<&str> {
        match self {
            Target::Named(name) => Some(name),
            Target::Resource(_) => None,
        }
    }
}

/// A declared resource's logical id in its template, and where it is written.
pub type LogicalId = Located<String>;

/// Everything one document declares that rules look at: for an ECS API document one task
/// definition or a few services, for a CloudFormation template every resource ecslint
/// understands, linked into a graph by logical id (see [`graph`]).
#[derive(Debug, Default)]
pub struct Model {
    /// Read through the accessors ([`Model::task_definitions`]), which note each read.
    resources: Resources,
    /// The order in which the template or configuration creates its resources, shared by
    /// the models of its scenarios.
    pub dependencies: std::sync::Arc<Dependencies>,
    /// The tool that deploys this input retries `CreateService` while the service's target
    /// group is not yet attached to a load balancer: the Terraform AWS provider does, for
    /// about two minutes; CloudFormation does not. A listener created elsewhere, or at the
    /// same time, can then still attach it in time.
    pub retries_unattached_target_group: bool,
    /// How the input spells property names, for messages.
    pub spelling: Spelling,
    /// The accounts known to be the deployer's own: a plan writes the account of its
    /// `aws_caller_identity` data sources as a literal where the configuration references
    /// it, so an account id written there is not another account.
    pub own_accounts: Vec<String>,
    /// The references between resources, resolved once the model is read.
    index: Index,
    /// The collections read since the engine last asked (see [`collections`]).
    reads: std::cell::Cell<Reads>,
}

impl Model {
    /// A resource property as the user wrote it: `` `networkMode` ``, `` `NetworkMode` ``
    /// or `` `network_mode` ``.
    pub fn property(&self, camel_path: &str) -> String {
        format!("`{}`", self.spelling.spell(camel_path))
    }

    /// A property inside a container definition, as the user wrote it (`hostPort`, or
    /// `HostPort` in a template).
    pub fn container_property(&self, camel_path: &str) -> String {
        format!("`{}`", self.spelling.documents().spell(camel_path))
    }
}

#[cfg(test)]
mod tests {
    use super::Subject;

    #[test]
    fn a_subject_is_named_or_this() {
        assert_eq!(
            Subject::new("service", Some("web")).to_string(),
            "Service `web`"
        );
        assert_eq!(Subject::new("service", None).to_string(), "This service");
        assert_eq!(
            Subject::new("Fargate profile", Some("Pods")).to_string(),
            "Fargate profile `Pods`"
        );
        assert_eq!(
            Subject::new("scalable target", None).to_string(),
            "This scalable target"
        );
    }
}
