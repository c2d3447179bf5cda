//! What each command asks of the engine, as typed results: one run or a run to a
//! precision ([`run`]), paired differences between scenarios ([`compare`]), outcomes
//! against a swept input ([`sweep`]), which uncertain inputs drive an outcome
//! ([`sensitivity`]), and when a run has enough iterations ([`convergence`]). The
//! results know nothing of files: `output/`, `report/` and `charts/` present them.
//!
//! Every analysis works on per-iteration values in iteration order, a block at a time
//! (memory does not grow with the iterations), so its results do not depend on the
//! number of threads; scenarios run with the same seed and
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
use crate::summary::{self, Builder, EntityValues, Summary};

/// One scenario run for an analysis: its summary.
pub struct Arm {
    /// How the scenario is named in tables (unique within an analysis).
    pub label: String,
    pub scenario: Scenario,
    pub summary: Summary,
}

/// Runs `sc` with `settings` and keeps what the analyses need.
pub fn run_arm(
    label: String,
    sc: Scenario,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<Arm, EngineError> {
    let mut arms = run_arms(vec![(label, sc)], settings, tick, |_| {})?;
    Ok(arms.remove(0))
}

/// Runs scenarios side by side on the same iteration numbers, a block at a time,
/// and hands `each` every block's per-iteration values of each scenario (in the
/// scenarios' order), so that paired figures are formed without keeping every
/// iteration.
pub fn run_arms(
    scenarios: Vec<(String, Scenario)>,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
    mut each: impl FnMut(&[Vec<EntityValues>]) + Send,
) -> Result<Vec<Arm>, EngineError> {
    let mut builders: Vec<Builder> = scenarios
        .iter()
        .map(|(_, sc)| Builder::new(sc, None))
        .collect();
    // Each scenario's block of the same iterations, summarised while the next run.
    engine::Runner::new(settings)?.pipeline(
        engine::blocks(0, settings.iterations),
        |range| {
            (scenarios.iter())
                .map(|(_, sc)| engine::block_here(sc, settings, range.clone(), tick))
                .collect::<Result<Vec<_>, _>>()
        },
        |blocks| {
            let values: Vec<Vec<EntityValues>> = (scenarios.iter().zip(&mut builders))
                .zip(&blocks)
                .map(|(((_, sc), b), block)| {
                    let v = summary::entity_values(sc, block);
                    b.add(block, &v);
                    v
                })
                .collect();
            each(&values);
        },
    )?;
    Ok(scenarios
        .into_iter()
        .zip(builders)
        .map(|((label, scenario), b)| Arm {
            label,
            scenario,
            summary: b.finish().0,
        })
        .collect())
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
