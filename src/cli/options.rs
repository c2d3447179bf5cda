//! Options shared by every command that simulates (run, compare, sweep, sensitivity).

use std::path::PathBuf;

use clap::Args;

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
