//! Writing a run's files safely.
//!
//! Files go into a hidden temporary folder beside the destination, which is created
//! before any computing (so an unwritable destination is reported at once) and is
//! renamed into place only when every file is written. An interrupted or failed run
//! therefore leaves no folder that looks like a complete result. A destination that
//! holds files `burden` did not make is never touched without `--force`, and even
//! then only `burden`'s own file names are replaced.
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
    force: bool,
    written: Vec<String>,
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
        if dest.exists() {
            if !dest.is_dir() {
                return Err(unwritable(
                    dest,
                    std::io::Error::other("it is a file, not a folder"),
                ));
            }
            let foreign = foreign_files(dest, ours).map_err(|e| unwritable(dest, e))?;
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
            force,
            written: Vec::new(),
            committed: false,
        })
    }

    pub fn temp_dir(&self) -> &Path {
        &self.temp
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Writes one file into the temporary folder (`name` may contain one subfolder).
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
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
        let mut f = fs::File::create(&path).map_err(|source| OutputError::Write {
            path: path.display().to_string(),
            source,
        })?;
        f.write_all(bytes)
            .and_then(|_| f.sync_all())
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
        } else if self.force {
            // Only burden's own names are replaced, one atomic rename each; the manifest goes last.
            let mut names = self.written.clone();
            names.sort_by_key(|n| n == MANIFEST);
            for n in &names {
                let to = self.dest.join(n);
                if let Some(dir) = to.parent() {
                    fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
                }
                fs::rename(self.temp.join(n), &to).map_err(|e| err(&to, e))?;
            }
            fs::remove_dir_all(&self.temp).map_err(|e| err(&self.temp, e))?;
        } else {
            // The destination holds only an earlier run's files: swap whole folders.
            let old = self.temp.with_extension("previous");
            fs::rename(&self.dest, &old).map_err(|e| err(&self.dest, e))?;
            fs::rename(&self.temp, &self.dest).map_err(|e| err(&self.dest, e))?;
            fs::remove_dir_all(&old).map_err(|e| err(&old, e))?;
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

/// Entries of `dir` that are not burden's: not in `ours`, or any file when the folder has no manifest.
fn foreign_files(dir: &Path, ours: &[&str]) -> std::io::Result<Vec<String>> {
    let has_manifest = dir.join(MANIFEST).is_file();
    let mut foreign = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let known = ours
            .iter()
            .any(|o| o.split('/').next() == Some(name.as_str()));
        if !(has_manifest && known) {
            foreign.push(name);
        }
    }
    foreign.sort();
    Ok(foreign)
}
