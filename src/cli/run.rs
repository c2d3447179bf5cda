//! `burden run [FILE]`: simulate a scenario and write its outputs.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CliError, Progress, load_scenario, say, written};
use crate::analysis::run::{self as analysis, RunResult};
use crate::output::files::{Content, Files};
use crate::output::folder::Staging;
use crate::output::manifest::{Provenance, ScenarioRecord};
use crate::output::{self, CONVERGENCE_FILE, RUN_FILES, RunInfo};
use crate::{budget, charts, format, report};

/// Above this many household-days a run says that it may take a while.
const LONG_RUN_HOUSEHOLD_DAYS: f64 = 2e10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table of headline figures.
    Text,
    /// The full summary.json on standard output.
    Json,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario file (TOML) or a shipped scenario's name (hyesan-2012). Without one, the built-in Ranam 2020 scenario runs.
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Run in blocks until the Monte Carlo error of every headline figure is below this
    /// share of its value (0.01 = 1%), or --max-iterations is reached.
    #[arg(long, value_name = "SHARE")]
    pub precision: Option<f64>,
    /// Most iterations a --precision run may take.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub max_iterations: u64,
}

pub fn run(args: RunArgs, sets: &[String]) -> Result<(), CliError> {
    let sc = load_scenario(args.scenario.as_ref(), sets)?;
    let mut settings = args.sim.settings(&sc);
    if let Some(p) = args.precision
        && !(p > 0.0 && p < 1.0)
    {
        return Err(CliError::usage(format!(
            "--precision {p} must be a share between 0 and 1, such as 0.01 for 1%"
        )));
    }
    if args.precision.is_some() && args.sim.iterations.is_some() {
        return Err(CliError::usage(
            "--precision chooses the number of iterations itself; give --max-iterations instead of --iterations",
        ));
    }
    // Under --precision the run may go up to --max-iterations: that is what must fit.
    let planned = args
        .precision
        .map_or(settings.iterations, |_| args.max_iterations);
    let estimate = budget::estimate(&sc, planned, settings.threads);
    budget::check(&estimate, sc.horizon(), budget::available_memory())?;
    if !args.sim.quiet && estimate.household_days > LONG_RUN_HOUSEHOLD_DAYS {
        eprintln!(
            "note: this run steps about {} household-days; it may take a while (fewer iterations or a shorter horizon_days make it faster)",
            format::thousands(estimate.household_days)
        );
    }
    let dest = (args.sim.out.clone())
        .unwrap_or_else(|| output::folder::default_dest(None, &[(sc.name(), &sc.overrides)]));
    let ours: Vec<&str> = RUN_FILES
        .iter()
        .copied()
        .chain(args.precision.map(|_| CONVERGENCE_FILE))
        .collect();
    let staging = Staging::begin(&dest, &ours, args.sim.force)?;
    // Unix only: elsewhere an open file keeps its folder from being removed.
    if cfg!(unix) {
        settings.spill_dir = Some(staging.temp_dir().to_path_buf());
    }
    let mut provenance =
        Provenance::start("run", settings.seed, settings.iterations, settings.threads);

    let progress = Progress::new(
        settings.iterations,
        &format!("running {}", sc.name()),
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let result = match args.precision {
        None => analysis::run(sc, settings, &tick)?,
        Some(target) => {
            analysis::run_to_precision(sc, settings, target, args.max_iterations, &tick, &|n| {
                progress.set_total(n)
            })?
        }
    };
    progress.finish();

    let (dest, summary_json) = write(&result, staging, &mut provenance, !args.sim.no_charts)?;
    match args.format {
        Format::Json => say(&String::from_utf8_lossy(&summary_json)),
        Format::Text if !args.sim.quiet => {
            say(&report::run::terminal(&result));
            say(&written(&dest, provenance.started.elapsed()));
        }
        Format::Text => {}
    }
    Ok(())
}

/// Writes the run's data, charts, reports and manifest; returns the folder and summary.json.
fn write(
    r: &RunResult,
    staging: Staging,
    provenance: &mut Provenance,
    draw: bool,
) -> Result<(PathBuf, Vec<u8>), CliError> {
    let info = RunInfo::new(&r.scenario, r.settings.seed, r.settings.iterations);
    provenance.iterations = r.settings.iterations;
    provenance.scenarios = vec![ScenarioRecord::new(r.scenario.name(), &r.scenario)];
    provenance.reproduce = info.reproduce.clone();
    let charts = draw
        .then(|| charts::results::for_run(r, &info))
        .transpose()?;
    let mut files = Files::new();
    let mut summary_json = Vec::new();
    for (name, content) in output::run_files(r, &info) {
        if let (true, Content::Bytes(bytes)) = (name == "summary.json", &content) {
            summary_json = bytes.clone();
        }
        files.add_content(name, content);
    }
    files.charts(charts.as_deref().unwrap_or_default());
    files.report(&report::run::build(
        r,
        charts.as_deref(),
        &provenance.scenarios[0],
        &info.reproduce,
    ));
    Ok((files.commit(staging, provenance)?, summary_json))
}
