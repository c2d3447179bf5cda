//! `burden compare A.toml B.toml [C.toml ...]`: paired differences on common random numbers.

use std::path::PathBuf;

use clap::Args;

use super::options::check_memory;
use super::{CliError, Progress, load_scenario, say, with_overrides, with_overrides_as, written};
use crate::analysis::compare::{self, Comparison};
use crate::output::files::Files;
use crate::output::folder::{MANIFEST, Staging};
use crate::output::manifest::{Provenance, ScenarioRecord};
use crate::output::reproduce::Reproduce;
use crate::output::{self, CHARTS_DIR};
use crate::{charts, report};

/// The files `compare` writes.
pub const FILES: &[&str] = &[
    "differences.csv",
    "summary.json",
    "report.html",
    "report.md",
    CHARTS_DIR,
    MANIFEST,
];

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files or shipped scenarios' names; the first is the reference (A) and each other is compared with it.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Add the first scenario with this change as another scenario to compare
    /// (repeatable; all changes go into one variant), e.g. --variant levy.resident_share=0.
    #[arg(long, value_name = "KEY=VALUE")]
    pub variant: Vec<String>,
    /// Change one scenario only, named by its letter (A is the first file, B the
    /// second, ...), e.g. --set-on B levy.resident_share=0 (repeatable); --set changes
    /// them all.
    #[arg(long, num_args = 2, value_names = ["LETTER", "KEY=VALUE"])]
    pub set_on: Vec<String>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
}

pub fn compare(args: CompareArgs, sets: &[String]) -> Result<(), CliError> {
    let arms = args.scenarios.len() + usize::from(!args.variant.is_empty());
    let own = compare::own_changes(&args.set_on, arms).map_err(CliError::usage)?;
    let mut scenarios = Vec::new();
    for path in &args.scenarios {
        scenarios.push(load_scenario(Some(path), sets)?);
    }
    if !args.variant.is_empty() {
        let changes = [sets, &args.variant].concat();
        let base = crate::scenario::load_arg(&args.scenarios[0])?;
        scenarios.push(with_overrides(base, &changes)?);
    }
    // Each scenario's own changes on top, named by the option that gave them.
    for ((sc, own), letter) in scenarios.iter_mut().zip(&own).zip(compare::letters(arms)) {
        if own.is_empty() {
            continue;
        }
        let mut changed = with_overrides_as(sc.clone(), own, &format!("--set-on {letter}"))?;
        changed.overrides = [std::mem::take(&mut sc.overrides), changed.overrides].concat();
        *sc = changed;
    }
    if scenarios.len() < 2 {
        return Err(CliError::usage(
            "compare needs at least two scenarios\n  = help: give two files (burden compare A.toml B.toml), or one file and a change: burden compare A.toml --variant levy.resident_share=0",
        ));
    }
    let settings = args.sim.settings(&scenarios[0]);
    // Each scenario's summary, and three streams per paired figure of each other one.
    let summaries = (4 * scenarios.len() - 3) as f64;
    for sc in &scenarios {
        check_memory(sc, &settings, summaries, 0, 0)?;
    }
    let labels = compare::labels(&scenarios, &args.variant, &own);
    let dest = args
        .sim
        .out
        .clone()
        .unwrap_or_else(|| default_folder(&scenarios, &args.variant));
    let staging = Staging::begin(&dest, FILES, args.sim.force)?;
    let mut provenance = Provenance::start(
        "compare",
        settings.seed,
        settings.iterations,
        settings.threads,
    );
    provenance.scenarios = labels
        .iter()
        .zip(&scenarios)
        .map(|(l, sc)| ScenarioRecord::new(l, sc))
        .collect();
    let files: Vec<String> = args
        .scenarios
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    provenance.reproduce = files
        .iter()
        .fold(Reproduce::new("compare"), |r, f| r.arg(f))
        .options("variant", &args.variant)
        .options("set", sets)
        .pairs("set-on", &compare::letter_changes(&own))
        .seeded(&settings)
        .line();

    let progress = Progress::new(
        settings.iterations * scenarios.len() as u64,
        "comparing",
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let comparison = compare::compare(
        labels.into_iter().zip(scenarios).collect(),
        &settings,
        &tick,
    )?;
    progress.finish();

    let dest = write(&comparison, staging, &provenance, !args.sim.no_charts)?;
    for w in &comparison.warnings {
        eprintln!("warning: {w}");
    }
    if !args.sim.quiet {
        say(&report::compare::terminal(&comparison));
        say(&written(&dest, provenance.started.elapsed()));
    }
    Ok(())
}

/// The default folder: named after the scenarios and their changes (a variant by its
/// changes alone).
fn default_folder(scenarios: &[crate::scenario::Scenario], variant: &[String]) -> PathBuf {
    let mut arms: Vec<(&str, &[String])> = scenarios
        .iter()
        .map(|sc| (sc.name(), sc.overrides.as_slice()))
        .collect();
    if !variant.is_empty() {
        arms.pop();
        arms.push(("", variant));
    }
    output::folder::default_dest(Some("compare"), &arms)
}

fn write(
    c: &Comparison,
    staging: Staging,
    provenance: &Provenance,
    draw: bool,
) -> Result<PathBuf, CliError> {
    let charts = draw
        .then(|| charts::results::for_comparison(c))
        .transpose()?;
    let mut files = Files::new();
    files.add(
        "differences.csv",
        output::compare::differences_csv(&c.differences),
    );
    files.add(
        "summary.json",
        output::compare::summary_json(c, &provenance.scenarios, &provenance.reproduce),
    );
    files.charts(charts.as_deref().unwrap_or_default());
    files.report(&report::compare::build(
        c,
        charts.as_deref(),
        &provenance.scenarios,
        &provenance.reproduce,
    ));
    Ok(files.commit(staging, provenance)?)
}
