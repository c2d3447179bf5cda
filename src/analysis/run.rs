//! One scenario run: its iterations and their summary, and a `--precision` run that
//! adds blocks of iterations until every headline figure is precise enough.

use crate::analysis::convergence::{self, Checkpoint, FigureStatus};
use crate::engine::{self, EngineError, RunSettings};
use crate::model::results::IterationResult;
use crate::scenario::Scenario;
use crate::summary::{self, HEADLINES, Summary};

/// A finished run. `settings.iterations` is the number actually run.
pub struct RunResult {
    pub scenario: Scenario,
    pub settings: RunSettings,
    pub iterations: Vec<IterationResult>,
    pub summary: Summary,
    /// How a `--precision` run ended; `None` for a run of a fixed size.
    pub precision: Option<PrecisionOutcome>,
}

/// How a `--precision` run ended.
pub struct PrecisionOutcome {
    pub target: f64,
    pub max_iterations: u64,
    pub statuses: Vec<FigureStatus>,
    pub checkpoints: Vec<Checkpoint>,
}

/// Runs `settings.iterations` iterations of `sc`, calling `tick` after each.
pub fn run(
    sc: Scenario,
    settings: RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<RunResult, EngineError> {
    let iterations = engine::run(&sc, &settings, tick)?;
    Ok(RunResult::new(sc, settings, iterations, None))
}

impl RunResult {
    /// Summarises `iterations`; `settings.iterations` becomes their number.
    fn new(
        scenario: Scenario,
        mut settings: RunSettings,
        iterations: Vec<IterationResult>,
        precision: Option<PrecisionOutcome>,
    ) -> RunResult {
        settings.iterations = iterations.len() as u64;
        let summary = summary::summarise(&scenario, &iterations);
        RunResult {
            scenario,
            settings,
            iterations,
            summary,
            precision,
        }
    }
}

/// Runs blocks of iterations until every headline figure's relative Monte Carlo
/// error is at most `target`, or `max` iterations; `planned` hears the total planned
/// so far before each block (for a progress bar).
pub fn run_to_precision(
    sc: Scenario,
    settings: RunSettings,
    target: f64,
    max: u64,
    tick: &(dyn Fn() + Sync),
    planned: &dyn Fn(u64),
) -> Result<RunResult, EngineError> {
    let mut iterations = Vec::new();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); HEADLINES.len()];
    let mut statuses: Vec<FigureStatus> = Vec::new();
    let mut checkpoints = Vec::new();
    loop {
        let done = iterations.len() as u64;
        let count = convergence::next_block(done, &statuses, max);
        if count == 0 {
            break;
        }
        planned(done + count);
        let block = engine::run_range(&sc, &settings, done, count, tick)?;
        for (all, new) in values
            .iter_mut()
            .zip(summary::total_values(&block, HEADLINES, &sc))
        {
            all.extend(new);
        }
        iterations.extend(block);
        statuses = HEADLINES
            .iter()
            .zip(&values)
            .map(|(h, v)| convergence::status(h, v, target))
            .collect();
        checkpoints.extend(statuses.iter().map(Checkpoint::from_status));
        if statuses.iter().all(|s| s.converged) {
            break;
        }
    }
    let precision = PrecisionOutcome {
        target,
        max_iterations: max,
        statuses,
        checkpoints,
    };
    Ok(RunResult::new(sc, settings, iterations, Some(precision)))
}
