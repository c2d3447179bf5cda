//! Comparative questions: `--set`, `compare`, `sweep`, `sensitivity`, `run --precision`
//! and `explain`. Expected numbers are worked out by hand from the hand scenario
//! (`support::HAND`), never copied from the program's output.

use assert_cmd::Command;

use crate::support::hand_text;

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
    assert_eq!(
        manifest["scenarios"][0]["overrides"][0],
        "district[0].release_count=3"
    );
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

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let dir = tempfile::tempdir().unwrap();
    let ranam = format!("{}/scenarios/ranam-2020.toml", env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("cmp");
    burden()
        .args(["compare", &ranam, &ranam, "-n", "6", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(out.join("differences.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut rows = 0;
    for r in reader.records() {
        let r = r.unwrap();
        for c in [
            "median", "p05", "p95", "mean", "mc_se", "p_worse", "p_better",
        ] {
            assert_eq!(r[col(c)].parse::<f64>().unwrap(), 0.0, "{c} in {r:?}");
        }
        rows += 1;
    }
    // Ranam: 3 wealth groups and the district total, every metric of each.
    assert!(rows > 100, "{rows} rows");
    assert!(out.join("report.md").is_file() && out.join("manifest.json").is_file());
}

#[test]
fn compare_pairs_the_levy_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let a = hand_file(dir.path(), "six", 6);
    let b = hand_file(dir.path(), "three", 3);
    let out = dir.path().join("cmp");
    burden()
        .args(["compare", "-n", "5", "-q", "--out"])
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let summary = json(&out.join("summary.json"));
    let levy = summary["headline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["metric"] == "levy_kg_per_levied_household")
        .unwrap();
    // 6 released x 10 kg / 30 households = 2 kg; 3 released: 1 kg; B − A = −1 kg every time.
    for k in ["median", "p05", "p95", "mean"] {
        assert!(
            (levy["difference"][k].as_f64().unwrap() + 1.0).abs() < 1e-9,
            "{k}: {levy}"
        );
    }
    assert_eq!(levy["p_worse"], 0.0);
    assert_eq!(levy["p_better"], 1.0);
    // The levy is paid in money too: 3 fewer packages of 10 kg at 1,500 KPW = 45,000 KPW.
    let paid = summary["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["metric"] == "levy_paid_kpw" && d["scope"] == "total")
        .unwrap();
    assert!(
        (paid["difference"]["mean"].as_f64().unwrap() + 45_000.0).abs() < 1e-6,
        "{paid}"
    );
}

#[test]
fn variant_compares_a_file_with_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let a = hand_file(dir.path(), "hand", 6);
    let out = dir.path().join("cmp");
    burden()
        .args([
            "compare",
            "-n",
            "3",
            "-q",
            "--variant",
            "levy.resident_share=0.5",
            "--out",
        ])
        .arg(&out)
        .arg(&a)
        .assert()
        .success();
    let summary = json(&out.join("summary.json"));
    assert_eq!(
        summary["scenarios"][1]["overrides"][0],
        "levy.resident_share=0.5"
    );
    let levy = summary["headline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["metric"] == "levy_kg_per_levied_household")
        .unwrap();
    // Half of the 2 kg levy: −1 kg.
    assert!(
        (levy["difference"]["mean"].as_f64().unwrap() + 1.0).abs() < 1e-9,
        "{levy}"
    );
}

/// `--set-on LETTER KEY=VALUE` changes one file of a comparison only: the levy halved
/// on B is −1 kg per levied household (half of 2 kg), on A +1 kg; the report names the
/// changed scenario by its change, and the reproduce line says `--set-on`.
#[test]
fn set_on_changes_one_file_of_a_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let a = hand_file(dir.path(), "hand", 6);
    let b = hand_file(dir.path(), "other", 6);
    for (letter, expected) in [("B", -1.0), ("A", 1.0)] {
        let out = dir.path().join(format!("cmp-{letter}"));
        burden()
            .args(["compare", "-n", "3", "-q", "--out"])
            .arg(&out)
            .arg(&a)
            .arg(&b)
            .args(["--set-on", letter, "levy.resident_share=0.5"])
            .assert()
            .success();
        let summary = json(&out.join("summary.json"));
        let changed = usize::from(letter == "B");
        assert_eq!(
            summary["scenarios"][changed]["overrides"][0],
            "levy.resident_share=0.5"
        );
        assert_eq!(
            summary["scenarios"][1 - changed]["overrides"]
                .as_array()
                .map_or(0, Vec::len),
            0
        );
        let name = ["hand", "other"][changed];
        assert_eq!(
            summary["scenarios"][changed]["label"],
            format!("{name} levy.resident_share=0.5")
        );
        let levy = headline(&summary, "levy_kg_per_levied_household");
        assert!(
            (levy["difference"]["mean"].as_f64().unwrap() - expected).abs() < 1e-9,
            "{letter}: {levy}"
        );
        let manifest = json(&out.join("manifest.json"));
        let line = manifest["reproduce"].as_str().unwrap_or_default();
        assert!(
            line.contains(&format!("--set-on {letter} 'levy.resident_share=0.5'")),
            "{line}"
        );
    }
    // Refused with exit 2: what the error says.
    let refused = |letter: &str, change: &str| {
        let out = burden()
            .args(["compare", "-n", "3", "-q"])
            .arg(&a)
            .arg(&b)
            .args(["--set-on", letter, change])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // A letter the comparison does not have: the error names the letters it has.
    let err = refused("C", "levy.resident_share=0.5");
    assert!(err.contains("the scenarios A, B"), "{err}");
    // A key the file does not have: the mistake names the option that gave it.
    let err = refused("B", "levy.resident_sharex=0.5");
    assert!(
        err.starts_with("error: --set-on B levy.resident_sharex=0.5: the scenario has no input"),
        "{err}"
    );
    assert!(err.contains("did you mean `levy.resident_share`?"), "{err}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn sensitivity_ranks_the_only_uncertain_input_first_with_an_index_near_one() {
    // Only the residents' share is uncertain (uniform 0.2 to 1). Every household pays in
    // full, so the levy per levied household is 6 x 10 kg x share / 30: a function of
    // that share alone, whose first-order index is 1 (less the binning error, about
    // 1/B^2 = 1% for B = 10 bins). The incident take is a second, irrelevant input
    // (the incident rate is zero), whose index must be indistinguishable from zero.
    let dir = tempfile::tempdir().unwrap();
    let path = crate::support::hand_share_file(dir.path());
    let out = dir.path().join("sens");
    let assert = burden()
        .args(["sensitivity", "-n", "100", "--out"])
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("`levy.resident_share`"), "{stdout}");
    let summary = json(&out.join("summary.json"));
    let levy = summary["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["metric"] == "levy_kg_per_levied_household")
        .unwrap();
    let top = &levy["drivers"][0];
    assert_eq!(top["input"], "levy.resident_share");
    assert!(top["first_order"].as_f64().unwrap() > 0.95, "{top}");
    assert_eq!(top["distinguishable_from_zero"], true);
    assert!(top["spearman"].as_f64().unwrap() > 0.999, "{top}");
    let other = &levy["drivers"][1];
    assert_eq!(other["input"], "incidents.take_kg");
    assert_eq!(other["distinguishable_from_zero"], false, "{other}");
    let csv = std::fs::read_to_string(out.join("sensitivity.csv")).unwrap();
    assert!(csv.starts_with("metric,rank,input,"), "{csv}");
}

#[test]
fn precision_mode_stops_with_every_error_below_the_target() {
    // The levy is the only figure that varies: 2 kg x share, share uniform 0.2 to 1, so
    // its coefficient of variation is (0.8 / sqrt 12) / 0.6 = 0.385 and a 2% error needs
    // about (0.385 / 0.02)^2 = 370 iterations. Every other headline is constant.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    let text = hand_text(6, 60.0, 0.5, 0.0, 0.0).replace(
        "resident_share = 1",
        "resident_share = { uniform = [0.2, 1.0] }",
    );
    std::fs::write(&path, text).unwrap();
    let out = dir.path().join("prec");
    let assert = burden()
        .args([
            "run",
            "--precision",
            "0.02",
            "--max-iterations",
            "5000",
            "--out",
        ])
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("Every figure reached it"), "{stdout}");
    let summary = json(&out.join("summary.json"));
    let n = summary["run"]["iterations"].as_u64().unwrap();
    assert!((300..5000).contains(&n), "{n} iterations");
    for h in summary["headline"].as_array().unwrap() {
        let (mean, se) = (h["mean"].as_f64().unwrap(), h["mc_se"].as_f64().unwrap());
        assert!(se <= 0.02 * mean.abs() || (mean == 0.0 && se == 0.0), "{h}");
    }
    let levy = headline(&summary, "levy_kg_per_levied_household");
    let rel = levy["mc_se"].as_f64().unwrap() / levy["mean"].as_f64().unwrap();
    assert!(rel > 0.01, "stopped far later than needed: {rel}");
    let conv = std::fs::read_to_string(out.join("convergence.csv")).unwrap();
    assert!(conv.lines().count() > 10, "{conv}");
}

#[test]
fn explain_lists_each_uncertain_input_with_its_percentiles() {
    let out = burden()
        .args([
            "explain",
            "--set",
            "levy.resident_share={ uniform = [0.8, 1.05] }",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    // "15 to 120" is a lognormal with those as 5th and 95th percentiles; its median is
    // sqrt(15 x 120) = 42.43.
    let total = stdout
        .lines()
        .find(|l| l.starts_with("release.total "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let cols: Vec<&str> = total.split_whitespace().collect();
    assert_eq!(&cols[1..4], ["15", "42.43", "120"], "{total}");
    // Uniform 0.8 to 1.05: 0.05 / 0.25 = 20% of it is above 1, and it is flagged.
    let share = stdout
        .lines()
        .find(|l| l.starts_with("levy.resident_share "))
        .unwrap();
    assert!(share.contains("20.0%") && share.ends_with('!'), "{share}");
    assert!(stdout.contains("! levy.resident_share"), "{stdout}");
}

/// (set value, mean) of a total metric from sweep.csv.
fn swept(csv_path: &std::path::Path, metric: &str) -> Vec<(f64, f64)> {
    let mut reader = csv::Reader::from_path(csv_path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[col("scope")] == "total" && &r[col("metric")] == metric)
        .map(|r| (r[0].parse().unwrap(), r[col("mean")].parse().unwrap()))
        .collect()
}

#[test]
fn sweep_levy_grows_with_the_released_as_worked_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let file = hand_file(dir.path(), "hand", 6);
    let out = dir.path().join("sweep");
    burden()
        .args([
            "sweep",
            "-q",
            "-n",
            "4",
            "--set",
            "district[0].release_count=0..30:10",
            "--out",
        ])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    // R released x 10 kg at 1,500 KPW, all paid: 15,000 R KPW; split by 30 households: R/3 kg each.
    let paid = swept(&out.join("sweep.csv"), "levy_paid_kpw");
    let kg = swept(&out.join("sweep.csv"), "levy_kg_per_levied_household");
    assert_eq!(paid.len(), 4);
    for ((r, p), (_, k)) in paid.iter().zip(&kg) {
        assert!((p - 15_000.0 * r).abs() < 1e-6, "{r}: {p}");
        assert!((k - r / 3.0).abs() < 1e-9, "{r}: {k}");
    }
}

#[test]
fn more_released_never_lowers_the_levy_in_a_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let ranam = format!("{}/scenarios/ranam-2020.toml", env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("sweep");
    burden()
        .args([
            "sweep",
            &ranam,
            "-q",
            "-n",
            "12",
            "--set",
            "release.total=10..130:30",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    for metric in ["levy_paid_kpw", "food_lost_t"] {
        let points = swept(&out.join("sweep.csv"), metric);
        assert_eq!(points.len(), 5, "{metric}");
        for w in points.windows(2) {
            assert!(
                w[1].1 >= w[0].1,
                "{metric} fell from {:?} to {:?}",
                w[0],
                w[1]
            );
        }
    }
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["points"].as_array().unwrap().len(), 5);
}

#[test]
fn no_charts_skips_every_chart_and_the_reports_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 5] = [
        &["run", "ranam-2020", "-n", "20"],
        &[
            "compare",
            "ranam-2020",
            "--variant",
            "levy.resident_share=0",
            "-n",
            "20",
        ],
        &[
            "sweep",
            "ranam-2020",
            "--set",
            "release.total=3000,6000",
            "-n",
            "20",
        ],
        &["sensitivity", "ranam-2020", "-n", "40"],
        &[
            "discover",
            "ranam-2020",
            "--metric",
            "survival_deficit_attributable",
            "--top",
            "0.2",
            "-n",
            "100",
        ],
    ];
    for (k, args) in commands.iter().enumerate() {
        let out = dir.path().join(format!("out{k}"));
        burden()
            .args(*args)
            .args(["--no-charts", "-q", "--out"])
            .arg(&out)
            .assert()
            .success();
        assert!(!out.join("charts").exists(), "{args:?} drew charts");
        for report in ["report.md", "report.html"] {
            let text = std::fs::read_to_string(out.join(report)).unwrap();
            assert!(
                text.contains("Charts were skipped (--no-charts)"),
                "{args:?} {report}"
            );
            assert!(!text.contains("charts/"), "{args:?} {report} links a chart");
        }
        let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
        // A listed file starts a JSON string; the command line's path may hold "charts/".
        assert!(!manifest.contains("\"charts/"), "{args:?}");
    }
}

#[test]
fn sensitivity_of_the_only_district_is_the_sensitivity_of_the_total() {
    // Ranam has one district, so its figures are the total's: every index must match,
    // and only the `district` column differs.
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        burden()
            .args([
                "sensitivity",
                "-q",
                "-n",
                "120",
                "--bootstrap",
                "20",
                "--out",
            ])
            .arg(&out)
            .args(extra)
            .assert()
            .success();
        std::fs::read_to_string(out.join("sensitivity.csv")).unwrap()
    };
    let total = run("total", &[]);
    let ranam = run("ranam", &["--district", "Ranam"]);
    assert!(
        total.starts_with("metric,rank,") && total.lines().next().unwrap().ends_with(",district")
    );
    let strip = |csv: &str, tail: &str| -> Vec<String> {
        csv.lines()
            .skip(1)
            .map(|l| {
                l.strip_suffix(tail)
                    .unwrap_or_else(|| panic!("{l}"))
                    .to_string()
            })
            .collect()
    };
    assert_eq!(strip(&total, ","), strip(&ranam, ",Ranam"));
}

#[test]
fn an_unknown_district_is_a_usage_error_with_a_suggestion() {
    let out = burden()
        .args([
            "sensitivity",
            "dprk-2020",
            "-n",
            "50",
            "--district",
            "Pyongyan",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `Pyongyang`?"), "{err}");
}
