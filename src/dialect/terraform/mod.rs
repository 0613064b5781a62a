//! Terraform: HCL modules, `.tf.json` configuration and plan JSON, all read into the one
//! model. Configuration is evaluated as far as a linter can know it for certain; what only
//! Terraform knows at plan or apply time stays unknown.

mod brackets;
pub mod config;
pub mod evaluate;
pub mod hcl;
pub mod load;
pub mod plan;
pub mod resources;
pub mod tfjson;
