//! Recognising what a document is, and adapting each dialect to the one model.

pub mod adapt;
pub mod cloudformation;
pub mod ecs_api;
pub mod iam;
pub mod lifecycle;
pub mod reader;
pub mod resources;
pub mod scenario;
pub mod terraform;

use crate::source::tree::Node;

/// A part of a document that ecslint checks, and which shape it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// An ECS API task definition (camelCase).
    TaskDefinition,
    /// An ECS API service (camelCase).
    Service,
    /// A task definition's container definitions on their own: Terraform's
    /// `container_definitions` JSON.
    ContainerDefinitions,
}

impl PartKind {
    /// What one part of this kind is called, and what several are, for `--verbose`.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            PartKind::TaskDefinition => ("an ECS task definition", "ECS task definitions"),
            PartKind::Service => ("an ECS service", "ECS services"),
            PartKind::ContainerDefinitions => (
                "a list of ECS container definitions",
                "lists of ECS container definitions",
            ),
        }
    }
}

/// One recognised object in a document.
#[derive(Debug, Clone, Copy)]
pub struct Part<'n, 's> {
    pub kind: PartKind,
    pub node: &'n Node<'s>,
}

/// What a document is.
pub enum Document<'n, 's> {
    /// ECS API objects (task definitions, services), each checked on its own.
    Api(Vec<Part<'n, 's>>),
    /// A CloudFormation template, checked as a whole.
    Template(cloudformation::Template<'n, 's>),
    /// An IAM policy document.
    Policy(&'n Node<'s>),
    /// An ECR lifecycle policy.
    LifecyclePolicy(&'n Node<'s>),
    /// A Terraform plan in JSON.
    Plan(&'n Node<'s>),
}

/// What a document holds, or why ecslint has nothing to say about it.
/// `text` is the file, for documents embedded in strings.
pub fn recognise<'n, 's>(root: &'n Node<'s>, text: &'s str) -> Result<Document<'n, 's>, String> {
    if terraform::plan::is_plan(root) {
        return Ok(Document::Plan(root));
    }
    if cloudformation::is_template(root) {
        return Ok(Document::Template(cloudformation::Template::new(
            root, text,
        )));
    }
    if iam::is_policy(root) {
        return Ok(Document::Policy(root));
    }
    if lifecycle::is_lifecycle_policy(root) {
        return Ok(Document::LifecyclePolicy(root));
    }
    ecs_api::recognise(root).map(Document::Api)
}
