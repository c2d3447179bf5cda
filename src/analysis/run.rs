//! One scenario run: its iterations and their summary, and a `--precision` run that
//! adds blocks of iterations until every headline figure is precise enough.

use crate::analysis::convergence::{self, Checkpoint, FigureStatus};
use crate::engine::{self, EngineError, RunSettings};
use crate::rows::IterationRows;
use crate::scenario::Scenario;
use crate::summary::{self, Builder, HEADLINES, Summary};

/// A finished run. `settings.iterations` is the number actually run.
pub struct RunResult {
    pub scenario: Scenario,
    pub settings: RunSettings,
    pub summary: Summary,
    /// Each iteration's draws and total figures, for `iterations.csv`.
    pub rows: IterationRows,
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
    let mut builder = Builder::new(&sc, Some(settings.spill_dir.as_deref()));
    add_blocks(&mut builder, &sc, &settings, 0, settings.iterations, tick)?;
    Ok(RunResult::new(sc, settings, builder, None))
}

/// Runs iterations `first..first + count` into `builder`, a block at a time.
fn add_blocks(
    builder: &mut Builder,
    sc: &Scenario,
    settings: &RunSettings,
    first: u64,
    count: u64,
    tick: &(dyn Fn() + Sync),
) -> Result<(), EngineError> {
    engine::for_each_block(sc, settings, first, count, tick, |block| {
        builder.add(block, &summary::entity_values(sc, block));
    })
}

impl RunResult {
    /// Finishes the summary; `settings.iterations` becomes the number of iterations.
    fn new(
        scenario: Scenario,
        mut settings: RunSettings,
        builder: Builder,
        precision: Option<PrecisionOutcome>,
    ) -> RunResult {
        let (summary, rows) = builder.finish();
        settings.iterations = summary.iterations as u64;
        RunResult {
            scenario,
            settings,
            rows: rows.unwrap_or_else(|| IterationRows::new(0, None).finish()),
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
    let mut builder = Builder::new(&sc, Some(settings.spill_dir.as_deref()));
    let mut statuses: Vec<FigureStatus> = Vec::new();
    let mut checkpoints = Vec::new();
    loop {
        let done = builder.iterations() as u64;
        let count = convergence::next_block(done, &statuses, max);
        if count == 0 {
            break;
        }
        planned(done + count);
        add_blocks(&mut builder, &sc, &settings, done, count, tick)?;
        statuses = HEADLINES
            .iter()
            .zip(builder.headline_values())
            .map(|(h, v)| convergence::status(h.name, v, target))
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
    Ok(RunResult::new(sc, settings, builder, Some(precision)))
}
