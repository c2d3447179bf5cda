//! The integration tests: one binary, one module per area.

mod common;
mod errors;
mod model_by_hand;
mod model_laws;
mod run_cli;
mod whatif;
