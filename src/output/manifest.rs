//! `manifest.json`: what made a folder's files, written last by every command, so a
//! folder without it is an unfinished run and a figure can be traced to its source.

use serde::Serialize;

use crate::scenario::Scenario;

/// Bumped whenever a metric's definition or a default changes, so that a figure
/// already cited can be traced to the model that made it (see CHANGELOG.md).
pub const MODEL_VERSION: u32 = 3;

/// One scenario that went into the results.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRecord {
    /// How the outputs name it (unique within one command).
    pub label: String,
    pub name: String,
    pub title: String,
    pub file: String,
    /// The exact scenario text's fingerprint (before any `--set`).
    pub sha256: String,
    /// `--set KEY=VALUE` changes applied to the file.
    pub overrides: Vec<String>,
}

impl ScenarioRecord {
    pub fn new(label: &str, sc: &Scenario) -> ScenarioRecord {
        ScenarioRecord {
            label: label.to_string(),
            name: sc.name().to_string(),
            title: sc.file.scenario.title.clone(),
            file: sc.origin.clone(),
            sha256: sc.sha256.clone(),
            overrides: sc.overrides.clone(),
        }
    }
}

/// The manifest of every command.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    /// The version of burden.
    pub version: &'static str,
    /// [`MODEL_VERSION`]: changes when a definition or default changes figures.
    pub model_version: u32,
    /// `run`, `compare`, `sweep` or `sensitivity`.
    pub command: &'static str,
    pub scenarios: Vec<ScenarioRecord>,
    pub seed: u64,
    /// Iterations per scenario (per point for a sweep).
    pub iterations: u64,
    /// A command that gives the same numbers (threads and output folder do not matter).
    pub reproduce: String,
    /// The command line exactly as typed.
    pub command_line: String,
    /// Worker threads used; results do not depend on them.
    pub threads: usize,
    pub started_utc: String,
    pub elapsed_seconds: f64,
    /// Every file written, in the order written (the manifest itself last, unlisted).
    pub files: Vec<String>,
    /// The shard this folder holds (`--shard i/N`), if it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// The shard folders `burden merge` joined into this one, in shard order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged_shards: Vec<String>,
}

/// What a command knows of its run when it writes the manifest.
pub struct Provenance {
    pub command: &'static str,
    pub scenarios: Vec<ScenarioRecord>,
    pub seed: u64,
    pub iterations: u64,
    pub threads: usize,
    pub reproduce: String,
    pub started: std::time::Instant,
    pub started_utc: String,
    /// See [`Manifest::shard`] and [`Manifest::merged_shards`].
    pub shard: Option<String>,
    pub merged_shards: Vec<String>,
}

impl Provenance {
    /// Starts the clock of a command; `threads` 0 means one per core.
    pub fn start(command: &'static str, seed: u64, iterations: u64, threads: usize) -> Provenance {
        let threads = if threads == 0 {
            rayon::current_num_threads()
        } else {
            threads
        };
        Provenance {
            command,
            scenarios: Vec::new(),
            seed,
            iterations,
            threads,
            reproduce: String::new(),
            started: std::time::Instant::now(),
            started_utc: super::date::rfc3339(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
            ),
            shard: None,
            merged_shards: Vec::new(),
        }
    }

    /// The manifest of the files written.
    pub fn manifest(&self, files: Vec<String>) -> Manifest {
        Manifest {
            tool: "burden",
            version: env!("CARGO_PKG_VERSION"),
            model_version: MODEL_VERSION,
            command: self.command,
            scenarios: self.scenarios.clone(),
            seed: self.seed,
            iterations: self.iterations,
            reproduce: self.reproduce.clone(),
            command_line: std::env::args().collect::<Vec<_>>().join(" "),
            threads: self.threads,
            started_utc: self.started_utc.clone(),
            elapsed_seconds: self.started.elapsed().as_secs_f64(),
            files,
            shard: self.shard.clone(),
            merged_shards: self.merged_shards.clone(),
        }
    }
}
