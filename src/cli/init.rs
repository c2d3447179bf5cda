//! `burden init NAME [--from SCENARIO]`: write a new scenario file to edit.
//!
//! Without `--from`, the file is the built-in Ranam 2020 scenario with a comment on
//! every key (`init_template.toml`); with it, a copy of a shipped scenario or a file.
//! Either way only the `[scenario] name` changes (to NAME's stem), so the copy gives
//! the same results as its source until it is edited.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, say};
use crate::scenario::{self, Scenario};

/// The commented template: the Ranam 2020 scenario with every key explained.
pub const TEMPLATE: &str = include_str!("init_template.toml");

/// Where the committed schema sits in a source checkout, for the `#:schema` line.
const SCHEMA_IN_CHECKOUT: &str = "docs/scenario.schema.json";

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
    let (path, name) = target(&args.name)?;
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

    let (origin, text) = source(args.from.as_deref())?;
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
            p = path.display()
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
        p = path.display()
    ));
    Ok(())
}

/// The file to write and the scenario name (the file's stem).
fn target(name: &str) -> Result<(PathBuf, String), CliError> {
    let given = PathBuf::from(name);
    let path = if given
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        given
    } else {
        PathBuf::from(format!("{name}.toml"))
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if !scenario::valid_name(&stem) {
        return Err(CliError::usage(format!(
            "\"{stem}\" cannot be a scenario name, because it names the output folder; \
             use letters, digits, '-', '_' or '.', for example `burden init ranam-state-pays`"
        )));
    }
    Ok((path, stem))
}

/// The text to start from, and how to name it in messages.
fn source(from: Option<&str>) -> Result<(String, String), CliError> {
    let Some(from) = from else {
        return Ok((
            "the built-in Ranam 2020 scenario, with comments".into(),
            TEMPLATE.into(),
        ));
    };
    let shipped = scenario::shipped_names().join(", ");
    let looks_like_path = from.contains(['/', '\\'])
        || Path::new(from)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if looks_like_path {
        let bytes = std::fs::read(from).map_err(|e| {
            CliError::usage(format!(
                "cannot read {from}: {e}; give the path to a scenario file, or the name of a shipped scenario ({shipped})"
            ))
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            CliError::usage(format!(
                "{from} is not UTF-8 text; save it as UTF-8 and try again"
            ))
        })?;
        return Ok((from.to_string(), text));
    }
    match scenario::shipped(from) {
        Some(text) => Ok((format!("the shipped scenario {from}"), text.to_string())),
        None => Err(CliError::usage(format!(
            "there is no shipped scenario called \"{from}\"; choose one of {shipped}, \
             or give the path to a scenario file ending in .toml"
        ))),
    }
}

/// The text with its `[scenario] name` replaced; the loader's span points at the
/// quoted value, so nothing else in the file moves.
fn rename(sc: &Scenario, text: &str, name: &str) -> String {
    let span = sc.file.scenario.name.span();
    format!("{}\"{name}\"{}", &text[..span.start], &text[span.end..])
}

/// The text without a leading `#:schema` line, whose relative path would be wrong
/// in the new file's folder.
fn strip_schema_line(text: &str) -> &str {
    if text.starts_with("#:schema") {
        text.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        text
    }
}

/// A `#:schema` line for a file in `folder`, if a source checkout's committed schema
/// is found in it or a folder above it (up to the checkout's root).
fn schema_line(folder: &Path) -> Option<String> {
    let folder = folder.canonicalize().ok()?;
    folder
        .ancestors()
        .take(8)
        .enumerate()
        .find(|(_, dir)| dir.join(SCHEMA_IN_CHECKOUT).is_file())
        .map(|(up, _)| {
            let prefix = if up == 0 {
                "./".to_string()
            } else {
                "../".repeat(up)
            };
            format!("#:schema {prefix}{SCHEMA_IN_CHECKOUT}")
        })
}

fn write(path: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| {
            CliError::usage(format!(
                "cannot write {}: {e}; check that the folder is writable",
                path.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs_json(sc: &Scenario) -> String {
        serde_json::to_string_pretty(&sc.inputs).unwrap_or_default()
    }

    #[test]
    fn the_template_is_the_default_scenario() {
        let template = scenario::load_str("template", TEMPLATE).expect("the template loads");
        let default =
            scenario::load_str("default", scenario::DEFAULT_SCENARIO).expect("the default loads");
        // Same inputs, distributions, sources, grades and domains, in the same order.
        assert_eq!(inputs_json(&template), inputs_json(&default));
        let (t, d) = (&template.file, &default.file);
        assert_eq!(t.scenario.title, d.scenario.title);
        assert_eq!(t.scenario.description, d.scenario.description);
        assert_eq!(
            t.scenario.start_date.as_ref().map(|s| s.get_ref()),
            d.scenario.start_date.as_ref().map(|s| s.get_ref())
        );
        assert_eq!(
            t.scenario.horizon_days.get_ref(),
            d.scenario.horizon_days.get_ref()
        );
        assert_eq!(
            t.scenario.iterations.get_ref(),
            d.scenario.iterations.get_ref()
        );
        assert_eq!(t.scenario.seed.get_ref(), d.scenario.seed.get_ref());
        assert_eq!(t.energy.cold_adjustment, d.energy.cold_adjustment);
        assert_eq!(
            t.release.allocation.get_ref(),
            d.release.allocation.get_ref()
        );
        assert_eq!(t.levy.falls_on.get_ref(), d.levy.falls_on.get_ref());
        assert_eq!(
            t.engine.unit_sample.get_ref(),
            d.engine.unit_sample.get_ref()
        );
        assert_eq!(
            t.engine.household_sample.get_ref(),
            d.engine.household_sample.get_ref()
        );
        let waves = |f: &scenario::ScenarioFile| -> Vec<(i64, Option<String>)> {
            f.release
                .wave
                .iter()
                .map(|w| (*w.get_ref().day.get_ref(), w.get_ref().date.clone()))
                .collect()
        };
        assert_eq!(waves(t), waves(d));
        let items = |f: &scenario::ScenarioFile| -> Vec<(String, String)> {
            f.package
                .item
                .iter()
                .map(|i| (i.get_ref().name.clone(), i.get_ref().unit.clone()))
                .collect()
        };
        assert_eq!(items(t), items(d));
        assert_eq!(template.district_names(), default.district_names());
        for di in 0..d.district.len() {
            assert_eq!(template.group_names(di), default.group_names(di));
            assert_eq!(
                t.district[di].get_ref().border,
                d.district[di].get_ref().border
            );
        }
    }

    #[test]
    fn every_key_is_explained_in_the_template() {
        for (path, _) in scenario::schema::keys() {
            let key = path.rsplit('.').next().unwrap_or(&path);
            let written = TEMPLATE.lines().any(|l| {
                let l = l.trim_start_matches(['#', ' ']);
                l.starts_with(&format!("{key} ="))
                    || l.starts_with(&format!("{key}:"))
                    || l.starts_with(&format!("[{key}]"))
                    || l.starts_with(&format!("[[{key}]]"))
                    || l.contains(&format!("[[{path}]]"))
                    || l.contains(&format!("[{path}]"))
                    || l.contains(&format!("[[{path}."))
            });
            assert!(written, "the template does not show `{path}`");
        }
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(
            target("studies/a-b.toml").ok(),
            Some((PathBuf::from("studies/a-b.toml"), "a-b".to_string()))
        );
        assert_eq!(
            target("a-b").ok(),
            Some((PathBuf::from("a-b.toml"), "a-b".to_string()))
        );
        assert!(target("state pays").is_err());
        assert!(target(".hidden").is_err());
    }

    #[test]
    fn only_a_leading_schema_line_is_stripped() {
        assert_eq!(strip_schema_line("#:schema x.json\n[a]\n"), "[a]\n");
        assert_eq!(
            strip_schema_line("# hi\n#:schema x\n"),
            "# hi\n#:schema x\n"
        );
    }
}
