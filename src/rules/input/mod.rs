//! Checks the engine runs on the input itself, before the model exists: a file that cannot
//! be read as JSON or YAML, and a document whose shape the AWS API would reject.

pub mod parse_error;
pub mod schema_violation;
