//! Jobs: each Run, Compare or Sweep runs on its own thread, never on the server's
//! async workers, and is known by an id the server hands out, so two tabs running at
//! once each follow their own job. The page polls a job's progress; Cancel sets the
//! flag the engine checks before every iteration.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

use super::results::Finished;
use crate::cli::CliError;
use crate::engine::{EngineError, RunSettings};

/// Finished jobs kept for their results and downloads; older ones are dropped.
const KEPT: usize = 12;

/// How a job ended.
pub enum Outcome {
    Done(Box<Finished>),
    Failed(String),
    Cancelled,
}

pub struct Job {
    pub total: u64,
    pub done: AtomicU64,
    cancel: Arc<AtomicBool>,
    outcome: Mutex<Option<Outcome>>,
}

/// What the page hears of a job.
#[derive(Debug, Serialize)]
pub struct Status {
    pub state: &'static str,
    pub done: u64,
    pub total: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Job {
    fn outcome(&self) -> MutexGuard<'_, Option<Outcome>> {
        // A job thread that panicked leaves the lock poisoned; its outcome is still readable.
        self.outcome.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn status(&self) -> Status {
        let mut s = Status {
            state: "running",
            done: self.done.load(Ordering::Relaxed),
            total: self.total,
            html: None,
            command: None,
            files: None,
            error: None,
        };
        match &*self.outcome() {
            None => {}
            Some(Outcome::Done(f)) => {
                s.state = "done";
                s.html = Some(f.html());
                s.command = Some(f.command().to_string());
                s.files = Some(f.files());
            }
            Some(Outcome::Failed(e)) => {
                s.state = "failed";
                s.error = Some(e.clone());
            }
            Some(Outcome::Cancelled) => s.state = "cancelled",
        }
        s
    }

    /// A file of a finished job.
    pub fn file(&self, name: &str) -> Option<(&'static str, Vec<u8>)> {
        match &*self.outcome() {
            Some(Outcome::Done(f)) if f.files().iter().any(|n| n == name) => f.file(name),
            _ => None,
        }
    }

    fn finished(&self) -> bool {
        self.outcome().is_some()
    }
}

#[derive(Default)]
pub struct Jobs {
    next: AtomicU64,
    table: Mutex<BTreeMap<u64, Arc<Job>>>,
}

impl Jobs {
    fn table(&self) -> MutexGuard<'_, BTreeMap<u64, Arc<Job>>> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn get(&self, id: u64) -> Option<Arc<Job>> {
        self.table().get(&id).cloned()
    }

    /// Starts `work` on its own thread with `settings` made cancellable; `total` is
    /// the number of iterations it will tick. Returns the job's id.
    pub fn start<W>(&self, total: u64, mut settings: RunSettings, work: W) -> u64
    where
        W: FnOnce(&RunSettings, &(dyn Fn() + Sync)) -> Result<Finished, CliError> + Send + 'static,
    {
        let cancel = Arc::new(AtomicBool::new(false));
        settings.cancel = Some(cancel.clone());
        let job = Arc::new(Job {
            total,
            done: AtomicU64::new(0),
            cancel,
            outcome: Mutex::new(None),
        });
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        {
            let mut table = self.table();
            table.insert(id, job.clone());
            let finished: Vec<u64> = table
                .iter()
                .filter(|(_, j)| j.finished())
                .map(|(id, _)| *id)
                .collect();
            for old in finished.iter().take(finished.len().saturating_sub(KEPT)) {
                table.remove(old);
            }
        }
        std::thread::spawn(move || {
            let tick = || {
                job.done.fetch_add(1, Ordering::Relaxed);
            };
            // A bug that panics must still end the job, or its page would wait forever.
            let result =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&settings, &tick)));
            let outcome = match result {
                Ok(Ok(f)) => Outcome::Done(Box::new(f)),
                Ok(Err(CliError::Engine(EngineError::Cancelled))) => Outcome::Cancelled,
                Ok(Err(e)) => Outcome::Failed(e.shown()),
                Err(_) => Outcome::Failed(
                    "error: burden failed while running (a bug: please report it with the scenario and the changes made)".into(),
                ),
            };
            *job.outcome() = Some(outcome);
        });
        id
    }
}
