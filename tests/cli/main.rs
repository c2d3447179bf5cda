//! The integration tests: one binary, one module per area.

mod commands;
mod common;
mod csv_readback;
mod docs;
mod errors;
mod init;
mod model_by_hand;
mod model_laws;
mod report;
mod run_cli;
mod schema;
mod support;
mod whatif;
mod whatif_charts;
