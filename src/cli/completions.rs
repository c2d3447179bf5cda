//! `burden completions SHELL`: print a shell completion script, generated from the
//! command-line definition.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CliError, print_stdout};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
  burden completions bash > ~/.local/share/bash-completion/completions/burden\n  \
  burden completions zsh > ~/.zfunc/_burden   (with fpath+=~/.zfunc in ~/.zshrc)\n  \
  burden completions fish > ~/.config/fish/completions/burden.fish\n  \
  burden completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn completions(args: CompletionsArgs) -> Result<(), CliError> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "burden", &mut out);
    print_stdout(&out)
}
