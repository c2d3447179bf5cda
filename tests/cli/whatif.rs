//! Comparative questions: `--set`, `compare`, `sweep`, `sensitivity`, `run --precision`
//! and `explain`. Expected numbers are worked out by hand from the hand scenario
//! (`common::HAND`), never copied from the program's output.

use assert_cmd::Command;

use crate::common::hand_text;

fn burden() -> Command {
    Command::cargo_bin("burden").expect("binary builds")
}

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("file written")).expect("valid JSON")
}

/// The hand scenario saved as a file: 30 households of one person in one inminban,
/// 60 days of stock, so every levy is paid in full.
fn hand_file(dir: &std::path::Path, name: &str, released: u32) -> std::path::PathBuf {
    let path = dir.join(format!("{name}.toml"));
    let text = hand_text(released, 60.0, 0.5, 0.0, 0.0)
        .replace("name = \"hand\"", &format!("name = \"{name}\""));
    std::fs::write(&path, text).expect("temp file");
    path
}

fn headline(summary: &serde_json::Value, metric: &str) -> serde_json::Value {
    summary["headline"]
        .as_array()
        .and_then(|a| a.iter().find(|h| h["metric"] == metric))
        .cloned()
        .unwrap_or_else(|| panic!("{metric} not in the headline"))
}

#[test]
fn set_changes_one_input_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let file = hand_file(dir.path(), "hand", 6);
    let out = dir.path().join("out");
    burden()
        .args([
            "run",
            "-q",
            "-n",
            "4",
            "--set",
            "district[0].release_count=3",
            "--out",
        ])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let summary = json(&out.join("summary.json"));
    // 3 released x 10 kg of corn, split by the 30 households of the one inminban: 1 kg each.
    let levy = headline(&summary, "levy_kg_per_levied_household");
    assert!(
        (levy["mean"].as_f64().unwrap() - 1.0).abs() < 1e-9,
        "{levy}"
    );
    let manifest = json(&out.join("manifest.json"));
    assert_eq!(manifest["overrides"][0], "district[0].release_count=3");
    assert!(
        manifest["reproduce"]
            .as_str()
            .unwrap()
            .ends_with("--set 'district[0].release_count=3'"),
        "{manifest}"
    );
}

#[test]
fn set_with_an_unknown_key_is_a_usage_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let file = hand_file(dir.path(), "hand", 6);
    let out = burden()
        .args(["validate", "--set", "levy.resident_shar=0.5"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `levy.resident_share`"), "{err}");
}
