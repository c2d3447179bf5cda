//! The integration tests: one binary, one module per area.

mod catalogue;
mod commands;
mod common;
mod csv_readback;
mod docs;
mod errors;
mod first_hour;
mod init;
mod model_by_hand;
mod model_laws;
mod readme;
mod report;
mod robustness;
mod robustness_check;
mod run_cli;
mod schema;
mod support;
mod whatif;
mod whatif_charts;
