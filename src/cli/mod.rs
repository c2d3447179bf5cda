//! The command line: one file per subcommand.
//!
//! Exit codes: 0 success; 1 a failure while running; 2 bad input or usage (a scenario
//! that does not load, an unusable output folder, a bad option).

pub mod completions;
pub mod init;
pub mod man;
pub mod run;
pub mod schema;
pub mod validate;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::scenario::{self, LoadError, Scenario};

/// A Monte Carlo simulator of the food strain that amnesty releases put on the residents ordered to keep them.
#[derive(Debug, Parser)]
#[command(name = "burden", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario (the built-in Ranam 2020 scenario if no file is given) and write its outputs.
    Run(run::RunArgs),
    /// Check scenario files without running them.
    Validate(validate::ValidateArgs),
    /// Write a new scenario file to edit, with every key explained (or a copy of another scenario).
    Init(init::InitArgs),
    /// Print the JSON Schema of scenario files, for editors to check and complete them.
    Schema(schema::SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), of burden or one of its commands.
    Man(man::ManArgs),
}

/// A failure with the exit code it deserves.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
    pub fn running(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        Failure::input(e.to_string())
    }
}

/// Loads the scenario at `path`, or the built-in default, printing its warnings.
pub fn load_scenario(path: Option<&PathBuf>) -> Result<Scenario, Failure> {
    let sc = match path {
        Some(p) => scenario::load_path(p)?,
        None => scenario::load_str(scenario::DEFAULT_ORIGIN, scenario::DEFAULT_SCENARIO)
            .map_err(LoadError::from)?,
    };
    for w in &sc.warnings {
        eprint!("{w}");
    }
    Ok(sc)
}

/// Writes generated text to standard output. A reader that stops early (`| head`)
/// is not an error.
pub fn print_stdout(bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::running(format!(
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
    let result = match cli.command {
        Command::Run(a) => run::run(a),
        Command::Validate(a) => validate::validate(a),
        Command::Init(a) => init::init(a),
        Command::Schema(a) => schema::schema(a),
        Command::Completions(a) => completions::completions(a),
        Command::Man(a) => man::man(a),
    };
    match result {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("{}", f.message.trim_end());
            f.code
        }
    }
}
