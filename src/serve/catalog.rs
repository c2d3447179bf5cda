//! The scenarios the page offers, listed once when the server starts: the files and
//! folders given on the command line, the shipped scenarios, and the `.toml` files in
//! `./scenarios`. A request names a scenario by its index in this list, never by a
//! path, so the server reads no file it was not given or did not find.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::CliError;
use crate::scenario::{self, LoadError, Scenario};

/// The folder searched for scenario files, relative to where the server starts.
const SCENARIOS_DIR: &str = "scenarios";
/// The scenario the page opens on when none is given.
const DEFAULT_NAME: &str = "ranam-2020";

#[derive(Debug, Clone)]
enum Origin {
    Shipped(&'static str, &'static str),
    File(PathBuf),
}

/// One scenario of the list, as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: usize,
    /// The file name without `.toml`, or the shipped scenario's name.
    pub name: String,
    /// Where it comes from: "shipped" or the file's path.
    pub from: String,
    #[serde(skip)]
    origin: Origin,
}

/// The scenarios a server may read, and the one the page opens on.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub scenarios: Vec<Entry>,
    pub default: usize,
}

impl Catalog {
    /// Lists the scenarios: each path given is a scenario file, a folder (its `.toml`
    /// files) or a shipped scenario's name; then every shipped scenario; then the
    /// `.toml` files in `./scenarios` that are not a shipped scenario's own copy.
    pub fn build(paths: &[PathBuf]) -> Result<Catalog, CliError> {
        let mut origins = Vec::new();
        for p in paths {
            if p.is_dir() {
                origins.extend(toml_files(p)?.into_iter().map(Origin::File));
                continue;
            }
            match scenario::shipped::resolve(p) {
                Some(scenario::Source::File(f)) => origins.push(Origin::File(f)),
                Some(scenario::Source::Shipped(n, t)) => origins.push(Origin::Shipped(n, t)),
                None => {
                    return Err(LoadError::Unknown {
                        path: p.display().to_string(),
                        shipped: scenario::shipped_names().join(", "),
                    }
                    .into());
                }
            }
        }
        let given = origins.len();
        for name in scenario::shipped_names() {
            if let Some(text) = scenario::shipped(name) {
                origins.push(Origin::Shipped(name, text));
            }
        }
        let local = Path::new(SCENARIOS_DIR);
        if local.is_dir() {
            for f in toml_files(local)? {
                let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                let copy = scenario::shipped(stem)
                    .is_some_and(|t| std::fs::read_to_string(&f).is_ok_and(|own| own == t));
                if !copy {
                    origins.push(Origin::File(f));
                }
            }
        }
        let mut scenarios: Vec<Entry> = Vec::new();
        for origin in origins {
            let (name, from) = match &origin {
                Origin::Shipped(n, _) => (n.to_string(), "shipped".to_string()),
                Origin::File(f) => (
                    f.file_stem()
                        .map_or_else(|| f.display().to_string(), |s| s.to_string_lossy().into()),
                    f.display().to_string(),
                ),
            };
            // The same file given twice, or given and found, is listed once.
            if scenarios.iter().any(|e| e.from == from && e.name == name) {
                continue;
            }
            scenarios.push(Entry {
                id: scenarios.len(),
                name,
                from,
                origin,
            });
        }
        let default = if given > 0 {
            0
        } else {
            scenarios
                .iter()
                .position(|e| e.name == DEFAULT_NAME)
                .unwrap_or(0)
        };
        Ok(Catalog { scenarios, default })
    }

    /// Reads and checks scenario `id`: a file is read again, so edits made to it while
    /// the server runs are seen. `None` when there is no such scenario.
    pub fn load(&self, id: usize) -> Option<Result<Scenario, CliError>> {
        let entry = self.scenarios.get(id)?;
        Some(match &entry.origin {
            Origin::Shipped(name, text) => {
                scenario::load_str(name, text).map_err(|e| LoadError::from(e).into())
            }
            Origin::File(path) => scenario::load_path(path).map_err(CliError::from),
        })
    }
}

/// The `.toml` files of a folder, in name order.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        CliError::usage(format!(
            "cannot list the scenario folder {}: {e}\n  = help: give scenario files, or a folder that holds them",
            dir.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_opens_on_ranam_and_lists_every_shipped_scenario() {
        let c = Catalog::build(&[]).expect("the list builds");
        assert_eq!(c.scenarios[c.default].name, "ranam-2020");
        for name in scenario::shipped_names() {
            assert!(c.scenarios.iter().any(|e| e.name == name), "{name}");
        }
        assert!(c.load(c.scenarios.len()).is_none());
    }

    #[test]
    fn a_given_file_comes_first_and_a_broken_one_loads_to_its_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("broken.toml");
        std::fs::write(&path, "[scenario\nname = 1\n").expect("written");
        let c = Catalog::build(&[dir.path().to_path_buf()]).expect("the list builds");
        assert_eq!((c.default, c.scenarios[0].name.as_str()), (0, "broken"));
        let Some(Err(e)) = c.load(0) else {
            panic!("a broken file must not load");
        };
        assert!(e.shown().contains("broken.toml:1:"), "{}", e.shown());
    }
}
