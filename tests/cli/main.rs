//! The integration tests: one binary, one module per area.

mod catalogue;
mod common;
mod errors;
mod model_by_hand;
mod model_laws;
mod robustness;
mod robustness_check;
mod run_cli;
