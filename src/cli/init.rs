//! `burden init NAME [--from SCENARIO]`: write a new scenario file to edit.
//!
//! Without `--from`, the file is the built-in Ranam 2020 scenario with a comment on
//! every key (`init_template.toml`); with it, a copy of a shipped scenario or a file.
//! Either way only the `[scenario] name` changes (to NAME's stem), so the copy gives
//! the same results as its source until it is edited.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, say};
use crate::scenario;
use crate::scenario::template::{rename, schema_line, source, strip_schema_line, target};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
  burden init ranam-state-pays                      writes ranam-state-pays.toml, every key explained\n  \
  burden init hyesan-copy --from hyesan-2012        copies a shipped scenario\n  \
  burden init studies/mine.toml --from old.toml     copies a file to a path")]
pub struct InitArgs {
    /// Name of the new scenario: writes NAME.toml in this folder (or the path, if NAME ends in .toml).
    pub name: String,
    /// Start from this shipped scenario (for example `hyesan-2012`) or scenario file instead of the commented Ranam 2020 template.
    #[arg(long, value_name = "SCENARIO")]
    pub from: Option<String>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn init(args: InitArgs) -> Result<(), CliError> {
    let (path, name) = target(&args.name).map_err(CliError::Usage)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(CliError::usage(format!(
            "the folder {} does not exist; create it first or choose another path",
            folder.display()
        )));
    }
    if path.is_dir() {
        return Err(CliError::usage(format!(
            "{} is a folder; give the name of a file to write, for example {}",
            path.display(),
            path.join("scenario.toml").display()
        )));
    }
    if path.exists() && !args.force {
        return Err(CliError::usage(format!(
            "{} already exists; choose another name, or add --force to overwrite it",
            path.display()
        )));
    }

    // The path as the shell needs it in the commands we suggest (`'my study.toml'`).
    let quoted = shell_words::quote(&path.display().to_string()).into_owned();
    let (origin, text) = source(args.from.as_deref()).map_err(CliError::Usage)?;
    let sc = scenario::load_str(&origin, &text).map_err(|e| CliError::Scenario {
        error: e.into(),
        note: "\nthe scenario to copy has errors; fix them first (`burden validate` shows them) or copy another".into(),
    })?;
    let renamed = rename(&sc, &text, &name);
    let body = strip_schema_line(&renamed);
    let mut out = String::new();
    if let Some(line) = schema_line(&folder) {
        out.push_str(&line);
        out.push('\n');
    }
    if args.from.is_some() {
        out.push_str(&format!(
            "# Copied from {origin} by `burden init`; only the name was changed.\n\
             # Change what you want to test, then: burden validate {p} && burden run {p}\n#\n",
            p = quoted
        ));
    }
    out.push_str(body);

    write(&path, out.as_bytes(), args.force)?;
    let written = scenario::load_path(&path).map_err(|e| {
        CliError::running(format!(
            "burden init wrote {} but it does not load, which is a bug in burden; please report it:\n{e}",
            path.display()
        ))
    })?;
    if written.name() != name {
        return Err(CliError::running(format!(
            "burden init wrote {} with the name \"{}\" instead of \"{name}\", which is a bug in burden; please report it",
            path.display(),
            written.name()
        )));
    }
    say(&format!(
        "wrote {} (scenario \"{name}\", from {origin})\nnext: edit it, then\n  burden validate {p}\n  burden run {p}\n",
        path.display(),
        p = quoted
    ));
    Ok(())
}

fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    crate::output::folder::write_file(path, bytes, force).map_err(|e| {
        CliError::usage(format!(
            "cannot write {}: {e}; check that the folder is writable",
            path.display()
        ))
    })
}
