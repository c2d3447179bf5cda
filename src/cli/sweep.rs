//! `burden sweep [FILE] --set KEY=LIST_OR_RANGE`: headline figures against swept inputs.

use std::path::PathBuf;

use clap::Args;

use super::options::{check_memory, shard_layout};
use super::{CliError, Progress, load_scenario, with_overrides, write_result, write_shard};
use crate::analysis::shard::Shard;
use crate::analysis::sweep::{self, MAX_POINTS, grid};
use crate::output::CHARTS_DIR;
use crate::output::folder::MANIFEST;
use crate::output::reproduce::Reproduce;
use crate::output::shard::{Part, SHARD_FORMAT, ScenarioText, ShardFile, sweep_points};

/// The files `sweep` writes.
pub const FILES: &[&str] = &[
    "sweep.csv",
    "summary.json",
    "report.html",
    "report.md",
    CHARTS_DIR,
    MANIFEST,
];

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// Scenario file (TOML) or a shipped scenario's name (hyesan-2012). Without one, the built-in Ranam 2020 scenario. Give the
    /// swept inputs with --set KEY=FROM..TO:STEP or --set KEY=A,B,C (several make a grid).
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
    /// Run only shard I of N (numbered from 1): a block of the points, written to its own
    /// folder for `burden merge` to join.
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
}

pub fn sweep(args: SweepArgs, sets: &[String]) -> Result<(), CliError> {
    let axes = sweep::axes(sets).map_err(CliError::Usage)?;
    if !axes.iter().any(|(_, v)| v.len() > 1) {
        return Err(CliError::usage(
            "sweep needs at least one --set with several values\n  = help: for example --set release.total=1000..10000:1000 or --set levy.resident_share=0,0.5,1",
        ));
    }
    let points = grid(&axes);
    if points.len() > MAX_POINTS {
        return Err(CliError::usage(format!(
            "the sweep has {} points; at most {MAX_POINTS} are allowed (each point is a full run)",
            points.len()
        )));
    }
    let base = load_scenario(args.scenario.as_ref(), &[])?;
    let settings = args.sim.settings(&base);
    // Check every point before running any, so a bad value fails at once.
    let mut runs = Vec::new();
    for p in points {
        let sc = with_overrides(base.clone(), &p)?;
        // The points run one after another; each keeps only its figures' estimates.
        check_memory(&sc, &settings, 1.0, 0, 0)?;
        runs.push((p, sc));
    }
    let (changes, files) = shard_layout(sets.to_vec(), args.shard, FILES);
    let (staging, mut provenance) = args.sim.begin("sweep", &base, &settings, files, &changes)?;
    provenance.reproduce = Reproduce::new("sweep")
        .scenario(&base)
        .options("set", sets)
        .seeded(&settings)
        .line();
    provenance.shard = args.shard.map(|s| s.to_string());
    let total_points = runs.len() as u64;
    let block = args.shard.map_or(0..total_points, |s| s.part(total_points));
    let runs: Vec<_> = (runs.into_iter())
        .skip(block.start as usize)
        .take((block.end - block.start) as usize)
        .collect();

    let progress = Progress::new(
        settings.iterations * runs.len() as u64,
        &format!("sweeping {}", base.name()),
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let keys = axes.into_iter().map(|(k, _)| k).collect();
    let result = sweep::run(base, keys, runs, &settings, &tick)?;
    progress.finish();
    match args.shard {
        Some(shard) => {
            let file = ShardFile {
                format: SHARD_FORMAT,
                index: shard.index,
                count: shard.count,
                scenario: ScenarioText::of(&result.base),
                seed: settings.seed,
                iterations: settings.iterations,
                options: sets.to_vec(),
                reproduce: provenance.reproduce.clone(),
                part: Part::Sweep {
                    keys: result.keys.clone(),
                    total_points,
                    first_point: block.start,
                    points: sweep_points(&result.points),
                },
            };
            write_shard(&file, staging, &provenance, args.sim.quiet)
        }
        None => write_result(
            &result,
            staging,
            &provenance,
            args.sim.quiet,
            !args.sim.no_charts,
        ),
    }
}
