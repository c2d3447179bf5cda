//! Writing a run's files safely.
//!
//! Files go into a hidden temporary folder beside the destination, which is created
//! before any computing (so an unwritable destination is reported at once) and is
//! renamed into place only when every file is written. An interrupted or failed run
//! therefore leaves no folder that looks like a complete result. A destination that
//! holds files `burden` did not make is never touched without `--force`. A rerun
//! replaces only the files it writes and removes only the files the previous
//! manifest lists: a user's file anywhere inside, `charts/` included, is kept.
//!
//! [`default_dest`] names the folder a command writes to when `--out` is not given,
//! so that each command, scenario and set of changes has its own.
//!
//! Every unfinished temporary folder is listed process-wide, so that an interrupt
//! handler can remove them with [`abandon_all`] before the process exits. Writing,
//! committing and abandoning all hold the list's lock, so an interrupt never races a
//! rename: it either comes before (nothing is left) or after (the result is complete).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Temporary folders of commands that have not finished.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes the temporary folder of every unfinished run and returns how many there
/// were. The lock stays held (the guard is returned) so that nothing can be written
/// until the caller exits the process.
pub fn abandon_all() -> (usize, MutexGuard<'static, Vec<PathBuf>>) {
    let mut list = unfinished();
    let n = list.len();
    for p in list.drain(..) {
        let _ = fs::remove_dir_all(&p);
    }
    (n, list)
}

/// Writes one file whole or not at all: into a hidden temporary file beside `path`,
/// then renamed into place, under the lock that the interrupt handler takes. Without `replace`
/// an existing `path` is an `AlreadyExists` error.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or("file".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.incomplete-{}", std::process::id()));
    // The lock is held throughout, so an interrupt comes before (nothing is left) or
    // after (the file is whole).
    let _list = unfinished();
    if !replace && path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "the file exists",
        ));
    }
    let result = fs::File::create(&temp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The marker that says a folder was written by `burden`.
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "cannot write to the output folder {path}: {source}\n  = help: choose another folder with --out DIR"
    )]
    Unwritable {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the output folder {path} holds files that burden did not write ({examples})\n  = help: choose an empty or new folder with --out DIR, or add --force to write burden's files beside them (other files are left alone)"
    )]
    Foreign { path: String, examples: String },
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// A folder being filled; becomes the destination on [`Staging::commit`].
pub struct Staging {
    dest: PathBuf,
    temp: PathBuf,
    written: Vec<String>,
    /// The files the destination's previous manifest lists (burden's, from an earlier run).
    previous: Vec<String>,
    committed: bool,
}

fn unwritable(path: &Path, source: std::io::Error) -> OutputError {
    OutputError::Unwritable {
        path: path.display().to_string(),
        source,
    }
}

impl Staging {
    /// Checks the destination and creates the temporary folder. `ours` lists the file
    /// names a run writes; a destination holding anything else needs `force`.
    pub fn begin(dest: &Path, ours: &[&str], force: bool) -> Result<Staging, OutputError> {
        let previous = listed_files(dest);
        if dest.exists() {
            if !dest.is_dir() {
                return Err(unwritable(
                    dest,
                    std::io::Error::other("it is a file, not a folder"),
                ));
            }
            let foreign = foreign_files(dest, ours, &previous).map_err(|e| unwritable(dest, e))?;
            if !foreign.is_empty() && !force {
                let examples = foreign
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(OutputError::Foreign {
                    path: dest.display().to_string(),
                    examples,
                });
            }
        }
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| unwritable(parent, e))?;
        let name = dest
            .file_name()
            .map_or("output".into(), |n| n.to_string_lossy().into_owned());
        let temp = parent.join(format!(".{name}.incomplete-{}", std::process::id()));
        let mut list = unfinished();
        if temp.exists() {
            fs::remove_dir_all(&temp).map_err(|e| unwritable(&temp, e))?;
        }
        fs::create_dir(&temp).map_err(|e| unwritable(parent, e))?;
        list.push(temp.clone());
        drop(list);
        Ok(Staging {
            dest: dest.to_path_buf(),
            temp,
            written: Vec::new(),
            previous,
            committed: false,
        })
    }

    pub fn temp_dir(&self) -> &Path {
        &self.temp
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// The files written so far, as the manifest lists them (the manifest is written last).
    pub fn written(&self) -> &[String] {
        &self.written
    }

    /// Writes one file into the temporary folder (`name` may contain one subfolder).
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.write_with(name, &|w| w.write_all(bytes))
    }

    /// Writes one file from `fill`, which writes its contents in pieces.
    pub fn write_with(
        &mut self,
        name: &str,
        fill: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        let list = unfinished();
        if !list.contains(&self.temp) {
            return Err(OutputError::Write {
                path: self.temp.display().to_string(),
                source: std::io::Error::other("the run was interrupted"),
            });
        }
        let path = self.temp.join(name);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|source| OutputError::Write {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let f = fs::File::create(&path).map_err(|source| OutputError::Write {
            path: path.display().to_string(),
            source,
        })?;
        let mut w = std::io::BufWriter::new(f);
        fill(&mut w)
            .and_then(|()| w.into_inner().map_err(|e| e.into_error()))
            .and_then(|f| f.sync_all())
            .map_err(|source| OutputError::Write {
                path: path.display().to_string(),
                source,
            })?;
        self.written.push(name.to_string());
        Ok(())
    }

    /// Moves the finished files into place.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let err = |p: &Path, source| OutputError::Write {
            path: p.display().to_string(),
            source,
        };
        let mut list = unfinished();
        if !list.contains(&self.temp) {
            return Err(err(
                &self.temp,
                std::io::Error::other("the run was interrupted"),
            ));
        }
        if !self.dest.exists() {
            fs::rename(&self.temp, &self.dest).map_err(|e| err(&self.dest, e))?;
        } else {
            // Only burden's own files are replaced, one atomic rename each, the manifest
            // last; files of the previous run that this one did not write go; anything
            // else (a user's file, in charts/ too) stays.
            let mut names = self.written.clone();
            names.sort_by_key(|n| n == MANIFEST);
            for n in &names {
                let to = self.dest.join(n);
                if let Some(dir) = to.parent() {
                    fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
                }
                fs::rename(self.temp.join(n), &to).map_err(|e| err(&to, e))?;
            }
            for old in self.previous.iter().filter(|p| !names.contains(p)) {
                let path = self.dest.join(old);
                if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                    fs::remove_file(&path).map_err(|e| err(&path, e))?;
                }
            }
            fs::remove_dir_all(&self.temp).map_err(|e| err(&self.temp, e))?;
        }
        self.committed = true;
        list.retain(|p| p != &self.temp);
        Ok(self.dest.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let mut list = unfinished();
            let _ = fs::remove_dir_all(&self.temp);
            list.retain(|p| p != &self.temp);
        }
    }
}

/// The files that `dir`'s manifest lists, keeping only plain relative paths inside
/// the folder (a manifest edited by hand cannot make a rerun remove anything outside).
fn listed_files(dir: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let inside = |p: &str| {
        !p.is_empty()
            && Path::new(p)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
    };
    json.get("files")
        .and_then(|f| f.as_array())
        .into_iter()
        .flatten()
        .filter_map(|f| f.as_str())
        .filter(|p| inside(p) && *p != MANIFEST)
        .map(str::to_string)
        .collect()
}

/// The longest default folder name, in characters.
const MAX_NAME: usize = 80;

/// The folder a command writes to when `--out` is not given: `output/` and a name
/// made of the command (none for `run`), then each scenario's name and the changes
/// made to it (`--set`, `--variant`), so that no two different questions share a
/// folder: `output/ranam-2020`, `output/ranam-2020--levy.resident_share=0`,
/// `output/compare-ranam-2020-vs-levy.resident_share=0`,
/// `output/sweep-ranam-2020--release.total=5000..9000-step-1000`.
/// An arm with an empty name is shown by its changes alone (a variant of the first).
/// The name is valid on Windows and at most 80 characters: a longer one is cut and
/// ends in a short hash of the whole, so two long names still differ.
pub fn default_dest(command: Option<&str>, arms: &[(&str, &[String])]) -> PathBuf {
    let arm = |(name, changes): &(&str, &[String])| {
        let name = (!name.is_empty()).then(|| readable(name));
        name.into_iter()
            .chain(changes.iter().map(|c| readable(c)))
            .collect::<Vec<_>>()
            .join("--")
    };
    let arms = arms.iter().map(arm).collect::<Vec<_>>().join("-vs-");
    let full = match command {
        Some(c) => format!("{c}-{arms}"),
        None => arms,
    };
    let full = full.trim_matches(|c| c == '.' || c == '-').to_string();
    let name = if full.chars().count() <= MAX_NAME {
        full
    } else {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(full.as_bytes());
        let short: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
        let head: String = full.chars().take(MAX_NAME - short.len() - 1).collect();
        format!("{}-{short}", head.trim_end_matches(['.', '-', '_', '=']))
    };
    PathBuf::from("output").join(name)
}

/// `text` as part of a folder name a student can read and any system accepts:
/// `district[0].x` becomes `district.0.x`, spaces `_`, a sweep's `:STEP` `-step-STEP`,
/// quotes go, and anything else Windows or a shell would trip on becomes `-`.
fn readable(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        match c {
            c if c.is_alphanumeric() || "-_.=,+".contains(c) => out.push(c),
            '[' => out.push('.'),
            ']' | '"' | '\'' => {}
            ':' => out.push_str("-step-"),
            c if c.is_whitespace() => out.push('_'),
            _ => out.push('-'),
        }
    }
    out
}

/// Entries of `dir` that are not burden's: neither in `ours` nor listed by the previous
/// manifest (a file an earlier kind of run wrote), or any file when the folder has no manifest.
fn foreign_files(dir: &Path, ours: &[&str], previous: &[String]) -> std::io::Result<Vec<String>> {
    let has_manifest = dir.join(MANIFEST).is_file();
    let mut foreign = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let known = ours
            .iter()
            .copied()
            .chain(previous.iter().map(String::as_str))
            .any(|o| o.split('/').next() == Some(name.as_str()));
        if !(has_manifest && known) {
            foreign.push(name);
        }
    }
    foreign.sort();
    Ok(foreign)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(command: Option<&str>, arms: &[(&str, &[&str])]) -> String {
        let owned: Vec<(&str, Vec<String>)> = arms
            .iter()
            .map(|(n, c)| (*n, c.iter().map(|s| s.to_string()).collect()))
            .collect();
        let arms: Vec<(&str, &[String])> = owned.iter().map(|(n, c)| (*n, c.as_slice())).collect();
        let dest = default_dest(command, &arms);
        assert_eq!(dest.parent(), Some(Path::new("output")));
        dest.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn each_question_has_its_own_readable_folder() {
        assert_eq!(name(None, &[("ranam-2020", &[])]), "ranam-2020");
        assert_eq!(
            name(None, &[("ranam-2020", &["levy.resident_share=0"])]),
            "ranam-2020--levy.resident_share=0"
        );
        assert_eq!(
            name(
                Some("compare"),
                &[("ranam-2020", &[]), ("", &["levy.resident_share=0"])]
            ),
            "compare-ranam-2020-vs-levy.resident_share=0"
        );
        assert_eq!(
            name(
                Some("sweep"),
                &[("ranam-2020", &["release.total=5000..9000:1000"])]
            ),
            "sweep-ranam-2020--release.total=5000..9000-step-1000"
        );
        assert_eq!(
            name(
                None,
                &[(
                    "ranam-2020",
                    &[
                        "levy.resident_share=0 to 0.3",
                        "district[0].release_count=3"
                    ]
                )]
            ),
            "ranam-2020--levy.resident_share=0_to_0.3--district.0.release_count=3"
        );
        assert_ne!(
            name(None, &[("ranam-2020", &["release.total=5000"])]),
            name(None, &[("ranam-2020", &["release.total=7000"])])
        );
    }

    #[test]
    fn names_are_valid_on_windows_and_short() {
        let odd = [
            "a:b*c?d\"e<f>g|h/i\\j",
            "district.라남.population=9e4",
            "x= 1 ",
        ];
        let n = name(Some("sensitivity"), &[("odd", &odd)]);
        assert!(
            !n.contains(['<', '>', ':', '"', '/', '\\', '|', '?', '*', ' ']),
            "{n}"
        );
        assert!(n.contains("라남"), "{n}");
        assert!(!n.ends_with(['.', ' ']), "{n}");

        let long: Vec<String> = (0..20)
            .map(|i| format!("district[{i}].population=9000{i}"))
            .collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let a = name(None, &[("ranam-2020", &long)]);
        let b = name(None, &[("ranam-2020", &long[..19])]);
        assert!(
            a.chars().count() <= 80 && b.chars().count() <= 80,
            "{a} {b}"
        );
        assert!(
            a.starts_with("ranam-2020--district.0.population=90000"),
            "{a}"
        );
        // Cut to the same readable head, told apart by the hash at the end.
        assert_ne!(a, b);
    }

    fn manifest(dir: &Path, files: &[&str]) {
        let json = serde_json::json!({ "files": files });
        fs::write(dir.join(MANIFEST), json.to_string()).expect("written");
    }

    #[test]
    fn a_rerun_replaces_its_own_files_and_keeps_the_users() {
        let root = tempfile::tempdir().expect("temp dir");
        let dest = root.path().join("out");
        fs::create_dir_all(dest.join("charts")).expect("created");
        fs::write(dest.join("a.csv"), "old").expect("written");
        fs::write(dest.join("charts/old.png"), "old chart").expect("written");
        fs::write(dest.join("charts/mine.png"), "the user's").expect("written");
        fs::write(dest.join("convergence.csv"), "an earlier --precision run").expect("written");
        manifest(
            &dest,
            &[
                "a.csv",
                "convergence.csv",
                "charts/old.png",
                "../outside.txt",
            ],
        );
        fs::write(root.path().join("outside.txt"), "keep").expect("written");

        let mut s = Staging::begin(&dest, &["a.csv", "charts", MANIFEST], false).expect("begins");
        s.write("a.csv", b"new").expect("written");
        s.write("charts/new.png", b"new chart").expect("written");
        s.write(MANIFEST, b"{}").expect("written");
        s.commit().expect("committed");

        let read = |p: &str| fs::read_to_string(dest.join(p)).ok();
        assert_eq!(read("a.csv").as_deref(), Some("new"));
        assert_eq!(read("charts/new.png").as_deref(), Some("new chart"));
        assert_eq!(read("charts/mine.png").as_deref(), Some("the user's"));
        assert_eq!(
            read("charts/old.png"),
            None,
            "the earlier run's chart is removed"
        );
        assert_eq!(
            read("convergence.csv"),
            None,
            "an earlier run's file is removed"
        );
        assert!(root.path().join("outside.txt").exists());
        let left: Vec<_> = fs::read_dir(root.path())
            .expect("readable")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }
}
