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
pub mod validate;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
        overrides::apply(&base.text, &inputs, &wanted).map_err(CliError::usage)?;
    let listed = applied
        .iter()
        .map(|o| format!("--set {o}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut sc = scenario::load_str(&base.origin, &text).map_err(|e| CliError::Scenario {
        error: e.into(),
        note: format!(
            "\n  = note: these lines are the scenario after {listed}; fix the value given to --set"
        ),
    })?;
    sc.sha256 = base.sha256;
    sc.overrides = applied.iter().map(|o| o.to_string()).collect();
    Ok(sc)
}

/// A progress bar on a terminal (none when quiet or when stderr is not a terminal).
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(total: u64, message: &str, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        Progress((!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} iterations, {eta} left",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.set_message(message.to_string());
            b
        }))
    }

    /// One more iteration done.
    pub fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// The total changed (a `--precision` run plans block by block).
    pub fn set_total(&self, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// The last line of every command that writes: where, how long, what to open first.
pub fn written(dest: &std::path::Path, elapsed: std::time::Duration) -> String {
    format!(
        "Outputs written to {d}/ in {:.1} s. Open {d}/report.html first.\n",
        elapsed.as_secs_f64(),
        d = dest.display()
    )
}

/// Writes a command's files (its data files, then its charts and report, the manifest
/// last) and, unless quiet, prints `terminal` and where the files went.
pub fn write_outputs(
    staging: crate::output::folder::Staging,
    provenance: &crate::output::manifest::Provenance,
    data: Vec<(&str, Vec<u8>)>,
    charts: Option<&[crate::charts::Chart]>,
    report: &crate::report::Report,
    terminal: Option<String>,
) -> Result<(), CliError> {
    let mut files = crate::output::files::Files::new();
    for (name, bytes) in data {
        files.add(name, bytes);
    }
    files.charts(charts.unwrap_or_default());
    files.report(report);
    let dest = files.commit(staging, provenance)?;
    if let Some(text) = terminal {
        say(&text);
        say(&written(&dest, provenance.started.elapsed()));
    }
    Ok(())
}

/// Writes a shard's folder and, unless quiet, says how to merge it.
pub fn write_shard(
    file: &crate::output::shard::ShardFile,
    staging: crate::output::folder::Staging,
    provenance: &crate::output::manifest::Provenance,
    quiet: bool,
) -> Result<(), CliError> {
    let dest = crate::output::shard::write(file, staging, provenance)?;
    if !quiet {
        say(&format!(
            "Shard {} written to {}/ in {:.1} s. When all {} are done: burden merge FOLDER... --out FOLDER\n",
            file.shard(),
            dest.display(),
            provenance.started.elapsed().as_secs_f64(),
            file.count
        ));
    }
    Ok(())
}

/// Writes generated text to standard output. A reader that stops early (`| head`)
/// is not an error.
pub fn print_stdout(bytes: &[u8]) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::running(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes to standard output; a reader that has gone away (`burden run | head`) is not an error.
pub fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
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
