//! The command line: one file per subcommand.
//!
//! Exit codes: 0 success; 1 a failure while running; 2 bad input or usage (a scenario
//! that does not load, an unusable output folder, a bad option, a run too large for the
//! memory); 130 a run interrupted by Ctrl-C or SIGTERM.

pub mod interrupt;
pub mod run;
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
    };
    match result {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("{}", f.message.trim_end());
            f.code
        }
    }
}
