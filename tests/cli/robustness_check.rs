//! The property every input must satisfy, shared by the fuzz target
//! (`fuzz/fuzz_targets/load_scenario.rs` includes this file) and the tests that replay
//! the fuzz corpus and the catalogue of bad files.
//!
//! Loading never panics; every error has a message, and a line and column when it has
//! an excerpt; a scenario that loads and is small enough runs two iterations of the
//! model with finite results, and its outputs hold no NaN or infinity.

use burden::budget;
use burden::model::{Fidelity, run_iteration};
use burden::output;
use burden::scenario::load_bytes;
use burden::stats::Estimate;
use burden::summary::summarise;

/// Runs larger than this are only loaded, not run (they are slow, not wrong).
const MAX_HOUSEHOLD_DAYS: f64 = 3e6;
const MAX_BYTES: f64 = 64e6;

/// How far a file got: refused, loaded but too large to run here, or run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    Refused,
    Loaded,
    Ran,
}

/// Checks one file's bytes; panics with a description when the property fails.
pub fn check_scenario_bytes(bytes: &[u8]) -> Reached {
    let sc = match load_bytes("fuzz.toml", bytes) {
        Ok(sc) => sc,
        Err(e) => {
            assert!(
                e.diagnostics.iter().any(|d| d.is_error()),
                "an error without an error diagnostic"
            );
            for d in &e.diagnostics {
                assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
                assert!(d.file == "fuzz.toml", "wrong file in {d:?}");
                assert!(
                    (d.line == 0) == (d.column == 0),
                    "line without column: {d:?}"
                );
                let shown = d.to_string();
                if shown.contains(" | ") {
                    assert!(d.line > 0, "an excerpt without a line: {shown}");
                }
            }
            let _ = e.to_string();
            return Reached::Refused;
        }
    };
    for w in &sc.warnings {
        assert!(!w.message.trim().is_empty());
    }
    let est = budget::estimate(&sc, 2, 1);
    assert!(
        est.bytes().is_finite() && est.household_days.is_finite(),
        "estimate not finite: {est:?}"
    );
    if est.household_days > MAX_HOUSEHOLD_DAYS || est.bytes() > MAX_BYTES {
        return Reached::Loaded;
    }
    let iterations: Vec<_> = (0..2)
        .map(|i| run_iteration(&sc, sc.seed(), i, Fidelity::Fast))
        .collect();
    for it in &iterations {
        let v = serde_json::to_value(it).expect("results serialise");
        assert_finite(&v, "iteration");
    }
    let summary = summarise(&sc, &iterations);
    for e in &summary.entities {
        for m in &e.metrics {
            assert_estimate_finite(&m.estimate, m.metric);
        }
    }
    for s in &summary.series {
        for d in &s.days {
            assert_estimate_finite(d, s.metric);
        }
    }
    let info = output::RunInfo::new(&sc, sc.seed(), 2);
    for (name, bytes) in [
        ("districts.csv", output::districts_csv(&summary)),
        ("timeseries.csv", output::timeseries_csv(&sc, &summary)),
        ("iterations.csv", {
            let mut b = burden::summary::Builder::new(&sc, Some(None));
            b.add(
                &iterations,
                &burden::summary::entity_values(&sc, &iterations),
            );
            let (summary, rows) = b.finish();
            let mut bytes = Vec::new();
            let rows = rows.expect("rows were asked for");
            output::write_iterations_csv(&sc, &summary, &rows, &mut bytes).expect("written");
            bytes
        }),
    ] {
        let text = String::from_utf8_lossy(&bytes);
        for cell in text.split([',', '\n']) {
            let c = cell.trim().to_ascii_lowercase();
            assert!(
                !matches!(
                    c.as_str(),
                    "nan" | "inf" | "-inf" | "infinity" | "-infinity"
                ),
                "{name} holds {cell}"
            );
        }
    }
    let json = output::summary_json(&sc, &info, &summary);
    let v: serde_json::Value = serde_json::from_slice(&json).expect("summary.json is JSON");
    if let Some(results) = v.get("results") {
        assert_finite(results, "summary.json results");
    }
    Reached::Ran
}

fn assert_estimate_finite(e: &Estimate, what: &str) {
    for x in [
        e.mean,
        e.sd,
        e.mc_se,
        e.median,
        e.median_ci_low,
        e.median_ci_high,
        e.p05,
        e.p25,
        e.p75,
        e.p95,
    ] {
        assert!(x.is_finite(), "{what}: {e:?}");
    }
}

/// serde_json writes NaN and infinity as null; results hold only numbers (and a scope's
/// names, null for "all"), so any other null is one.
fn assert_finite(v: &serde_json::Value, at: &str) {
    match v {
        serde_json::Value::Null => panic!("a non-finite number at {at}"),
        serde_json::Value::Number(n) => {
            assert!(n.as_f64().is_some_and(f64::is_finite), "{at}: {n}")
        }
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| assert_finite(x, &format!("{at}[{i}]"))),
        serde_json::Value::Object(o) => o
            .iter()
            .filter(|(k, x)| !(x.is_null() && ["district", "wealth_group"].contains(&k.as_str())))
            .for_each(|(k, x)| assert_finite(x, &format!("{at}.{k}"))),
        _ => {}
    }
}
