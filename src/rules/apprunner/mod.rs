//! AWS App Runner services: instance sizes App Runner does not offer
//! ([`crate::facts::app_runner`]).

pub mod instance_size;
