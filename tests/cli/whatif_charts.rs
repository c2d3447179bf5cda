//! The charts of `compare`, `sweep`, `sensitivity` and `run --precision`: each is
//! written as PNG and SVG into the command's `charts/` folder and linked from its
//! report, draws something, is well-formed, is the same bytes for the same seed,
//! and survives degenerate data (one iteration, zero variance, all zeros).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::support::hand_text;
use crate::support::{assert_well_formed_xml, decode_png, ink, repo};

fn burden() -> Command {
    Command::cargo_bin("burden").expect("binary builds")
}

fn ranam() -> PathBuf {
    repo("scenarios/ranam-2020.toml")
}

/// Runs `args` with `--out dir` and `-q`, which must succeed.
fn run_into(dir: &Path, args: &[&str]) {
    burden()
        .args(args)
        .args(["-q", "--out"])
        .arg(dir)
        .assert()
        .success();
}

/// Checks that each chart exists as a PNG with ink and a well-formed SVG, that
/// `report.md` links it and that `report.html`, a well-formed page with no script,
/// holds it inline.
fn assert_charts(dir: &Path, stems: &[&str], min_ink: f64) {
    let md = std::fs::read_to_string(dir.join("report.md")).expect("report.md written");
    let html = std::fs::read_to_string(dir.join("report.html")).expect("report.html written");
    assert_well_formed_xml(html.trim_start_matches("<!DOCTYPE html>"), "report.html");
    assert!(
        !html.to_lowercase().contains("<script"),
        "report.html has a script"
    );
    assert!(
        html.matches("<svg").count() >= stems.len(),
        "report.html charts"
    );
    for stem in stems {
        let png = std::fs::read(dir.join("charts").join(format!("{stem}.png")))
            .unwrap_or_else(|e| panic!("{stem}.png: {e}"));
        let (w, h, _, _) = decode_png(&png);
        assert!(w >= 800 && h >= 300, "{stem}: {w}x{h}");
        let (share, colours) = ink(&png);
        assert!(
            share > min_ink && share < 0.9,
            "{stem}: {share:.3} of pixels inked"
        );
        assert!(colours > 8, "{stem}: only {colours} colours");
        let svg = std::fs::read_to_string(dir.join("charts").join(format!("{stem}.svg")))
            .unwrap_or_else(|e| panic!("{stem}.svg: {e}"));
        assert!(svg.starts_with("<svg"), "{stem}.svg");
        assert_well_formed_xml(&svg, stem);
        assert!(
            svg.contains(env!("CARGO_PKG_VERSION")) && svg.contains("seed"),
            "{stem}.svg has no footer"
        );
        assert!(
            md.contains(&format!("](charts/{stem}.png)"))
                && md.contains(&format!("charts/{stem}.svg")),
            "report.md does not link {stem}"
        );
        assert!(
            html.contains(&format!("<figure id=\"{stem}\">")),
            "report.html does not show {stem}"
        );
        assert_chart_data(dir, stem, min_ink);
    }
}

/// `charts/<stem>.csv` holds the numbers drawn: the shared header and, unless every
/// panel is a note instead of a plot (`min_ink` below 0.02 marks such degenerate
/// data), a row or more.
pub fn assert_chart_data(dir: &Path, stem: &str, min_ink: f64) {
    let csv = std::fs::read_to_string(dir.join("charts").join(format!("{stem}.csv")))
        .unwrap_or_else(|e| panic!("{stem}.csv: {e}"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(burden::charts::data::COLUMNS.join(",").as_str()),
        "{stem}.csv header"
    );
    assert!(
        lines.next().is_some() || min_ink < 0.02,
        "{stem}.csv has no rows"
    );
}

/// The same command twice (one and two threads) gives the same chart bytes.
fn assert_same_bytes(args: &[&str], stems: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let mut one = args.to_vec();
    one.extend(["-j", "1"]);
    let mut two = args.to_vec();
    two.extend(["-j", "2"]);
    run_into(&a, &one);
    run_into(&b, &two);
    for stem in stems {
        for ext in ["png", "svg"] {
            let name = format!("charts/{stem}.{ext}");
            let x = std::fs::read(a.join(&name)).unwrap();
            let y = std::fs::read(b.join(&name)).unwrap();
            assert!(x == y, "{name} differs between two runs with the same seed");
        }
    }
}

const COMPARE: &[&str] = &["compare_no_stock", "compare_headline", "compare_difference"];

#[test]
fn compare_writes_its_charts_the_same_each_time() {
    let file = ranam();
    let file = file.to_str().unwrap();
    let args = [
        "compare",
        file,
        "--variant",
        "levy.resident_share=0",
        "-n",
        "30",
        "--seed",
        "5",
    ];
    let tmp = tempfile::tempdir().unwrap();
    run_into(&tmp.path().join("c"), &args);
    assert_charts(&tmp.path().join("c"), COMPARE, 0.02);
    assert_same_bytes(&args, COMPARE);
    // A second compare may replace the first one's folder, charts and all.
    run_into(&tmp.path().join("c"), &args);
}

#[test]
fn sweep_writes_its_chart_for_one_key_and_for_a_grid() {
    let file = ranam();
    let file = file.to_str().unwrap();
    let one = [
        "sweep",
        file,
        "--set",
        "release.total=10..130:60",
        "-n",
        "20",
        "--seed",
        "3",
    ];
    let tmp = tempfile::tempdir().unwrap();
    run_into(&tmp.path().join("s"), &one);
    assert_charts(&tmp.path().join("s"), &["sweep"], 0.02);
    assert_same_bytes(&one, &["sweep"]);
    let grid = [
        "sweep",
        file,
        "--set",
        "release.total=10,130",
        "--set",
        "levy.resident_share=0,0.5,1",
        "-n",
        "10",
    ];
    run_into(&tmp.path().join("g"), &grid);
    assert_charts(&tmp.path().join("g"), &["sweep"], 0.02);
    let svg = std::fs::read_to_string(tmp.path().join("g/charts/sweep.svg")).unwrap();
    assert!(
        svg.contains("levy.resident_share = 0.5"),
        "one line per value of the second key"
    );
}

#[test]
fn sensitivity_writes_its_tornado_chart_the_same_each_time() {
    let file = ranam();
    let file = file.to_str().unwrap();
    let args = ["sensitivity", file, "-n", "60", "--bootstrap", "20"];
    let tmp = tempfile::tempdir().unwrap();
    run_into(&tmp.path().join("t"), &args);
    assert_charts(&tmp.path().join("t"), &["sensitivity"], 0.02);
    assert_same_bytes(&args, &["sensitivity"]);
}

#[test]
fn a_precision_run_shows_its_convergence_chart_in_both_reports() {
    let file = ranam();
    let file = file.to_str().unwrap();
    let args = ["run", file, "--precision", "0.3", "--max-iterations", "200"];
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    run_into(&dir, &args);
    assert_charts(&dir, &["convergence"], 0.02);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<figure id=\"convergence\">"));
    assert_same_bytes(&args, &["convergence"]);
    // Without --precision there is no convergence chart.
    let plain = tmp.path().join("plain");
    run_into(&plain, &["run", file, "-n", "5"]);
    assert!(!plain.join("charts/convergence.png").exists());
}

/// A scenario whose every input is fixed: each figure is the same in every iteration.
fn fixed_file(dir: &Path, released: u32) -> PathBuf {
    let path = dir.join(format!("fixed{released}.toml"));
    std::fs::write(&path, hand_text(released, 60.0, 0.5, 0.0, 0.0)).unwrap();
    path
}

#[test]
fn degenerate_data_draws_charts_without_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    // Nobody released: every figure is zero in every iteration; one iteration only.
    let zero = fixed_file(tmp.path(), 0);
    let zero = zero.to_str().unwrap();
    let out = tmp.path().join("c1");
    run_into(
        &out,
        &[
            "compare",
            zero,
            "--variant",
            "district[0].release_count=6",
            "-n",
            "1",
        ],
    );
    assert_charts(&out, COMPARE, 0.005);
    // A compare of a scenario with itself: every difference is exactly zero.
    let out = tmp.path().join("c2");
    run_into(&out, &["compare", zero, zero, "-n", "3"]);
    assert_charts(&out, COMPARE, 0.005);
    // A sweep at one iteration per point, zero variance, a key that is not a number.
    let out = tmp.path().join("s1");
    run_into(
        &out,
        &[
            "sweep",
            zero,
            "--set",
            "levy.falls_on=inminban,district",
            "-n",
            "1",
        ],
    );
    assert_charts(&out, &["sweep"], 0.005);
    // Precision reached after the first block: one checkpoint, zero error.
    let six = fixed_file(tmp.path(), 6);
    let out = tmp.path().join("p1");
    run_into(
        &out,
        &[
            "run",
            six.to_str().unwrap(),
            "--precision",
            "0.01",
            "--max-iterations",
            "100",
        ],
    );
    assert_charts(&out, &["convergence"], 0.005);
    // Sensitivity of a figure that does not vary beside one that does.
    let path = tmp.path().join("one.toml");
    std::fs::write(
        &path,
        hand_text(6, 60.0, 0.5, 0.0, 0.0).replace(
            "resident_share = 1",
            "resident_share = { uniform = [0.2, 1.0] }",
        ),
    )
    .unwrap();
    let out = tmp.path().join("t1");
    run_into(
        &out,
        &[
            "sensitivity",
            path.to_str().unwrap(),
            "-n",
            "20",
            "--bootstrap",
            "20",
        ],
    );
    assert_charts(&out, &["sensitivity"], 0.005);
}
