//! `burden sensitivity [FILE]`: which uncertain inputs drive each headline figure.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, Progress, load_scenario, say, written};
use crate::analysis::sensitivity::{self, MIN_ITERATIONS, SensitivityResult};
use crate::output::files::Files;
use crate::output::folder::{MANIFEST, Staging};
use crate::output::manifest::{Provenance, ScenarioRecord};
use crate::output::reproduce::Reproduce;
use crate::output::{self, CHARTS_DIR};
use crate::{charts, report};

/// The files `sensitivity` writes.
pub const FILES: &[&str] = &[
    "sensitivity.csv",
    "summary.json",
    "report.html",
    "report.md",
    CHARTS_DIR,
    MANIFEST,
];

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// Scenario file (TOML) or a shipped scenario's name (hyesan-2012). Without one, the built-in Ranam 2020 scenario.
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
    /// Bootstrap resamples for the confidence intervals of the indices.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(20..=10_000))]
    pub bootstrap: u64,
}

pub fn sensitivity(args: SensitivityArgs, sets: &[String]) -> Result<(), CliError> {
    let sc = load_scenario(args.scenario.as_ref(), sets)?;
    let settings = args.sim.settings(&sc);
    if sensitivity::uncertain_inputs(&sc).is_empty() {
        return Err(CliError::usage(format!(
            "{} has no uncertain inputs, so there is nothing to rank\n  = help: give an input a distribution, for example --set 'release.total=5000 to 9000'",
            sc.name()
        )));
    }
    if (settings.iterations as usize) < MIN_ITERATIONS {
        return Err(CliError::usage(format!(
            "sensitivity needs at least {MIN_ITERATIONS} iterations (1000 or more for stable rankings); got {}",
            settings.iterations
        )));
    }
    let dest = args.sim.out.clone().unwrap_or_else(|| {
        output::folder::default_dest(Some("sensitivity"), &[(sc.name(), &sc.overrides)])
    });
    let staging = Staging::begin(&dest, FILES, args.sim.force)?;
    let mut provenance = Provenance::start(
        "sensitivity",
        settings.seed,
        settings.iterations,
        settings.threads,
    );
    provenance.scenarios = vec![ScenarioRecord::new(sc.name(), &sc)];
    provenance.reproduce = Reproduce::new("sensitivity")
        .scenario(&sc)
        .seeded(&settings)
        .option("bootstrap", args.bootstrap)
        .options("set", sets)
        .line();

    let progress = Progress::new(
        settings.iterations,
        &format!("running {}", sc.name()),
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let result = sensitivity::run(sc, &settings, args.bootstrap, &tick)?;
    progress.finish();

    let dest = write(&result, staging, &provenance, !args.sim.no_charts)?;
    if !args.sim.quiet {
        say(&report::sensitivity::terminal(&result));
        say(&written(&dest, provenance.started.elapsed()));
    }
    Ok(())
}

fn write(
    s: &SensitivityResult,
    staging: Staging,
    provenance: &Provenance,
    draw: bool,
) -> Result<PathBuf, CliError> {
    let scenario = &provenance.scenarios[0];
    let charts = draw
        .then(|| charts::results::for_sensitivity(s))
        .transpose()?;
    let mut files = Files::new();
    files.add("sensitivity.csv", output::sensitivity::sensitivity_csv(s));
    files.add(
        "summary.json",
        output::sensitivity::summary_json(s, scenario, &provenance.reproduce),
    );
    files.charts(charts.as_deref().unwrap_or_default());
    files.report(&report::sensitivity::build(
        s,
        charts.as_deref(),
        scenario,
        &provenance.reproduce,
    ));
    Ok(files.commit(staging, provenance)?)
}
