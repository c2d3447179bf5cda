//! The command line: one file per subcommand.
//!
//! Exit codes: 0 success; otherwise the code of the [`CliError`] (1 a failure while
//! running; 2 bad input or usage); 130 a command interrupted by Ctrl-C (SIGINT), 143 by
//! SIGTERM (nothing half-written is left: see [`interrupt`]).

pub mod compare;
pub mod completions;
pub mod discover;
pub mod error;
pub mod explain;
pub mod init;
pub mod interrupt;
pub mod man;
pub mod merge;
pub mod options;
pub mod run;
pub mod schema;
pub mod sensitivity;
pub mod serve;
pub mod sweep;
pub mod terminal;
pub mod validate;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use terminal::{
    Progress, print_stdout, say, write_outputs, write_result, write_shard, written,
};

use crate::scenario::overrides::{self, Override};
use crate::scenario::{self, LoadError, Scenario};

pub use error::CliError;

/// A Monte Carlo simulator of the food strain that amnesty releases put on the residents ordered to keep them.
#[derive(Debug, Parser)]
#[command(name = "burden", version = version_text(), about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Change one input without editing the file, by its dotted path as the report names it
    /// (repeatable): --set release.total=7000, --set 'levy.resident_share=0.2 to 0.6' (a range),
    /// --set 'levy.resident_share={ uniform = [0, 0.3] }' (a range from 0), --set
    /// district.Ranam.population=90000. Recorded in the outputs' manifest.
    #[arg(long = "set", global = true, value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario (the built-in Ranam 2020 scenario if no file is given) and write its outputs.
    Run(run::RunArgs),
    /// Check scenario files without running them.
    Validate(validate::ValidateArgs),
    /// Run scenarios on the same random numbers and report paired differences (B − A).
    Compare(compare::CompareArgs),
    /// List every uncertain input with its percentiles and a small histogram, before running.
    Explain(explain::ExplainArgs),
    /// Rank the uncertain inputs by how much of each headline figure's variance they explain.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Find which combinations of the uncertain inputs make an outcome happen (PRIM boxes, in a sentence).
    Discover(discover::DiscoverArgs),
    /// Run a scenario at each value of swept inputs (--set KEY=FROM..TO:STEP or A,B,C) on common random numbers.
    Sweep(sweep::SweepArgs),
    /// Open a local page to change inputs, run, compare and sweep, and download the results.
    Serve(serve::ServeArgs),
    /// Join the output folders of a sweep's or a sensitivity run's shards (--shard I/N) into one run's files.
    Merge(merge::MergeArgs),
    /// Write a new scenario file to edit, with every key explained (or a copy of another scenario).
    Init(init::InitArgs),
    /// Print the JSON Schema of scenario files, for editors to check and complete them.
    Schema(schema::SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), of burden or one of its commands.
    Man(man::ManArgs),
}

/// What `--version` prints after the program's name: `0.1.0 (scenario format 1)`.
pub fn version_text() -> &'static str {
    static TEXT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{} (scenario format {})",
            env!("CARGO_PKG_VERSION"),
            scenario::FORMAT_VERSION
        )
    });
    TEXT.as_str()
}

/// Loads the scenario a command names (a file or a shipped scenario's name), or the
/// built-in default, applies the `--set` changes and prints its warnings.
pub fn load_scenario(path: Option<&PathBuf>, sets: &[String]) -> Result<Scenario, CliError> {
    let base = match path {
        Some(p) => scenario::load_arg(p)?,
        None => scenario::load_str(scenario::DEFAULT_ORIGIN, scenario::DEFAULT_SCENARIO)
            .map_err(LoadError::from)?,
    };
    let sc = with_overrides(base, sets)?;
    for w in &sc.warnings {
        eprint!("{w}");
    }
    Ok(sc)
}

/// The scenario with `--set KEY=VALUE` changes applied and checked like a file.
/// Its `sha256` stays the file's, and `overrides` records the changes.
pub fn with_overrides(base: Scenario, sets: &[String]) -> Result<Scenario, CliError> {
    with_overrides_as(base, sets, "--set")
}

/// [`with_overrides`] for changes given by the option `flag` (such as `--set-on B`),
/// which its messages name.
pub fn with_overrides_as(
    base: Scenario,
    sets: &[String],
    flag: &str,
) -> Result<Scenario, CliError> {
    if sets.is_empty() {
        return Ok(base);
    }
    let wanted = sets
        .iter()
        .map(|s| Override::parse(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CliError::usage)?;
    let inputs: Vec<&str> = base.inputs.iter().map(|i| i.path.as_str()).collect();
    let (text, applied) =
        overrides::apply(&base.text, &inputs, &wanted, flag).map_err(CliError::usage)?;
    let listed = applied
        .iter()
        .map(|o| format!("{flag} {o}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut sc = scenario::load_str(&base.origin, &text).map_err(|e| CliError::Scenario {
        error: e.into(),
        note: format!(
            "\n  = note: these lines are the scenario after {listed}; fix the value given to {flag}"
        ),
    })?;
    sc.sha256 = base.sha256;
    sc.overrides = applied.iter().map(|o| o.to_string()).collect();
    Ok(sc)
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    interrupt::install();
    let result = match cli.command {
        Command::Run(a) => run::run(a, &cli.set),
        Command::Validate(a) => validate::validate(a, &cli.set),
        Command::Compare(a) => compare::compare(a, &cli.set),
        Command::Explain(a) => explain::explain(a, &cli.set),
        Command::Sensitivity(a) => sensitivity::sensitivity(a, &cli.set),
        Command::Sweep(a) => sweep::sweep(a, &cli.set),
        Command::Serve(a) => serve::serve(a, &cli.set),
        Command::Discover(a) => discover::discover(a, &cli.set),
        Command::Merge(a) => merge::merge(a),
        Command::Init(a) => init::init(a),
        Command::Schema(a) => schema::schema(a),
        Command::Completions(a) => completions::completions(a),
        Command::Man(a) => man::man(a),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{}", e.shown());
            e.code()
        }
    }
}
