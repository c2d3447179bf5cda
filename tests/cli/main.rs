//! The integration tests: one binary, one module per area.

mod commands;
mod csv_readback;
mod docs;
mod init;
mod schema;
mod support;
