//! Every way a command can fail, each with the exit code it deserves.
//!
//! `main` prints an error once, as `error: ` and the message; a scenario's
//! diagnostics label themselves (`error:` or `warning:` on each, as a compiler does),
//! so they are printed as they are.

use crate::budget::TooBig;
use crate::charts::ChartError;
use crate::engine::EngineError;
use crate::output::folder::OutputError;
use crate::scenario::LoadError;
use crate::scenario::diagnostic::ScenarioError;

/// Exit code of bad input or usage: a scenario that does not load, an unusable
/// output folder, a bad option, a run too large for the memory.
pub const USAGE: i32 = 2;
/// Exit code of a failure while running.
pub const RUNNING: i32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input or usage, said in words with its fix.
    #[error("{0}")]
    Usage(String),
    /// A scenario that does not load; `note` says where the text came from when it is
    /// not the file as written (after `--set`, or a scenario to copy).
    #[error("{error}{note}")]
    Scenario { error: LoadError, note: String },
    /// A run that would not fit in memory.
    #[error(transparent)]
    TooBig(#[from] TooBig),
    /// The output folder cannot be used, or a file in it cannot be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// A failure while running, said in words.
    #[error("{0}")]
    Running(String),
    /// Stopped by a signal; `code` is [`super::interrupt::INTERRUPTED`] (130) or
    /// [`super::interrupt::TERMINATED`] (143).
    #[error("interrupted")]
    Interrupted { code: i32 },
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::Usage(message.into())
    }

    pub fn running(message: impl Into<String>) -> CliError {
        CliError::Running(message.into())
    }

    /// The process exit code.
    pub fn code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Scenario { .. } | CliError::TooBig(_) => USAGE,
            CliError::Output(OutputError::Unwritable { .. } | OutputError::Foreign { .. }) => USAGE,
            CliError::Output(OutputError::Write { .. })
            | CliError::Engine(_)
            | CliError::Chart(_)
            | CliError::Running(_) => RUNNING,
            CliError::Interrupted { code } => *code,
        }
    }

    /// What `main` prints: the message after one `error: ` prefix, or a scenario's
    /// diagnostics as they are (each already says `error:` or `warning:`).
    pub fn shown(&self) -> String {
        let text = self.to_string();
        let text = text.trim_end();
        match self {
            CliError::Scenario {
                error: LoadError::Invalid(_),
                ..
            } => text.to_string(),
            _ => format!("error: {text}"),
        }
    }
}

impl From<LoadError> for CliError {
    fn from(error: LoadError) -> CliError {
        CliError::Scenario {
            error,
            note: String::new(),
        }
    }
}

impl From<ScenarioError> for CliError {
    fn from(error: ScenarioError) -> CliError {
        LoadError::from(error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_printed_once() {
        assert_eq!(
            CliError::usage("compare needs at least two scenarios").shown(),
            "error: compare needs at least two scenarios"
        );
        let too_big = TooBig {
            message: "this run would need about 2 GB".into(),
            help: "use fewer iterations".into(),
        };
        let shown = CliError::from(too_big).shown();
        assert_eq!(shown.matches("error:").count(), 1, "{shown}");
    }

    #[test]
    fn each_kind_has_its_exit_code() {
        assert_eq!(CliError::usage("x").code(), 2);
        assert_eq!(CliError::running("x").code(), 1);
        let code = super::super::interrupt::TERMINATED;
        assert_eq!(CliError::Interrupted { code }.code(), 143);
    }
}
