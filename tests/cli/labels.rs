//! Every threshold written in text comes from the scenario: a run with other
//! thresholds shows them, and no default number leaks into the terminal, the reports,
//! the charts or the CSV units.

use crate::support::{burden, shipped_text};

/// Texts that would mean a default threshold was written in, not read from the scenario.
const DEFAULTS: &[&str] = &["2,100 kcal", "2100 kcal", "1,500 kcal", "1500 kcal"];

#[test]
fn thresholds_in_every_text_come_from_the_scenario() {
    let text = shipped_text(
        "ranam-2020",
        &[
            (
                r#"need_kcal = { value = 2100,"#,
                r#"need_kcal = { value = 2300,"#,
            ),
            (
                r#"survival_floor_kcal = { value = 1500,"#,
                r#"survival_floor_kcal = { value = 1700,"#,
            ),
        ],
    );
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("thresholds.toml");
    std::fs::write(&file, text).unwrap();
    let out = tmp.path().join("out");
    let assert = burden()
        .args(["run", "-n", "30", "--out"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    let terminal = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let mut texts = vec![("terminal".to_string(), terminal)];
    for name in ["report.md", "report.html", "summary.json"] {
        texts.push((
            name.into(),
            std::fs::read_to_string(out.join(name)).unwrap(),
        ));
    }
    for entry in std::fs::read_dir(out.join("charts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg" || e == "csv") {
            texts.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    for (name, text) in &texts {
        for d in DEFAULTS {
            assert!(!text.contains(d), "{name} says {d:?}");
        }
    }
    let everything: String = texts.iter().map(|t| t.1.as_str()).collect();
    assert!(
        everything.contains("2,300 kcal"),
        "the scenario's need is shown"
    );
    assert!(
        everything.contains("1,700 kcal"),
        "the scenario's floor is shown"
    );
}
