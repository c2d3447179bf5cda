//! The integration tests: one binary, one module per area.

mod commands;
mod init;
mod schema;
mod support;
