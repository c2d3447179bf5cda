//! `burden run [FILE]`: simulate a scenario and write its outputs.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, ValueEnum};

use super::{CliError, load_scenario};
use crate::analysis::convergence::{self, Checkpoint, FigureStatus};
use crate::budget;
use crate::engine::{self, RunSettings};
use crate::format;
use crate::output::{self, Manifest, RUN_FILES, RunInfo, folder::Staging};
use crate::summary::{self, HEADLINES, Summary};
use crate::{charts, report};

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
    /// Scenario file (TOML). Without one, the built-in Ranam 2020 scenario runs.
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
    let started = Instant::now();
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
    let ours: Vec<&str> = RUN_FILES
        .iter()
        .copied()
        .chain(args.precision.map(|_| CONVERGENCE_FILE))
        .collect();
    // Under --precision the run may go up to --max-iterations: that is what must fit.
    let planned = if args.precision.is_some() {
        args.max_iterations
    } else {
        settings.iterations
    };
    let estimate = budget::estimate(&sc, planned, settings.threads);
    budget::check(&estimate, planned, sc.horizon(), budget::available_memory())?;
    if !args.sim.quiet && estimate.household_days > LONG_RUN_HOUSEHOLD_DAYS {
        eprintln!(
            "note: this run steps about {} household-days; it may take a while (fewer iterations or a shorter horizon_days make it faster)",
            format::thousands(estimate.household_days)
        );
    }
    let dest = args
        .sim
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(sc.name()));
    super::interrupt::install();
    let mut staging = Staging::begin(&dest, &ours, args.sim.force)?;

    let bar = (!args.sim.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(settings.iterations);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} iterations, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b.set_message(format!("running {}", sc.name()));
        b
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let (iterations, precision) = match args.precision {
        None => (engine::run(&sc, &settings, &tick)?, None),
        Some(target) => {
            let (its, outcome) =
                run_to_precision(&sc, &settings, target, args.max_iterations, &tick, &bar)?;
            settings.iterations = its.len() as u64;
            (its, Some(outcome))
        }
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = summary::summarise(&sc, &iterations);

    let info = RunInfo::new(&sc, settings.seed, settings.iterations);
    let summary_json = output::summary_json(&sc, &info, &summary);
    let mut charts = charts::render_all(&sc, &info, &summary)?;
    if let Some(p) = &precision
        && let Some(f) = charts::convergence::Convergence::new(&p.checkpoints, HEADLINES, p.target)
    {
        let footer = charts::style::footer(
            &info.scenario_name,
            info.seed,
            info.iterations,
            info.version,
        );
        charts.push(charts::render(&f, &footer)?);
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("summary.json".into(), summary_json.clone()),
        ("districts.csv".into(), output::districts_csv(&summary)),
        (
            "timeseries.csv".into(),
            output::timeseries_csv(&sc, &summary),
        ),
        (
            "iterations.csv".into(),
            output::iterations_csv(&sc, &summary, &iterations),
        ),
    ];
    for c in &charts {
        files.push((c.png_name(), c.png.clone()));
        files.push((c.svg_name(), c.svg.clone().into_bytes()));
    }
    files.push((
        "report.html".into(),
        report::html::render(&sc, &info, &summary, &charts).into_bytes(),
    ));
    files.push((
        "report.md".into(),
        report::markdown::render(&sc, &info, &summary, &charts).into_bytes(),
    ));
    if let Some(p) = &precision {
        files.push((CONVERGENCE_FILE.into(), convergence_csv(&p.checkpoints)));
    }
    for (name, bytes) in &files {
        staging.write(name, bytes)?;
    }
    let threads = if settings.threads == 0 {
        rayon::current_num_threads()
    } else {
        settings.threads
    };
    let manifest = Manifest {
        info: &info,
        command_line: std::env::args().collect::<Vec<_>>().join(" "),
        threads,
        started_utc: output::date::rfc3339(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        ),
        elapsed_seconds: started.elapsed().as_secs_f64(),
        files: files.into_iter().map(|(name, _)| name).collect(),
    };
    staging.write(output::folder::MANIFEST, &output::manifest_json(&manifest))?;
    let dest = staging.commit()?;

    match args.format {
        Format::Json => {
            super::say(&String::from_utf8_lossy(&summary_json));
        }
        Format::Text if !args.sim.quiet => {
            super::say(&headline_table(&sc, &summary, &settings));
            if let Some(p) = &precision {
                super::say(&precision_table(p));
            }
            super::say(&format!(
                "Outputs written to {}/ in {:.1} s.\n",
                dest.display(),
                started.elapsed().as_secs_f64()
            ));
        }
        Format::Text => {}
    }
    Ok(())
}

/// The terminal table of headline figures.
pub fn headline_table(
    sc: &crate::scenario::Scenario,
    summary: &Summary,
    settings: &RunSettings,
) -> String {
    let total = summary.total();
    let mut rows: Vec<[String; 3]> = Vec::new();
    for h in HEADLINES {
        if let (Some(m), Some(e)) = (summary::metric(h), total.get(h)) {
            rows.push([
                m.label.to_string(),
                format::median_interval(m.unit, e),
                format::mean_error(m.unit, e),
            ]);
        }
    }
    let w0 = rows
        .iter()
        .map(|r| r[0].chars().count())
        .max()
        .unwrap_or(0)
        .min(70);
    let w1 = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    let title = if sc.file.scenario.title.is_empty() {
        sc.name()
    } else {
        &sc.file.scenario.title
    };
    out.push_str(&format!(
        "{title}\n{} iterations, seed {}, horizon {} days\n\n",
        settings.iterations,
        settings.seed,
        sc.horizon()
    ));
    out.push_str(&format!(
        "{:w0$}  {:w1$}  {}\n",
        "Figure (all districts)", "Median (90% interval)", "Mean ± MC error"
    ));
    for r in rows {
        let label: String = r[0].chars().take(w0).collect();
        out.push_str(&format!("{label:w0$}  {:w1$}  {}\n", r[1], r[2]));
    }
    out.push_str("\nThe interval is the spread across iterations; ± is the Monte Carlo standard error of the mean.\n");
    out
}

/// The file a `--precision` run adds: the running estimates after each block.
pub const CONVERGENCE_FILE: &str = "convergence.csv";

/// How a `--precision` run ended.
pub struct PrecisionOutcome {
    pub target: f64,
    pub max_iterations: u64,
    pub statuses: Vec<FigureStatus>,
    pub checkpoints: Vec<Checkpoint>,
}

/// Runs blocks of iterations until every headline figure's relative Monte Carlo
/// error is at most `target`, or `max` iterations.
fn run_to_precision(
    sc: &crate::scenario::Scenario,
    settings: &RunSettings,
    target: f64,
    max: u64,
    tick: &(dyn Fn() + Sync),
    bar: &Option<indicatif::ProgressBar>,
) -> Result<
    (
        Vec<crate::model::results::IterationResult>,
        PrecisionOutcome,
    ),
    CliError,
> {
    let mut iterations = Vec::new();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); HEADLINES.len()];
    let mut statuses: Vec<FigureStatus> = Vec::new();
    let mut checkpoints = Vec::new();
    loop {
        let done = iterations.len() as u64;
        let count = convergence::next_block(done, &statuses, max);
        if count == 0 {
            break;
        }
        if let Some(b) = bar {
            b.set_length(done + count);
        }
        let block = engine::run_range(sc, settings, done, count, tick)?;
        for (all, new) in values
            .iter_mut()
            .zip(summary::total_values(&block, HEADLINES, sc))
        {
            all.extend(new);
        }
        iterations.extend(block);
        statuses = HEADLINES
            .iter()
            .zip(&values)
            .map(|(h, v)| convergence::status(h, v, target))
            .collect();
        checkpoints.extend(statuses.iter().map(Checkpoint::from_status));
        if statuses.iter().all(|s| s.converged) {
            break;
        }
    }
    Ok((
        iterations,
        PrecisionOutcome {
            target,
            max_iterations: max,
            statuses,
            checkpoints,
        },
    ))
}

/// `convergence.csv`: each headline figure's running mean and 95% band after each block.
pub fn convergence_csv(checkpoints: &[Checkpoint]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["iterations", "metric", "mean", "mc_se", "ci_low", "ci_high"]);
    for c in checkpoints {
        let _ = w.write_record([
            c.iterations.to_string(),
            c.metric.clone(),
            c.mean.to_string(),
            c.mc_se.to_string(),
            c.ci_low.to_string(),
            c.ci_high.to_string(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// The status of each headline figure after a `--precision` run.
pub fn precision_table(p: &PrecisionOutcome) -> String {
    let n = p.statuses.first().map_or(0, |s| s.iterations);
    let all = p.statuses.iter().all(|s| s.converged);
    let mut out = format!(
        "\nPrecision target: Monte Carlo error at most {} of each figure's mean. {}\n",
        format::value("share", p.target),
        if all {
            format!(
                "Every figure reached it after {} iterations.",
                format::thousands(n as f64)
            )
        } else {
            format!(
                "Stopped at {} iterations (the most allowed is {}).",
                format::thousands(n as f64),
                format::thousands(p.max_iterations as f64)
            )
        }
    );
    for s in &p.statuses {
        let Some(m) = summary::metric(&s.metric) else {
            continue;
        };
        let label: String = m.label.chars().take(58).collect();
        let state = match (s.converged, s.relative_error, s.iterations_needed) {
            (true, None, _) => "converged (zero in every iteration)".to_string(),
            (true, Some(r), _) => format!(
                "converged (error {} of the mean)",
                format::value("share", r)
            ),
            (false, Some(r), Some(k)) => format!(
                "not yet: error {} of the mean; about {} more iterations",
                format::value("share", r),
                format::thousands(k.saturating_sub(s.iterations) as f64)
            ),
            _ => "not yet: the mean is zero but the values vary, so no relative error".to_string(),
        };
        out.push_str(&format!("  {label:58}  {state}\n"));
    }
    out
}
