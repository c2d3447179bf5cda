//! The three things the page runs, each as the matching command does it: a run
//! ([`crate::analysis::run`]), a comparison on common random numbers
//! ([`crate::analysis::compare`]) and a sweep of one input ([`crate::analysis::sweep`]).

use super::edit::{Edit, FieldError, apply};
use super::results::Finished;
use crate::analysis::{self, compare, sweep};
use crate::charts;
use crate::cli::{CliError, with_overrides};
use crate::engine::RunSettings;
use crate::output::RunInfo;
use crate::output::manifest::ScenarioRecord;
use crate::output::reproduce::Reproduce;
use crate::scenario::Scenario;

/// Work for a job thread: given the cancellable settings and the per-iteration tick.
pub type Work =
    Box<dyn FnOnce(&RunSettings, &(dyn Fn() + Sync)) -> Result<Finished, CliError> + Send>;

/// Settings of a page's run: the scenario's seed, and its iterations unless the page gives some.
pub fn settings(sc: &Scenario, iterations: Option<u64>) -> RunSettings {
    let mut s = RunSettings::from_scenario(sc);
    if let Some(n) = iterations {
        s.iterations = n;
    }
    s
}

/// A run of `sc`, as `burden run`.
pub fn run(sc: Scenario) -> Work {
    Box::new(move |settings, tick| {
        let result = analysis::run::run(sc, settings.clone(), tick)?;
        let info = RunInfo::new(
            &result.scenario,
            result.settings.seed,
            result.settings.iterations,
        );
        let charts = charts::results::for_run(&result, &info)?;
        Ok(Finished::Run {
            result: Box::new(result),
            info,
            charts,
        })
    })
}

/// The changes that turn the baseline's edits into the variant's, as `--variant`
/// options: changed or new values, and a value the variant put back to the file's.
pub fn variant_changes(
    baseline: &[Edit],
    variant: &[Edit],
    file_text: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut changes: Vec<String> = variant
        .iter()
        .filter(|v| {
            !baseline
                .iter()
                .any(|b| b.key == v.key && b.value == v.value)
        })
        .map(Edit::set)
        .collect();
    for b in baseline
        .iter()
        .filter(|b| !variant.iter().any(|v| v.key == b.key))
    {
        changes.push(format!("{}={}", b.key, file_text(&b.key)));
    }
    changes
}

/// B − A on common random numbers, as `burden compare A --variant ...` when both are
/// the same file, or `burden compare A B --set-on A ... --set-on B ...` when the
/// variant is another file (each with its own edits).
pub fn compare(
    a: Scenario,
    b: Scenario,
    [a_edits, b_edits]: [&[Edit]; 2],
    changes: Vec<String>,
    same_file: bool,
) -> Work {
    let sets = |edits: &[Edit]| edits.iter().map(Edit::set).collect::<Vec<String>>();
    // One file: the baseline's edits for both, the variant's changes on top. Two files:
    // each its own edits.
    let (variant, both, own) = if same_file {
        (changes, sets(a_edits), Vec::new())
    } else {
        (Vec::new(), Vec::new(), vec![sets(a_edits), sets(b_edits)])
    };
    let labels = compare::labels(&[a.clone(), b.clone()], &variant, &own);
    let records: Vec<ScenarioRecord> = labels
        .iter()
        .zip([&a, &b])
        .map(|(l, sc)| ScenarioRecord::new(l, sc))
        .collect();
    let mut command = Reproduce::new("compare").scenario(&a);
    if !same_file {
        command = command.arg(&b.origin);
    }
    // In the order `burden compare` writes its own reproduce line.
    let command = command
        .options("variant", &variant)
        .options("set", &both)
        .pairs("set-on", &compare::letter_changes(&own));
    Box::new(move |settings, tick| {
        let reproduce = command.seeded(settings).line();
        let comparison =
            compare::compare(labels.into_iter().zip([a, b]).collect(), settings, tick)?;
        let charts = charts::results::for_comparison(&comparison)?;
        Ok(Finished::Compare {
            comparison: Box::new(comparison),
            records,
            reproduce,
            charts,
        })
    })
}

/// A sweep of `key` over `values` (`0..1:0.25` or `0,0.5,1`), the other edits kept, as
/// `burden sweep --set KEY=VALUES`. The points are checked before anything runs.
pub fn sweep(
    base: &Scenario,
    edits: &[Edit],
    key: &str,
    values: &str,
) -> Result<(Work, u64), Vec<FieldError>> {
    let alert = |message: String| {
        vec![FieldError {
            key: key.to_string(),
            message,
        }]
    };
    let axes =
        sweep::axes(&[format!("{key}={values}")]).map_err(|e| alert(CliError::Usage(e).shown()))?;
    let points = sweep::grid(&axes);
    if points.len() < 2 || points.len() > sweep::MAX_POINTS {
        return Err(alert(format!(
            "error: a sweep needs 2 to {} values, such as 0..1:0.25 or 0,0.5,1",
            sweep::MAX_POINTS
        )));
    }
    let others: Vec<Edit> = edits.iter().filter(|e| e.key != key).cloned().collect();
    let base = apply(base, &others)?;
    let mut runs = Vec::new();
    for p in points {
        let sc = with_overrides(base.clone(), &p).map_err(|e| alert(e.shown()))?;
        runs.push((p, sc));
    }
    let count = runs.len() as u64;
    let keys = axes.into_iter().map(|(k, _)| k).collect();
    let sets: Vec<String> = others
        .iter()
        .map(Edit::set)
        .chain([format!("{key}={values}")])
        .collect();
    let work: Work = Box::new(move |settings, tick| {
        let record = ScenarioRecord::new(base.name(), &base);
        let reproduce = Reproduce::new("sweep")
            .scenario(&base)
            .options("set", &sets)
            .seeded(settings)
            .line();
        let sweep = sweep::run(base, keys, runs, settings, tick)?;
        let charts = charts::results::for_sweep(&sweep)?;
        Ok(Finished::Sweep {
            sweep: Box::new(sweep),
            record,
            reproduce,
            charts,
        })
    });
    Ok((work, count))
}
