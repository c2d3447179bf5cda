//! What each command asks of the engine, as typed results: one run or a run to a
//! precision ([`run`]), paired differences between scenarios ([`compare`]), outcomes
//! against a swept input ([`sweep`]), which uncertain inputs drive an outcome
//! ([`sensitivity`]), and when a run has enough iterations ([`convergence`]). The
//! results know nothing of files: `output/`, `report/` and `charts/` present them.
//!
//! Every analysis works on per-iteration values in iteration order, so its results
//! do not depend on the number of threads; scenarios run with the same seed and
//! iteration numbers share their random streams (common random numbers).

pub mod compare;
pub mod convergence;
pub mod discover;
pub mod run;
pub mod sensitivity;
pub mod shard;
pub mod sweep;

use crate::engine::{self, EngineError, RunSettings};
use crate::scenario::Scenario;
use crate::summary::{self, EntityValues, Summary};

/// One scenario run for an analysis: its per-iteration values and its summary.
pub struct Arm {
    /// How the scenario is named in tables (unique within an analysis).
    pub label: String,
    pub scenario: Scenario,
    pub values: Vec<EntityValues>,
    pub summary: Summary,
}

/// Runs `sc` with `settings` and keeps what the analyses need.
pub fn run_arm(
    label: String,
    sc: Scenario,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<Arm, EngineError> {
    let iterations = engine::run(&sc, settings, tick)?;
    let values = summary::entity_values(&sc, &iterations);
    let summary = summary::summarise_values(&sc, &iterations, &values);
    Ok(Arm {
        label,
        scenario: sc,
        values,
        summary,
    })
}

/// Folder-safe text: letters, digits, `-`, `_` and `.`; anything else becomes `-`.
pub fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches(|c| c == '-' || c == '.').to_string();
    if s.is_empty() { "scenario".into() } else { s }
}
