//! `burden merge DIR... --out DIR`: joins the shards of a sweep or a sensitivity run
//! (`--shard i/N`) into the files one run writes.

use std::path::PathBuf;

use clap::Args;

use super::CliError;
use super::options::district_scope;
use crate::analysis::sensitivity::{self, Samples};
use crate::analysis::sweep::SweepResult;
use crate::engine::RunSettings;
use crate::output::folder::{MANIFEST, Staging};
use crate::output::manifest::{Provenance, ScenarioRecord};
use crate::output::shard::{Part, SHARD_FILE, ShardFile, check_set, points_from, samples_from};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The output folders of every shard of one run (`sweep` or `sensitivity --shard I/N`), in any order.
    #[arg(required = true, value_name = "DIR")]
    pub shards: Vec<PathBuf>,
    /// Output folder of the merged run.
    #[arg(long, short = 'o', required = true)]
    pub out: PathBuf,
    /// Write into an output folder that holds other files (they are left alone).
    #[arg(long)]
    pub force: bool,
    /// No table.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// A shard folder's part file, or a usage error saying what the folder lacks.
fn read(dir: &std::path::Path) -> Result<ShardFile, CliError> {
    let shown = dir.display();
    let path = dir.join(SHARD_FILE);
    let bytes = std::fs::read(&path).map_err(|_| {
        CliError::usage(format!(
            "{shown} holds no {SHARD_FILE}\n  = help: give the folders written by sweep or sensitivity --shard I/N"
        ))
    })?;
    if !dir.join(MANIFEST).exists() {
        return Err(CliError::usage(format!(
            "{shown} is unfinished (it has no {MANIFEST}): run that shard again"
        )));
    }
    serde_json::from_slice(&bytes).map_err(|e| {
        CliError::usage(format!(
            "{}: not a shard file ({e})\n  = help: give the folders written by sweep or sensitivity --shard I/N",
            path.display()
        ))
    })
}

pub fn merge(args: MergeArgs) -> Result<(), CliError> {
    let mut shards = Vec::new();
    for dir in &args.shards {
        shards.push((dir.display().to_string(), read(dir)?));
    }
    let shards = check_set(shards).map_err(CliError::Usage)?;
    let (first_dir, first) = &shards[0];
    let sc = (first.scenario.load())
        .map_err(|e| CliError::usage(format!("{first_dir}/{SHARD_FILE}: {e}")))?;
    let mut settings = RunSettings::from_scenario(&sc);
    settings.seed = first.seed;
    settings.iterations = first.iterations;
    let command = first.command();
    let files = match first.part {
        Part::Sweep { .. } => super::sweep::FILES,
        Part::Sensitivity { .. } => super::sensitivity::FILES,
    };
    let staging = Staging::begin(&args.out, files, args.force)?;
    let mut provenance = Provenance::start(command, settings.seed, settings.iterations, 0);
    provenance.scenarios = vec![ScenarioRecord::new(sc.name(), &sc)];
    provenance.reproduce = first.reproduce.clone();
    provenance.merged_shards = shards.iter().map(|(d, _)| d.clone()).collect();
    let damaged = |dir: &str, e: String| CliError::usage(format!("{dir}/{SHARD_FILE}: {e}"));
    match &first.part {
        Part::Sweep { keys, .. } => {
            let mut points = Vec::new();
            for (dir, f) in &shards {
                if let Part::Sweep { points: p, .. } = &f.part {
                    points.extend(points_from(p).map_err(|e| damaged(dir, e))?);
                }
            }
            let result = SweepResult {
                base: sc,
                keys: keys.clone(),
                points,
                settings,
            };
            super::write_result(&result, staging, &provenance, args.quiet, true)
        }
        Part::Sensitivity {
            bootstrap,
            district,
            ..
        } => {
            let mut all: Option<Samples> = None;
            for (dir, f) in &shards {
                if let Part::Sensitivity {
                    inputs, outcomes, ..
                } = &f.part
                {
                    let s = samples_from(inputs, outcomes).map_err(|e| damaged(dir, e))?;
                    match &mut all {
                        None => all = Some(s),
                        Some(a) => a.append(s).map_err(|e| damaged(dir, e))?,
                    }
                }
            }
            let samples = all.ok_or_else(|| CliError::usage("no shard holds samples"))?;
            let scope = district_scope(&sc, district.as_deref())?;
            let result = sensitivity::from_samples(sc, &settings, *bootstrap, scope, &samples);
            super::write_result(&result, staging, &provenance, args.quiet, true)
        }
    }
}
