//! Options shared by every command that simulates (run, compare, sweep, sensitivity).

use std::path::PathBuf;

use clap::Args;

use crate::analysis::shard::Shard;
use crate::output::folder::Staging;
use crate::output::manifest::{Provenance, ScenarioRecord};

#[derive(Debug, Args)]
pub struct SimOptions {
    /// Number of iterations (overrides the scenario's; for sweep, per point).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub iterations: Option<u64>,
    /// Random seed (overrides the scenario's); the same seed gives the same results.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', default_value_t = 0)]
    pub threads: usize,
    /// Output folder (default: a folder under output/ named after the scenario).
    #[arg(long, short = 'o')]
    pub out: Option<PathBuf>,
    /// Write into an output folder that holds other files (they are left alone).
    #[arg(long)]
    pub force: bool,
    /// No progress bar and no table.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Skip the charts and their data files (faster); the reports say so.
    #[arg(long)]
    pub no_charts: bool,
}

impl SimOptions {
    /// The scenario's run settings with these options applied.
    pub fn settings(&self, sc: &crate::scenario::Scenario) -> crate::engine::RunSettings {
        let mut settings = crate::engine::RunSettings::from_scenario(sc);
        if let Some(n) = self.iterations {
            settings.iterations = n;
        }
        if let Some(s) = self.seed {
            settings.seed = s;
        }
        settings.threads = self.threads;
        settings
    }
}

impl SimOptions {
    /// Checks the output folder of a command on one scenario (named after the command,
    /// the scenario and `changes` when `--out` is not given) and starts its manifest.
    pub fn begin(
        &self,
        command: &'static str,
        sc: &crate::scenario::Scenario,
        settings: &crate::engine::RunSettings,
        files: &[&str],
        changes: &[String],
    ) -> Result<(Staging, Provenance), super::CliError> {
        let dest = self.out.clone().unwrap_or_else(|| {
            crate::output::folder::default_dest(Some(command), &[(sc.name(), changes)])
        });
        let staging = Staging::begin(&dest, files, self.force)?;
        let mut provenance = Provenance::start(
            command,
            settings.seed,
            settings.iterations,
            settings.threads,
        );
        provenance.scenarios = vec![ScenarioRecord::new(sc.name(), sc)];
        Ok((staging, provenance))
    }
}

/// Refuses, before any computing, an analysis of `sc` that would not fit in memory:
/// one run's estimate held `summaries` times at once, plus `numbers` values kept per
/// iteration and `per_thread` more per iteration for each worker thread (see
/// [`crate::budget::RunEstimate::holding`]).
pub fn check_memory(
    sc: &crate::scenario::Scenario,
    settings: &crate::engine::RunSettings,
    summaries: f64,
    numbers: usize,
    per_thread: usize,
) -> Result<(), super::CliError> {
    use crate::budget;
    let run = budget::estimate(sc, settings.iterations, settings.threads);
    let estimate = run.holding(summaries, numbers + per_thread * run.threads);
    budget::check(&estimate, sc.horizon(), budget::available_memory())?;
    Ok(())
}

/// Refuses a scenario without uncertain inputs, or a run too small to sample them
/// (`sensitivity`, `discover`): `what` says what could not be done.
pub fn require_samples(
    sc: &crate::scenario::Scenario,
    iterations: u64,
    command: &str,
    min: u64,
    what: &str,
) -> Result<(), super::CliError> {
    if sc.uncertain_paths().is_empty() {
        return Err(super::CliError::usage(format!(
            "{} has no uncertain inputs, so {what}\n  = help: give an input a distribution, for example --set 'release.total=5000 to 9000'",
            sc.name()
        )));
    }
    if iterations < min {
        return Err(super::CliError::usage(format!(
            "{command} needs at least {min} iterations (1000 or more for stable results); got {iterations}"
        )));
    }
    Ok(())
}

/// The output folder's name parts and files of a run that may be a shard.
pub fn shard_layout(
    mut changes: Vec<String>,
    shard: Option<Shard>,
    files: &'static [&'static str],
) -> (Vec<String>, &'static [&'static str]) {
    match shard {
        Some(s) => {
            changes.push(format!("shard-{}-of-{}", s.index, s.count));
            (changes, crate::output::shard::SHARD_FILES)
        }
        None => (changes, files),
    }
}

/// The scope `--district` names, or a usage error with the nearest district.
pub fn district_scope(
    sc: &crate::scenario::Scenario,
    name: Option<&str>,
) -> Result<crate::scope::Scope, super::CliError> {
    let Some(name) = name else {
        return Ok(crate::scope::Scope::Total);
    };
    let names = sc.district_names();
    if names.iter().any(|d| d == name) {
        return Ok(crate::scope::Scope::District(name.to_string()));
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::scenario::suggest::did_you_mean(name, &refs) {
        Some(d) => format!("did you mean `{d}`? "),
        None => String::new(),
    };
    Err(super::CliError::usage(format!(
        "--district {name}: {} has no such district\n  = help: {hint}its districts are {}",
        sc.name(),
        crate::report::list(&names)
    )))
}
