//! Runs many iterations in parallel and returns them in iteration order.
//!
//! Each iteration is a pure function of (scenario, seed, iteration number): its
//! random streams are keyed by the iteration, never by the thread. Results are
//! collected in iteration order and every later reduction walks them in that order,
//! so outputs are byte-identical for any number of threads.

use rayon::prelude::*;

use crate::model::results::IterationResult;
use crate::model::{Fidelity, run_iteration};
use crate::scenario::Scenario;

/// How to run a scenario.
#[derive(Debug, Clone)]
pub struct RunSettings {
    pub iterations: u64,
    pub seed: u64,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub fidelity: Fidelity,
}

impl RunSettings {
    pub fn from_scenario(sc: &Scenario) -> Self {
        RunSettings {
            iterations: sc.iterations(),
            seed: sc.seed(),
            threads: 0,
            fidelity: Fidelity::Fast,
        }
    }
}

/// Errors of the engine itself (not of the scenario).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("could not start {threads} worker threads: {message}")]
    Threads { threads: usize, message: String },
}

/// Runs iterations `first..first + count`, calling `tick` after each one.
pub fn run_range(
    sc: &Scenario,
    settings: &RunSettings,
    first: u64,
    count: u64,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<IterationResult>, EngineError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads)
        .build()
        .map_err(|e| EngineError::Threads {
            threads: settings.threads,
            message: e.to_string(),
        })?;
    Ok(pool.install(|| {
        (first..first + count)
            .into_par_iter()
            .map(|i| {
                let r = run_iteration(sc, settings.seed, i, settings.fidelity);
                tick();
                r
            })
            .collect()
    }))
}

/// Runs all the iterations of `settings`.
pub fn run(
    sc: &Scenario,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<IterationResult>, EngineError> {
    run_range(sc, settings, 0, settings.iterations, tick)
}
