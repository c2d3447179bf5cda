//! `burden man [COMMAND]`: print a man page (roff), generated from the command-line
//! definition.

use clap::{Args, CommandFactory};

use super::{Cli, CliError, print_stdout};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
  burden man | man -l -          read the page now\n  \
  burden man run > burden-run.1  the page of `burden run`")]
pub struct ManArgs {
    /// A subcommand whose page to print (for example `run`); without it, the page of `burden`.
    pub command: Option<String>,
}

pub fn man(args: ManArgs) -> Result<(), CliError> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .filter(|n| n != "help")
                .collect();
            cmd.get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned()
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "there is no command `{name}`; choose one of: {}",
                        names.join(", ")
                    ))
                })?
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| CliError::running(format!("cannot write the man page: {e}")))?;
    print_stdout(&out)
}
