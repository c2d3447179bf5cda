//! `burden sensitivity [FILE]`: which uncertain inputs drive each headline figure.

use std::path::PathBuf;

use clap::Args;

use super::options::{check_memory, district_scope, require_samples, shard_layout};
use super::{CliError, Progress, load_scenario, write_result, write_shard};
use crate::analysis::sensitivity::{self, MIN_ITERATIONS};
use crate::analysis::shard::Shard;
use crate::output::CHARTS_DIR;
use crate::output::folder::MANIFEST;
use crate::output::reproduce::Reproduce;
use crate::output::shard::{Part, SHARD_FORMAT, ScenarioText, ShardFile, sample_columns};

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
    /// Run only shard I of N (numbered from 1): a block of the iterations, written to its
    /// own folder for `burden merge` to join.
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
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
    // Kept per iteration: each input's draw and each headline figure; each thread
    // ranking one input sorts and resamples five columns of the iterations.
    let kept = sc.uncertain_paths().len() + crate::summary::HEADLINES.len();
    check_memory(&sc, &settings, 1.0, kept, 5)?;
    let mut changes = sc.overrides.clone();
    let mut reproduce = Reproduce::new("sensitivity")
        .scenario(&sc)
        .seeded(&settings)
        .option("bootstrap", args.bootstrap);
    if let Some(d) = &args.district {
        changes.push(format!("district={d}"));
        reproduce = reproduce.option("district", d);
    }
    let (changes, files) = shard_layout(changes, args.shard, FILES);
    let (staging, mut provenance) =
        args.sim
            .begin("sensitivity", &sc, &settings, files, &changes)?;
    provenance.reproduce = reproduce.options("set", sets).line();
    provenance.shard = args.shard.map(|s| s.to_string());
    let block = args
        .shard
        .map_or(0..settings.iterations, |s| s.part(settings.iterations));

    let progress = Progress::new(
        block.end - block.start,
        &format!("running {}", sc.name()),
        args.sim.quiet,
    );
    let tick = || progress.tick();
    let samples = sensitivity::sample(&sc, &settings, &scope, block.clone(), &tick)?;
    progress.finish();
    let Some(shard) = args.shard else {
        let result = sensitivity::from_samples(sc, &settings, args.bootstrap, scope, &samples);
        return write_result(
            &result,
            staging,
            &provenance,
            args.sim.quiet,
            !args.sim.no_charts,
        );
    };
    let (inputs, outcomes) = sample_columns(&samples);
    let mut options = vec![format!("bootstrap={}", args.bootstrap)];
    options.extend(args.district.iter().map(|d| format!("district={d}")));
    options.extend(sets.iter().cloned());
    let file = ShardFile {
        format: SHARD_FORMAT,
        index: shard.index,
        count: shard.count,
        scenario: ScenarioText::of(&sc),
        seed: settings.seed,
        iterations: settings.iterations,
        options,
        reproduce: provenance.reproduce.clone(),
        part: Part::Sensitivity {
            bootstrap: args.bootstrap,
            district: args.district.clone(),
            first_iteration: block.start,
            inputs,
            outcomes,
        },
    };
    write_shard(&file, staging, &provenance, args.sim.quiet)
}
