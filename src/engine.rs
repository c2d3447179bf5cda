//! Runs many iterations in parallel and returns them in iteration order.
//!
//! Each iteration is a pure function of (scenario, seed, iteration number): its
//! random streams are keyed by the iteration, never by the thread. Results are
//! collected in iteration order, a block at a time, and every reduction walks them in
//! that order, so outputs are byte-identical for any number of threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// Set to stop the run early (`burden serve`'s Cancel): iterations not yet
    /// started are skipped and the run ends with [`EngineError::Cancelled`].
    pub cancel: Option<Arc<AtomicBool>>,
    /// Where per-iteration rows wait until they are written (`iterations.csv`): the
    /// output's staging folder, so that they go to the disk the outputs go to (a
    /// system temporary folder may be held in memory); `None` for the system's.
    pub spill_dir: Option<std::path::PathBuf>,
}

impl RunSettings {
    pub fn from_scenario(sc: &Scenario) -> Self {
        RunSettings {
            iterations: sc.iterations(),
            seed: sc.seed(),
            threads: 0,
            fidelity: Fidelity::Fast,
            cancel: None,
            spill_dir: None,
        }
    }
}

/// Errors of the engine itself (not of the scenario).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("could not start {threads} worker threads: {message}")]
    Threads { threads: usize, message: String },
    #[error("the run was cancelled")]
    Cancelled,
}

/// Iterations computed at once before they are handed on: enough to keep every
/// thread busy, few enough that memory does not grow with the run.
pub const BLOCK: u64 = 256;

/// The worker threads of a run.
pub struct Runner {
    pool: rayon::ThreadPool,
}

impl Runner {
    pub fn new(settings: &RunSettings) -> Result<Runner, EngineError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(settings.threads)
            .build()
            .map_err(|e| EngineError::Threads {
                threads: settings.threads,
                message: e.to_string(),
            })?;
        Ok(Runner { pool })
    }

    /// Runs `work` on each of `ranges` in turn on the workers and hands each outcome to
    /// `each`, in order. `each` works through one outcome while the workers run the
    /// next (two held at once): on two or more threads the summary of a block no longer
    /// leaves the other cores idle, and as `each` still sees the outcomes one at a time
    /// and in order, nothing it computes depends on the number of threads. `work` runs
    /// on the pool, so it calls [`block_here`]. After an error (a cancel), the outcomes
    /// finished before it have been handed to `each`.
    pub fn pipeline<T: Send>(
        &self,
        ranges: impl Iterator<Item = std::ops::Range<u64>> + Send,
        work: impl Fn(std::ops::Range<u64>) -> Result<T, EngineError> + Sync,
        mut each: impl FnMut(T) + Send,
    ) -> Result<(), EngineError> {
        self.pool.install(|| {
            let mut done: Option<T> = None;
            for range in ranges {
                // The outcome before goes to `each` on this thread while the others
                // start on this one; this thread joins them when `each` returns.
                let ((), next) = rayon::join(
                    || {
                        if let Some(outcome) = done.take() {
                            each(outcome);
                        }
                    },
                    || work(range),
                );
                done = Some(next?);
            }
            if let Some(outcome) = done {
                each(outcome);
            }
            Ok(())
        })
    }
}

/// Iterations `range` of `sc`, in iteration order, calling `tick` after each, on the
/// pool the caller is running in (inside [`Runner::pipeline`]'s `work`); a cancel
/// (`settings.cancel`) skips those not yet started and ends the block with
/// [`EngineError::Cancelled`].
pub fn block_here(
    sc: &Scenario,
    settings: &RunSettings,
    range: std::ops::Range<u64>,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<IterationResult>, EngineError> {
    let cancelled = || (settings.cancel.as_ref()).is_some_and(|c| c.load(Ordering::Relaxed));
    // Collecting into an Option stops at the first iteration skipped after a cancel.
    let results: Option<Vec<IterationResult>> = range
        .into_par_iter()
        .map(|i| {
            if cancelled() {
                return None;
            }
            let r = run_iteration(sc, settings.seed, i, settings.fidelity);
            tick();
            Some(r)
        })
        .collect();
    results.ok_or(EngineError::Cancelled)
}

/// The blocks of at most [`BLOCK`] iterations that make up `first..first + count`.
pub fn blocks(first: u64, count: u64) -> impl Iterator<Item = std::ops::Range<u64>> {
    let end = first + count;
    (first..end)
        .step_by(BLOCK as usize)
        .map(move |s| s..(s + BLOCK).min(end))
}

/// Runs iterations `first..first + count` in blocks of [`BLOCK`], calling `tick` after
/// each iteration and `each` with every block, in iteration order; `each` works
/// through one block while the next is run ([`Runner::pipeline`]).
pub fn for_each_block(
    sc: &Scenario,
    settings: &RunSettings,
    first: u64,
    count: u64,
    tick: &(dyn Fn() + Sync),
    mut each: impl FnMut(&[IterationResult]) + Send,
) -> Result<(), EngineError> {
    Runner::new(settings)?.pipeline(
        blocks(first, count),
        |range| block_here(sc, settings, range, tick),
        |block| each(&block),
    )
}

/// Runs iterations `first..first + count`, calling `tick` after each one, and keeps
/// them all (for tests and benchmarks; the commands use [`for_each_block`]).
pub fn run_range(
    sc: &Scenario,
    settings: &RunSettings,
    first: u64,
    count: u64,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<IterationResult>, EngineError> {
    let mut all = Vec::new();
    for_each_block(sc, settings, first, count, tick, |b| {
        all.extend_from_slice(b)
    })?;
    Ok(all)
}

/// Runs all the iterations of `settings`.
pub fn run(
    sc: &Scenario,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<IterationResult>, EngineError> {
    run_range(sc, settings, 0, settings.iterations, tick)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicU64;

    use super::*;
    use crate::scenario::{DEFAULT_ORIGIN, DEFAULT_SCENARIO, load_str};

    #[test]
    fn a_cancel_stops_the_run_before_the_next_iteration() {
        let sc = load_str(DEFAULT_ORIGIN, DEFAULT_SCENARIO).expect("the default scenario loads");
        let cancel = Arc::new(AtomicBool::new(false));
        let mut settings = RunSettings::from_scenario(&sc);
        settings.iterations = 200;
        settings.threads = 1;
        settings.cancel = Some(cancel.clone());
        let done = AtomicU64::new(0);
        // On one thread the iterations run in order: cancelled after the third, no
        // fourth starts.
        let tick = || {
            if done.fetch_add(1, Ordering::Relaxed) + 1 == 3 {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let result = run(&sc, &settings, &tick);
        assert!(matches!(result, Err(EngineError::Cancelled)));
        assert_eq!(done.load(Ordering::Relaxed), 3);
    }

    /// `each` sees every outcome once, in order, whatever the number of threads, and
    /// an error ends the pipeline after the outcomes before it were handed on.
    #[test]
    fn the_pipeline_hands_on_outcomes_in_order() {
        for threads in [1, 3] {
            let settings = RunSettings {
                threads,
                ..RunSettings::from_scenario(
                    &load_str(DEFAULT_ORIGIN, DEFAULT_SCENARIO).expect("loads"),
                )
            };
            let runner = Runner::new(&settings).expect("threads start");
            let mut seen = Vec::new();
            // 1,000 numbers in blocks of 256: the sum of each block's numbers.
            let sum = |r: std::ops::Range<u64>| Ok(r.into_par_iter().sum::<u64>());
            runner
                .pipeline(blocks(0, 1000), sum, |s| seen.push(s))
                .expect("no error");
            let by_hand: Vec<u64> = [(0, 256), (256, 512), (512, 768), (768, 1000)]
                .iter()
                .map(|&(a, b)| (a..b).sum())
                .collect();
            assert_eq!(seen, by_hand, "{threads} threads");
            // The third range fails: the first two were handed on, nothing after.
            let mut seen = Vec::new();
            let failing = |r: std::ops::Range<u64>| {
                if r.start == 512 {
                    Err(EngineError::Cancelled)
                } else {
                    Ok(r.start)
                }
            };
            let result = runner.pipeline(blocks(0, 1000), failing, |s| seen.push(s));
            assert!(matches!(result, Err(EngineError::Cancelled)));
            assert_eq!(seen, [0, 256], "{threads} threads");
        }
    }
}
