//! `burden sensitivity [FILE]`: which uncertain inputs drive each headline figure.

use std::path::PathBuf;

use clap::Args;

use super::options::require_samples;
use super::{CliError, Progress, load_scenario, write_outputs};
use crate::analysis::sensitivity::{self, MIN_ITERATIONS};
use crate::output::folder::MANIFEST;
use crate::output::reproduce::Reproduce;
use crate::output::{self, CHARTS_DIR};
use crate::scenario::Scenario;
use crate::scope::Scope;
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
    /// Rank the inputs for one district's figures instead of all districts together.
    #[arg(long, value_name = "NAME")]
    pub district: Option<String>,
}

/// The scope `--district` names, or a usage error with the nearest district.
fn district_scope(sc: &Scenario, name: Option<&str>) -> Result<Scope, CliError> {
    let Some(name) = name else {
        return Ok(Scope::Total);
    };
    let names = sc.district_names();
    if names.iter().any(|d| d == name) {
        return Ok(Scope::District(name.to_string()));
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::scenario::suggest::did_you_mean(name, &refs) {
        Some(d) => format!("did you mean `{d}`? "),
        None => String::new(),
    };
    Err(CliError::usage(format!(
        "--district {name}: {} has no such district\n  = help: {hint}its districts are {}",
        sc.name(),
        crate::report::list(&names)
    )))
}

pub fn sensitivity(args: SensitivityArgs, sets: &[String]) -> Result<(), CliError> {
    let sc = load_scenario(args.scenario.as_ref(), sets)?;
    let settings = args.sim.settings(&sc);
    let scope = district_scope(&sc, args.district.as_deref())?;
    require_samples(
        &sc,
        settings.iterations,
        "sensitivity",
        MIN_ITERATIONS as u64,
        "there is nothing to rank",
    )?;
    let mut changes = sc.overrides.clone();
    let mut reproduce = Reproduce::new("sensitivity")
        .scenario(&sc)
        .seeded(&settings)
        .option("bootstrap", args.bootstrap);
    if let Some(d) = &args.district {
        changes.push(format!("district={d}"));
        reproduce = reproduce.option("district", d);
    }
    let (staging, mut provenance) =
        args.sim
            .begin("sensitivity", &sc, &settings, FILES, &changes)?;
    provenance.reproduce = reproduce.options("set", sets).line();

    let progress = Progress::new(
        settings.iterations,
        &format!("running {}", sc.name()),
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let result = sensitivity::run(sc, &settings, args.bootstrap, scope, &tick)?;
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
