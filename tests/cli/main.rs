//! The integration tests: one binary, one module per area.

mod common;
mod errors;
mod model_by_hand;
mod model_laws;
mod report;
mod run_cli;
