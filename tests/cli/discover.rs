//! `burden discover`: the box found on the hand scenario as worked by hand, the
//! release size among Ranam's conditions, and bad input refused with exit 2.

use crate::support::{burden, failure, hand_share_file, success};

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("file written")).expect("valid JSON")
}

#[test]
fn the_hand_scenario_gives_the_box_worked_by_hand() {
    // The levy per levied household is 2 x the residents' share kg (see
    // `hand_share_file`): it is above 1.2 kg exactly when the share is above 0.6: half the worlds, all of
    // them in the box "share at least 0.6" (coverage and density 1, mass 1/2). A peel
    // cuts 5% of the box at a time, so the limit lands within a step of 0.6.
    let dir = tempfile::tempdir().unwrap();
    let path = hand_share_file(dir.path());
    let out = dir.path().join("disc");
    let stdout = success(
        burden()
            .args([
                "discover",
                "-n",
                "400",
                "--metric",
                "levy_kg_per_levied_household",
            ])
            .args(["--above", "1.2", "--permutations", "49", "--out"])
            .arg(&out)
            .arg(&path),
    );
    assert!(
        stdout.contains("`levy.resident_share`) was at least"),
        "{stdout}"
    );
    let s = json(&out.join("summary.json"));
    assert_eq!(s["found"], true, "{s}");
    let chosen = &s["chosen"];
    assert!(chosen["coverage"].as_f64().unwrap() > 0.9, "{chosen}");
    assert!(chosen["density"].as_f64().unwrap() > 0.95, "{chosen}");
    let limits = chosen["restrictions"].as_array().unwrap();
    assert_eq!(limits.len(), 1, "{chosen}");
    assert_eq!(limits[0]["input"], "levy.resident_share");
    let low = limits[0]["low"].as_f64().unwrap();
    assert!((low - 0.6).abs() < 0.05, "{low}");
    assert!(limits[0]["high"].is_null());
    let csv = std::fs::read_to_string(out.join("boxes.csv")).unwrap();
    assert!(
        csv.starts_with("box,input,low,high,coverage,density,chosen,"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().filter(|l| l.contains(",true,")).count(),
        1,
        "{csv}"
    );
    for f in [
        "report.html",
        "report.md",
        "charts/discover_tradeoff.png",
        "charts/discover_box.csv",
    ] {
        assert!(out.join(f).exists(), "{f}");
    }
}

#[test]
fn ranam_top_deficit_worlds_have_a_box_on_the_release_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("disc");
    success(
        burden()
            .args([
                "discover",
                "-q",
                "--metric",
                "survival_deficit_attributable",
            ])
            .args(["--top", "0.2", "--out"])
            .arg(&out),
    );
    let s = json(&out.join("summary.json"));
    assert_eq!(s["found"], true, "{s}");
    let inputs: Vec<&str> = s["chosen"]["restrictions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["input"].as_str())
        .collect();
    assert!(inputs.contains(&"release.total"), "{inputs:?}");
    let sentence = s["sentence"].as_str().unwrap();
    assert!(sentence.contains("`release.total`"), "{sentence}");
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains(sentence), "the sentence is in the report");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<code>release.total</code>"));
}

#[test]
fn boxes_do_not_depend_on_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let run = |threads: &str| {
        let out = dir.path().join(format!("j{threads}"));
        success(
            burden()
                .args(["discover", "-q", "-n", "300", "-j", threads])
                .args([
                    "--metric",
                    "released",
                    "--above",
                    "60",
                    "--permutations",
                    "19",
                ])
                .arg("--out")
                .arg(&out),
        );
        std::fs::read(out.join("boxes.csv")).unwrap()
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn bad_input_is_refused_with_exit_2() {
    let err = failure(
        burden().args([
            "discover",
            "--metric",
            "survival_deficit_atributable",
            "--top",
            "0.2",
        ]),
        2,
    );
    assert!(
        err.contains("did you mean `survival_deficit_attributable`"),
        "{err}"
    );
    for top in ["0", "1", "1.5", "-0.1", "abc"] {
        let err = failure(
            burden().args(["discover", "--metric", "released", "--top", top]),
            2,
        );
        assert!(err.contains("--top"), "{top}: {err}");
    }
    let err = failure(
        burden().args([
            "discover", "--metric", "released", "--above", "1", "--top", "0.2",
        ]),
        2,
    );
    assert!(err.contains("cannot be used with"), "{err}");
    let err = failure(burden().args(["discover", "--metric", "released"]), 2);
    assert!(
        err.contains("--above") || err.contains("<--above|"),
        "{err}"
    );
    let err = failure(
        burden().args([
            "discover", "-n", "50", "--metric", "released", "--above", "1",
        ]),
        2,
    );
    assert!(err.contains("at least 100 iterations"), "{err}");
}

#[test]
fn an_outcome_no_world_has_is_no_box_with_its_reason() {
    // At most a few hundred people are released in Ranam, never 100,000.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("none");
    let stdout = success(
        burden()
            .args(["discover", "-n", "150", "--metric", "released"])
            .args(["--above", "100000", "--permutations", "19", "--out"])
            .arg(&out),
    );
    assert!(stdout.contains("No box found"), "{stdout}");
    assert!(stdout.contains("no world has the outcome"), "{stdout}");
    let s = json(&out.join("summary.json"));
    assert_eq!(s["found"], false);
    assert_eq!(s["cases"], 0);
    let csv = std::fs::read_to_string(out.join("boxes.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(!csv.contains(",true,"), "{csv}");
    assert!(!out.join("charts/discover_tradeoff.png").exists());
}
