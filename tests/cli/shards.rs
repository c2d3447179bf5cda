//! `--shard I/N` and `burden merge`: shards joined give one run's files byte for byte,
//! and a missing, repeated or mismatched shard is refused with exit 2.

use std::path::Path;

use crate::support::{burden, failure, same_files, success};

const SWEEP: [&str; 6] = [
    "sweep",
    "-q",
    "-n",
    "40",
    "--set",
    "release.total=10..100:10",
];
const SENSITIVITY: [&str; 6] = ["sensitivity", "-q", "-n", "150", "--bootstrap", "25"];

fn shards(dir: &Path, args: &[&str], n: u64, name: &str) -> Vec<std::path::PathBuf> {
    (1..=n)
        .map(|i| {
            let out = dir.join(format!("{name}{i}"));
            success(
                burden()
                    .args(args)
                    .args(["--shard", &format!("{i}/{n}"), "--out"])
                    .arg(&out),
            );
            out
        })
        .collect()
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn a_four_shard_sweep_merged_is_the_single_sweep_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("single");
    success(burden().args(SWEEP).arg("--out").arg(&single));
    let parts = shards(dir.path(), &SWEEP, 4, "part");
    assert_eq!(manifest(&parts[1])["shard"], "2/4");
    let merged = dir.path().join("merged");
    // In any order.
    success(
        burden()
            .args(["merge", "-q", "--out"])
            .arg(&merged)
            .args([&parts[2], &parts[0], &parts[3], &parts[1]]),
    );
    assert_eq!(
        std::fs::read(single.join("sweep.csv")).unwrap(),
        std::fs::read(merged.join("sweep.csv")).unwrap()
    );
    same_files(&single, &merged);
    let m = manifest(&merged);
    assert_eq!(m["command"], "sweep");
    assert_eq!(m["merged_shards"].as_array().unwrap().len(), 4);
    assert_eq!(m["reproduce"], manifest(&single)["reproduce"]);
}

#[test]
fn a_three_shard_sensitivity_merged_is_the_single_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("single");
    success(burden().args(SENSITIVITY).arg("--out").arg(&single));
    let parts = shards(dir.path(), &SENSITIVITY, 3, "part");
    let merged = dir.path().join("merged");
    success(
        burden()
            .args(["merge", "-q", "--out"])
            .arg(&merged)
            .args(&parts),
    );
    same_files(&single, &merged);
}

#[test]
fn missing_repeated_or_mismatched_shards_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let parts = shards(dir.path(), &SWEEP, 3, "part");
    let out = dir.path().join("merged");
    let merge = |dirs: &[&Path]| {
        let mut cmd = burden();
        cmd.args(["merge", "--out"]).arg(&out).args(dirs);
        failure(&mut cmd, 2)
    };
    let err = merge(&[&parts[0], &parts[2]]);
    assert!(err.contains("shard 2/3 missing"), "{err}");
    let err = merge(&[&parts[0], &parts[1], &parts[1], &parts[2]]);
    assert!(err.contains("are both shard 2/3"), "{err}");
    let other = dir.path().join("other");
    success(
        burden()
            .args(SWEEP)
            .args(["--seed", "7", "--shard", "3/3", "--out"])
            .arg(&other),
    );
    let err = merge(&[&parts[0], &parts[1], &other]);
    assert!(err.contains("its seed differs"), "{err}");
    let err = merge(&[dir.path()]);
    assert!(err.contains("holds no shard.json"), "{err}");
    assert!(!out.exists(), "nothing is written");
    for bad in ["0/4", "5/4", "2", "x/4"] {
        let err = failure(burden().args(SWEEP).args(["--shard", bad]), 2);
        assert!(err.contains("numbered from 1"), "{bad}: {err}");
    }
}
