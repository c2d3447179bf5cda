//! What a new user meets in the first hour: shipped scenarios named on the command
//! line, `--version`, and Korean place names in the charts.

use crate::support::{burden, decode_png, failure, read, repo, success};

#[test]
fn every_command_that_takes_a_scenario_takes_a_shipped_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let ok = success(
        burden()
            .current_dir(dir.path())
            .args(["validate", "hyesan-2012"]),
    );
    assert!(
        ok.starts_with("ok: hyesan-2012 (hyesan-2012: 1 district,"),
        "{ok}"
    );
    success(
        burden()
            .current_dir(dir.path())
            .args(["explain", "hyesan-2012"]),
    );
    success(burden().current_dir(dir.path()).args([
        "run",
        "hyesan-2012",
        "-n",
        "20",
        "--quiet",
        "--out",
        out.to_str().expect("UTF-8 path"),
    ]));
    let manifest = read(&out.join("manifest.json"));
    assert!(
        manifest.contains("burden run hyesan-2012 --seed"),
        "{manifest}"
    );
    // An unknown name that is not a file lists the shipped ones.
    let err = failure(
        burden()
            .current_dir(dir.path())
            .args(["run", "hyesan-2013"]),
        2,
    );
    assert!(err.contains("no shipped scenario is called that"), "{err}");
    assert!(err.contains("dprk-2020, hyesan-2012, ranam-2020"), "{err}");
}

#[test]
fn version_shows_the_scenario_format() {
    let text = success(burden().arg("--version"));
    assert_eq!(
        text.trim(),
        format!("burden {} (scenario format 2)", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_hangul_district_name_is_drawn_in_png_and_svg_charts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = read(&repo("scenarios/ranam-2020.toml"))
        .replace("name = \"ranam-2020\"", "name = \"나남-2020\"")
        .replace("name = \"Ranam\"", "name = \"나남\"");
    let file = dir.path().join("나남-2020.toml");
    std::fs::write(&file, text).expect("written");
    let out = dir.path().join("결과");
    success(burden().args([
        "run",
        file.to_str().expect("UTF-8 path"),
        "-n",
        "20",
        "--quiet",
        "--out",
        out.to_str().expect("UTF-8 path"),
    ]));
    let charts = out.join("charts");
    let svg = read(&charts.join("hea.svg"));
    assert!(svg.contains("나남"), "the SVG does not name the district");
    let (width, height, pixels, _) =
        decode_png(&std::fs::read(charts.join("hea.png")).expect("hea.png"));
    assert!(width > 0 && height > 0 && !pixels.is_empty());
    // That the PNG draws 나남 as glyphs and not as boxes is checked in
    // charts::style's tests, which compare the pixels of different syllables.
}
