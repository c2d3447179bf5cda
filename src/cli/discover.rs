//! `burden discover [FILE] --metric NAME (--above X | --below X | --top P)`: which
//! combinations of the uncertain inputs make an outcome happen.

use std::path::PathBuf;

use clap::{ArgGroup, Args};

use super::options::{check_memory, require_samples};
use super::{CliError, Progress, load_scenario, write_result};
use crate::analysis::discover::{self, MIN_ITERATIONS, Target};
use crate::output::CHARTS_DIR;
use crate::output::folder::MANIFEST;
use crate::output::reproduce::Reproduce;
use crate::summary::{METRICS, MetricDef, metric};

/// The files `discover` writes.
pub const FILES: &[&str] = &[
    "boxes.csv",
    "summary.json",
    "report.html",
    "report.md",
    CHARTS_DIR,
    MANIFEST,
];

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(["above", "below", "top"])))]
pub struct DiscoverArgs {
    /// Scenario file (TOML) or a shipped scenario's name (hyesan-2012). Without one, the built-in Ranam 2020 scenario.
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
    /// The figure whose outcome to explain, for all districts together (a metric of
    /// docs/OUTPUTS.md, e.g. survival_deficit_attributable).
    #[arg(long, value_name = "NAME")]
    pub metric: String,
    /// The outcome is the metric above this value (in its unit; shares as fractions, 0.01 for 1%).
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = finite)]
    pub above: Option<f64>,
    /// The outcome is the metric below this value.
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = finite)]
    pub below: Option<f64>,
    /// The outcome is the metric among this share of its highest values (0.2: the top 20%).
    #[arg(long, value_name = "P", value_parser = share)]
    pub top: Option<f64>,
    /// Random shuffles of the outcome that test whether the box could be chance.
    #[arg(long, default_value_t = 199, value_parser = clap::value_parser!(u64).range(19..=10_000))]
    pub permutations: u64,
}

fn finite(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("`{text}` is not a number"))
}

fn share(text: &str) -> Result<f64, String> {
    let p = finite(text)?;
    if p > 0.0 && p < 1.0 {
        Ok(p)
    } else {
        Err(format!(
            "`{text}` is not a share strictly between 0 and 1 (0.2 for the top 20%)"
        ))
    }
}

/// The metric a user named, or a usage error with the nearest name.
fn named_metric(name: &str) -> Result<&'static MetricDef, CliError> {
    metric(name).ok_or_else(|| {
        let names: Vec<&str> = METRICS.iter().map(|m| m.name).collect();
        let hint = match crate::scenario::suggest::did_you_mean(name, &names) {
            Some(s) => format!("did you mean `{s}`? "),
            None => String::new(),
        };
        CliError::usage(format!(
            "--metric {name}: no such metric\n  = help: {hint}the metrics are the `metric` column of districts.csv, listed in docs/OUTPUTS.md"
        ))
    })
}

pub fn discover(args: DiscoverArgs, sets: &[String]) -> Result<(), CliError> {
    let metric = named_metric(&args.metric)?;
    let (target, flag, value) = match (args.above, args.below, args.top) {
        (Some(x), _, _) => (Target::Above(x), "above", x),
        (_, Some(x), _) => (Target::Below(x), "below", x),
        (_, _, Some(p)) => (Target::Top(p), "top", p),
        _ => return Err(CliError::usage("give one of --above, --below or --top")),
    };
    let sc = load_scenario(args.scenario.as_ref(), sets)?;
    let settings = args.sim.settings(&sc);
    require_samples(
        &sc,
        settings.iterations,
        "discover",
        MIN_ITERATIONS,
        "no condition on them can be found",
    )?;
    // Kept per iteration: each input's draw twice (as drawn and as peeled), its sort
    // order, the metric and whether the world is a case.
    check_memory(&sc, &settings, 1.0, 3 * sc.uncertain_paths().len() + 2, 0)?;
    let (staging, mut provenance) =
        args.sim
            .begin("discover", &sc, &settings, FILES, &sc.overrides)?;
    provenance.reproduce = Reproduce::new("discover")
        .scenario(&sc)
        .seeded(&settings)
        .option("metric", metric.name)
        .option(flag, value)
        .option("permutations", args.permutations)
        .options("set", sets)
        .line();

    let progress = Progress::new(
        settings.iterations,
        &format!("running {}", sc.name()),
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let result = discover::run(
        sc,
        &settings,
        metric,
        target,
        args.permutations as usize,
        &tick,
    )?;
    progress.finish();

    write_result(
        &result,
        staging,
        &provenance,
        args.sim.quiet,
        !args.sim.no_charts,
    )
}
