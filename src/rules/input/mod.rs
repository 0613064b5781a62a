//! Checks the engine runs on the input itself, before the model exists: a file that cannot
//! be read as JSON or YAML, a key written twice, a document whose shape the AWS API would
//! reject, and a suppression that suppresses nothing.

pub mod duplicate_key;
pub mod parse_error;
pub mod schema_violation;
pub mod unused_suppression;
