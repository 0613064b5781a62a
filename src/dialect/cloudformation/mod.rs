//! CloudFormation templates (JSON and YAML): the template's sections, intrinsic functions,
//! the scenarios that parameters' `AllowedValues` and undecidable conditions open, and the
//! adapters from resources to the model. Task definitions and services go through the same
//! adapters as ECS API documents, spelled in PascalCase.

pub mod intrinsics;
pub mod resources;
pub mod scenarios;
pub mod template;

pub use scenarios::models;
pub use template::{Template, is_template};
