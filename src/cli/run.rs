//! `burden run [FILE]`: simulate a scenario and write its outputs.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, ValueEnum};

use super::{Failure, load_scenario};
use crate::budget;
use crate::engine::{self, RunSettings};
use crate::format;
use crate::output::{self, DATA_FILES, Manifest, RunInfo, folder::Staging};
use crate::summary::{self, HEADLINES, Summary};

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
    /// Number of iterations (overrides the scenario's).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub iterations: Option<u64>,
    /// Random seed (overrides the scenario's); the same seed gives the same results.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', default_value_t = 0)]
    pub threads: usize,
    /// Output folder (default: output/<scenario name>).
    #[arg(long, short = 'o')]
    pub out: Option<PathBuf>,
    /// Write into an output folder that holds other files (they are left alone).
    #[arg(long)]
    pub force: bool,
    /// No progress bar and no table.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: RunArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let sc = load_scenario(args.scenario.as_ref())?;
    let mut settings = RunSettings::from_scenario(&sc);
    if let Some(n) = args.iterations {
        settings.iterations = n;
    }
    if let Some(s) = args.seed {
        settings.seed = s;
    }
    settings.threads = args.threads;
    let estimate = budget::estimate(&sc, settings.iterations, settings.threads);
    budget::check(
        &estimate,
        settings.iterations,
        sc.horizon(),
        budget::available_memory(),
    )
    .map_err(|e| Failure::input(e.to_string()))?;
    if !args.quiet && estimate.household_days > LONG_RUN_HOUSEHOLD_DAYS {
        eprintln!(
            "note: this run steps about {} household-days; it may take a while (fewer iterations or a shorter horizon_days make it faster)",
            format::thousands(estimate.household_days)
        );
    }
    let dest = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("output").join(sc.name()));
    super::interrupt::install();
    let mut staging =
        Staging::begin(&dest, DATA_FILES, args.force).map_err(|e| Failure::input(e.to_string()))?;

    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
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
    let iterations =
        engine::run(&sc, &settings, &tick).map_err(|e| Failure::running(e.to_string()))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = summary::summarise(&sc, &iterations);

    let info = RunInfo::new(&sc, settings.seed, settings.iterations);
    let write_err = |e: output::folder::OutputError| Failure::running(e.to_string());
    let summary_json = output::summary_json(&sc, &info, &summary);
    staging
        .write("summary.json", &summary_json)
        .map_err(write_err)?;
    staging
        .write("districts.csv", &output::districts_csv(&summary))
        .map_err(write_err)?;
    staging
        .write("timeseries.csv", &output::timeseries_csv(&sc, &summary))
        .map_err(write_err)?;
    staging
        .write(
            "iterations.csv",
            &output::iterations_csv(&sc, &summary, &iterations),
        )
        .map_err(write_err)?;
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
        files: DATA_FILES
            .iter()
            .filter(|f| **f != output::folder::MANIFEST)
            .map(|f| f.to_string())
            .collect(),
    };
    staging
        .write(output::folder::MANIFEST, &output::manifest_json(&manifest))
        .map_err(write_err)?;
    let dest = staging.commit().map_err(write_err)?;

    match args.format {
        Format::Json => {
            print!("{}", String::from_utf8_lossy(&summary_json));
        }
        Format::Text if !args.quiet => {
            print!("{}", headline_table(&sc, &summary, &settings));
            println!(
                "Outputs written to {}/ in {:.1} s.",
                dest.display(),
                started.elapsed().as_secs_f64()
            );
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
