//! Robustness of a run: interrupts leave nothing that looks like a result, runs too
//! large for memory are refused before computing, and awkward numbers (a horizon of one
//! day, no release, a release larger than the population, districts that draw zero
//! households) run without panic and with finite outputs.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;
use burden::model::{Fidelity, run_iteration};

use crate::robustness_check::{Reached, check_scenario_bytes};
use crate::support::{load, shipped_text};

fn edited(edits: &[(&str, &str)]) -> String {
    shipped_text("ranam-2020", edits)
}

/// Names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Starts a long `burden ARGS --out DIR/result`, waits until it has begun computing
/// (its hidden temporary folder exists), sends `signal`, and checks that it exits
/// with `code`, says so, and leaves the folder as it was: no result, no temporary
/// folder, no half-written file.
fn interrupt(args: &[&str], signal: &str, code: i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), b"mine").expect("written");
    let out = dir.path().join("result");
    let child = std::process::Command::cargo_bin("burden")
        .expect("binary builds")
        .args(args)
        .args(["--threads", "1", "--quiet", "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("burden starts");
    // The temporary folder appears once the output folder is checked, just before computing.
    let started = Instant::now();
    while !entries(dir.path())
        .iter()
        .any(|n| n.contains(".incomplete-"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{args:?} never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let output = child.wait_with_output().expect("burden ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!out.exists(), "{args:?} left a result folder");
    assert_eq!(
        entries(dir.path()),
        vec!["notes.txt".to_string()],
        "{args:?}"
    );
}

/// 128 + the signal's number, as shells report a process the signal stopped.
const SIGINT: i32 = 130;
const SIGTERM: i32 = 143;

const LONG_RUN: &[&str] = &["run", "-n", "40000"];
const LONG_SWEEP: &[&str] = &[
    "sweep",
    "-n",
    "20000",
    "--set",
    "release.total=5000,7000,9000",
];
const LONG_COMPARE: &[&str] = &[
    "compare",
    "scenarios/ranam-2020.toml",
    "--variant",
    "levy.resident_share=0",
    "-n",
    "20000",
];
const LONG_SENSITIVITY: &[&str] = &["sensitivity", "-n", "40000"];

#[test]
fn sigterm_leaves_no_result_and_no_temporary_folder() {
    interrupt(LONG_RUN, "TERM", SIGTERM);
}

#[test]
fn ctrl_c_leaves_no_result_and_no_temporary_folder() {
    interrupt(LONG_RUN, "INT", SIGINT);
}

#[test]
fn an_interrupted_sweep_leaves_nothing() {
    interrupt(LONG_SWEEP, "INT", SIGINT);
    interrupt(LONG_SWEEP, "TERM", SIGTERM);
}

#[test]
fn an_interrupted_compare_leaves_nothing() {
    interrupt(LONG_COMPARE, "INT", SIGINT);
    interrupt(LONG_COMPARE, "TERM", SIGTERM);
}

#[test]
fn an_interrupted_sensitivity_leaves_nothing() {
    interrupt(LONG_SENSITIVITY, "INT", SIGINT);
    interrupt(LONG_SENSITIVITY, "TERM", SIGTERM);
}

/// `init` writes its one file whole or not at all: a SIGTERM at any moment leaves
/// either no file or the whole file, never part of it and never a temporary file.
#[test]
fn an_interrupted_init_leaves_the_whole_file_or_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = Command::cargo_bin("burden")
        .expect("binary builds")
        .current_dir(dir.path())
        .args(["init", "whole"])
        .output()
        .expect("burden runs");
    assert!(whole.status.success());
    let expected = std::fs::read(dir.path().join("whole.toml")).expect("written");
    for delay in [0, 2, 5, 10, 20] {
        let name = format!("cut{delay}");
        let child = std::process::Command::cargo_bin("burden")
            .expect("binary builds")
            .current_dir(dir.path())
            .args(["init", &name])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("burden starts");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let output = child.wait_with_output().expect("burden ends");
        let file = dir.path().join(format!("{name}.toml"));
        if file.exists() {
            // Only the name differs, so the file ends as the whole one does.
            let got = std::fs::read(&file).expect("readable");
            let tail = &expected[expected.len() - 200..];
            assert!(got.ends_with(tail), "{name} was cut short");
        } else {
            assert_ne!(output.status.code(), Some(0), "{name}");
        }
    }
    let left: Vec<String> = entries(dir.path())
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_run_too_large_for_memory_is_refused_before_computing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("never");
    let started = Instant::now();
    let assert = Command::cargo_bin("burden")
        .expect("binary builds")
        // Memory no longer grows with the iterations beyond the headline figures
        // (10 million national iterations need about 1.9 GB), so the run is told
        // that only 500 MB are available.
        .env("BURDEN_MEMORY_LIMIT", "500000000")
        .args(["run", "-n", "10000000", "--out"])
        .arg(&out)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/dprk-2020.toml"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("this run would need about"), "{stderr}");
    assert!(stderr.contains("use fewer iterations"), "{stderr}");
    assert!(stderr.contains("--iterations "), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "it computed first"
    );
    assert!(!out.exists());
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn every_analysis_too_large_for_memory_is_refused_before_computing() {
    // Ten million Ranam iterations keep at least 176 bytes each (1.8 GB) in every
    // analysis; 500 MB are said to be available.
    let dir = tempfile::tempdir().expect("temp dir");
    let commands: [&[&str]; 4] = [
        &[
            "compare",
            "ranam-2020",
            "--variant",
            "levy.resident_share=0",
        ],
        &["sweep", "ranam-2020", "--set", "release.total=3000,6000"],
        &["sensitivity", "ranam-2020"],
        &[
            "discover",
            "ranam-2020",
            "--metric",
            "survival_deficit_attributable",
            "--top",
            "0.2",
        ],
    ];
    for args in commands {
        let out = dir.path().join(args[0]);
        let started = Instant::now();
        let assert = Command::cargo_bin("burden")
            .expect("binary builds")
            .env("BURDEN_MEMORY_LIMIT", "500000000")
            .args(args)
            .args(["-n", "10000000", "--out"])
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(
            stderr.contains("this run would need about"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("--iterations "), "{args:?}: {stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{args:?} computed first"
        );
        assert!(!out.exists(), "{args:?}");
    }
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn an_unwritable_output_folder_is_reported_before_computing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("written");
    let started = Instant::now();
    let assert = Command::cargo_bin("burden")
        .expect("binary builds")
        .args(["run", "-n", "1000000", "--out"])
        .arg(file.join("out"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("cannot write to the output folder"),
        "{stderr}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "it computed first"
    );
}

#[test]
fn a_horizon_of_one_day_runs() {
    let text = edited(&[("horizon_days = 120", "horizon_days = 1")]);
    assert_eq!(check_scenario_bytes(text.as_bytes()), Reached::Ran);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one-day.toml");
    std::fs::write(&path, &text).expect("written");
    Command::cargo_bin("burden")
        .expect("binary builds")
        .args(["run", "-n", "20", "--quiet", "--out"])
        .arg(dir.path().join("out"))
        .arg(&path)
        .assert()
        .success();
    let csv = std::fs::read_to_string(dir.path().join("out/timeseries.csv")).expect("written");
    // One day: a header and one row per series (the default scenario has [coping]).
    let series = burden::summary::SERIES.len() + burden::summary::COPING_SERIES.len();
    assert_eq!(csv.lines().count(), 1 + series, "{csv}");
}

#[test]
fn a_release_of_zero_runs() {
    let text = edited(&[(r#"total = { value = "15 to 120""#, "total = { value = 0")]);
    assert_eq!(check_scenario_bytes(text.as_bytes()), Reached::Ran);
}

#[test]
fn a_release_whose_tail_exceeds_the_population_runs() {
    // 1,000 residents; the release's median is 447 and its 95th percentile 2,000.
    let text = edited(&[
        (
            r#"population = { value = "60000 to 130000""#,
            "population = { value = 1000",
        ),
        (
            r#"total = { value = "15 to 120""#,
            r#"total = { value = "100 to 2000""#,
        ),
    ]);
    assert_eq!(check_scenario_bytes(text.as_bytes()), Reached::Ran);
    let sc = load(&text);
    let mut beyond = 0;
    for i in 0..200 {
        let it = run_iteration(&sc, 3, i, Fidelity::Fast);
        let d = &it.districts[0];
        let residents: f64 = d.cells.iter().map(|c| c.persons).sum();
        if d.released.released > residents {
            beyond += 1;
        }
        let v = serde_json::to_value(&it).expect("serialises");
        assert!(!v.to_string().contains("null"), "a non-finite number");
    }
    assert!(beyond > 0, "no iteration released more than the residents");
}

#[test]
fn a_district_that_draws_zero_households_runs() {
    let text = edited(&[
        (
            r#"population = { value = "60000 to 130000""#,
            "households = { uniform = [0, 2.5]",
        ),
        (r#"total = { value = "15 to 120""#, "total = { value = 1"),
    ]);
    let sc = load(&text);
    let mut empty = 0;
    for i in 0..100 {
        let it = run_iteration(&sc, 3, i, Fidelity::Fast);
        let d = &it.districts[0];
        if d.cells.iter().map(|c| c.households).sum::<f64>() == 0.0 {
            empty += 1;
        }
        let v = serde_json::to_value(&it).expect("serialises");
        assert!(!v.to_string().contains("null"), "a non-finite number");
    }
    assert!(empty > 0, "no iteration drew zero households");
    assert_eq!(check_scenario_bytes(text.as_bytes()), Reached::Ran);
}

/// Every file that fuzzing found or started from loads (or fails) cleanly.
#[test]
fn fuzz_seeds_and_regressions_replay_cleanly() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for sub in ["seeds", "regressions"] {
        let Ok(dir) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for e in dir {
            let path = e.expect("entry").path();
            let bytes = std::fs::read(&path).expect("readable");
            let _ = check_scenario_bytes(&bytes);
            n += 1;
        }
    }
    assert!(n >= 3, "no fuzz seeds found");
}

/// How far the fuzz corpus gets (run after fuzzing; the corpus is not committed):
/// `cargo test --release --test cli fuzz_corpus_census -- --ignored --nocapture`.
#[test]
#[ignore = "needs a fuzz corpus in fuzz/corpus/load_scenario"]
fn fuzz_corpus_census() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/load_scenario");
    let (mut refused, mut loaded, mut ran) = (0, 0, 0);
    for e in std::fs::read_dir(dir).expect("a fuzz corpus") {
        let bytes = std::fs::read(e.expect("entry").path()).expect("readable");
        match check_scenario_bytes(&bytes) {
            Reached::Refused => refused += 1,
            Reached::Loaded => loaded += 1,
            Reached::Ran => ran += 1,
        }
    }
    println!(
        "corpus: {refused} refused, {loaded} loaded but not run (too large), {ran} loaded and run"
    );
}
