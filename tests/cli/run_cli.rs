//! The command line end to end, as a user runs it.

use assert_cmd::Command;

fn burden() -> Command {
    Command::cargo_bin("burden").expect("binary builds")
}

fn scenario(name: &str) -> String {
    format!("{}/scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

const FILES: [&str; 4] = [
    "summary.json",
    "districts.csv",
    "timeseries.csv",
    "iterations.csv",
];

#[test]
fn run_writes_every_file_and_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let assert = burden()
        .args(["run", "-n", "30", "--out"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("Levy per levied household"), "{stdout}");
    assert!(stdout.contains('±'), "{stdout}");
    for f in FILES.iter().chain(&["manifest.json"]) {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["iterations"], 30);
    assert_eq!(manifest["seed"], 20201010);
    assert_eq!(
        manifest["scenarios"][0]["sha256"].as_str().unwrap().len(),
        64
    );
    assert_eq!(
        manifest["model_version"],
        burden::output::manifest::MODEL_VERSION
    );
}

#[test]
fn outputs_are_byte_identical_across_thread_counts() {
    // 1,100 iterations: past the 1,000 values a figure keeps exactly (its quantiles come
    // from bins) and over five blocks of 256, so both the streaming and the blocks are
    // checked for the order they reduce in.
    let dir = tempfile::tempdir().unwrap();
    for t in ["1", "2"] {
        burden()
            .args([
                "run",
                &scenario("hyesan-2012"),
                "-n",
                "1100",
                "--no-charts",
                "--quiet",
                "--threads",
                t,
                "--out",
            ])
            .arg(dir.path().join(t))
            .assert()
            .success();
    }
    for f in FILES {
        let a = std::fs::read(dir.path().join("1").join(f)).unwrap();
        let b = std::fs::read(dir.path().join("2").join(f)).unwrap();
        assert!(a == b, "{f} differs between 1 and 2 threads");
    }
    // The methods say how exact the percentiles of a run this long are.
    let report = std::fs::read_to_string(dir.path().join("1").join("report.md")).unwrap();
    assert!(
        report.contains("Past 1,000 iterations each percentile is read from 2,048 bins"),
        "{report}"
    );
}

#[test]
fn json_format_prints_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let assert = burden()
        .args(["run", "-n", "10", "--format", "json", "--out"])
        .arg(dir.path().join("j"))
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_slice(&assert.get_output().stdout).expect("stdout is JSON");
    assert_eq!(v["scenario"]["name"], "ranam-2020");
    assert!(v["headline"].as_array().unwrap().len() >= 5);
    assert!(
        v["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["grade"] == "E")
    );
}

#[test]
fn a_folder_with_other_files_is_not_touched_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), b"precious").unwrap();
    burden()
        .args(["run", "-n", "5", "--out"])
        .arg(dir.path())
        .assert()
        .code(2);
    assert!(!dir.path().join("summary.json").exists());
    burden()
        .args(["run", "-n", "5", "--quiet", "--force", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.path().join("thesis.docx")).unwrap(),
        b"precious"
    );
    assert!(dir.path().join("summary.json").exists());
}

#[test]
fn a_second_run_replaces_its_own_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("again");
    burden()
        .args(["run", "-n", "5", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    burden()
        .args(["run", "-n", "6", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["iterations"], 6);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn validate_accepts_every_shipped_scenario() {
    burden()
        .args([
            "validate",
            &scenario("ranam-2020"),
            &scenario("hyesan-2012"),
            &scenario("dprk-2020"),
        ])
        .assert()
        .success();
}
