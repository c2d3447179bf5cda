//! `burden sensitivity [FILE]`: which uncertain inputs drive each headline figure.

use std::path::PathBuf;

use clap::Args;

use super::options::require_samples;
use super::{CliError, Progress, load_scenario, write_outputs};
use crate::analysis::sensitivity::{self, MIN_ITERATIONS};
use crate::output::folder::MANIFEST;
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
    require_samples(
        &sc,
        settings.iterations,
        "sensitivity",
        MIN_ITERATIONS as u64,
        "there is nothing to rank",
    )?;
    let (staging, mut provenance) =
        args.sim
            .begin("sensitivity", &sc, &settings, FILES, &sc.overrides)?;
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

    let scenario = &provenance.scenarios[0];
    let charts = charts::results::for_sensitivity(&result)?;
    let data = vec![
        (
            "sensitivity.csv",
            output::sensitivity::sensitivity_csv(&result),
        ),
        (
            "summary.json",
            output::sensitivity::summary_json(&result, scenario, &provenance.reproduce),
        ),
    ];
    let report = report::sensitivity::build(&result, &charts, scenario, &provenance.reproduce);
    let terminal = (!args.sim.quiet).then(|| report::sensitivity::terminal(&result));
    write_outputs(staging, &provenance, data, &charts, &report, terminal)
}
