//! Default output folders: each command, variant and set of changes has its own, and a
//! rerun replaces only what it wrote, keeping a user's files anywhere inside.

use std::path::Path;

use crate::support::{burden, read, repo, success};

/// Runs `burden ARGS -n N --quiet` in `dir` (so that `output/` is made there).
fn run_in(dir: &Path, args: &[&str], n: &str) {
    success(
        burden()
            .current_dir(dir)
            .args(args)
            .args(["-n", n, "--quiet"]),
    );
}

fn folders(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("output"))
        .expect("output/ made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_question_writes_to_its_own_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ranam = repo("scenarios/ranam-2020.toml");
    let ranam = ranam.to_str().expect("a UTF-8 path");
    run_in(dir.path(), &["run"], "20");
    run_in(dir.path(), &["run", "--set", "levy.resident_share=0"], "20");
    run_in(
        dir.path(),
        &["run", "--set", "levy.resident_share=0.5"],
        "20",
    );
    for variant in ["levy.resident_share=0", "levy.resident_share=0.5"] {
        run_in(dir.path(), &["compare", ranam, "--variant", variant], "20");
    }
    run_in(
        dir.path(),
        &["sweep", "--set", "release.total=5000,7000"],
        "20",
    );
    run_in(
        dir.path(),
        &["sweep", "--set", "release.total=5000..9000:2000"],
        "20",
    );
    run_in(dir.path(), &["sensitivity"], "200");
    run_in(
        dir.path(),
        &["sensitivity", "--set", "release.total=5000 to 9000"],
        "200",
    );
    assert_eq!(
        folders(dir.path()),
        [
            "compare-ranam-2020-vs-levy.resident_share=0",
            "compare-ranam-2020-vs-levy.resident_share=0.5",
            "ranam-2020",
            "ranam-2020--levy.resident_share=0",
            "ranam-2020--levy.resident_share=0.5",
            "sensitivity-ranam-2020",
            "sensitivity-ranam-2020--release.total=5000_to_9000",
            "sweep-ranam-2020--release.total=5000,7000",
            "sweep-ranam-2020--release.total=5000..9000-step-2000",
        ]
    );
}

#[test]
fn a_rerun_keeps_the_users_files_and_replaces_only_its_own() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_in(dir.path(), &["run"], "20");
    let out = dir.path().join("output/ranam-2020");
    std::fs::write(out.join("charts/my-notes.txt"), "mine").expect("written");
    std::fs::create_dir(out.join("charts/redrawn")).expect("made");
    std::fs::write(out.join("charts/redrawn/a.png"), "mine too").expect("written");
    let first = read(&out.join("manifest.json"));
    let listed: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert!(
        listed["files"].as_array().is_some_and(|f| f
            .iter()
            .any(|f| f.as_str().is_some_and(|f| f.starts_with("charts/")))),
        "the manifest lists the charts it wrote: {first}"
    );

    run_in(dir.path(), &["run"], "30");
    assert_eq!(read(&out.join("charts/my-notes.txt")), "mine");
    assert_eq!(read(&out.join("charts/redrawn/a.png")), "mine too");
    let second: serde_json::Value =
        serde_json::from_str(&read(&out.join("manifest.json"))).expect("JSON");
    assert_eq!(second["iterations"], 30);
    for f in second["files"].as_array().expect("a list of files") {
        let f = f.as_str().expect("a name");
        assert!(out.join(f).is_file(), "{f} listed but missing");
    }
}
