//! The integration tests: one binary, one module per area.

// A test that cannot set itself up may panic: that is its failure.
#![allow(clippy::unwrap_used)]

mod catalogue;
mod commands;
mod correlation;
mod csv_readback;
mod discover;
mod docs;
mod errors;
mod first_hour;
mod folders;
mod init;
mod labels;
mod model_by_hand;
mod model_laws;
mod readme;
mod report;
mod robustness;
mod robustness_check;
mod run_cli;
mod schema;
mod season_charts;
mod seasons;
mod serve;
mod shards;
mod support;
mod whatif;
mod whatif_charts;
