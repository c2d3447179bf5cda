//! The catalogue of mistaken scenario files (tests/catalogue/NN-name.toml, plus a few
//! written here: a very large file, Latin-1 and UTF-16 text). Each must give exit code
//! 2 and a message with file, line and column where the mistake has a place; the
//! messages are snapshot-tested, so a change of wording is a deliberate one.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::robustness_check::{Reached, check_scenario_bytes};

/// Files whose mistake is an absence, so no line or column exists.
const NO_PLACE: &[&str] = &[
    "09-empty-file",
    "31-missing-release",
    "32-missing-package",
    "59-no-districts",
    "60-empty-district-list",
    "75-missing-release-and-package",
];

fn catalogue() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/catalogue exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Runs `burden validate` on `path` and returns the exit code and stderr, with the
/// path shown as `shown`.
fn validate(path: &Path, shown: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("burden")
        .expect("binary builds")
        .arg("validate")
        .arg(path)
        .output()
        .expect("burden runs");
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&path.display().to_string(), shown);
    (out.status.code(), stderr)
}

fn snapshot(name: &str, stderr: &str) {
    insta::with_settings!({ snapshot_path => "snapshots/catalogue", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, stderr);
    });
}

#[test]
fn the_catalogue_is_large_enough() {
    assert!(catalogue().len() >= 40, "{} files", catalogue().len());
}

#[test]
fn every_catalogued_mistake_is_refused_with_its_place() {
    for path in catalogue() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name")
            .to_string();
        let shown = format!("{stem}.toml");
        let (code, stderr) = validate(&path, &shown);
        assert_eq!(code, Some(2), "{shown}: exit code {code:?}\n{stderr}");
        assert!(stderr.starts_with("error: "), "{shown}:\n{stderr}");
        let located = stderr.contains(&format!("--> {shown}:"));
        if NO_PLACE.contains(&stem.as_str()) {
            assert!(
                stderr.contains(&format!("--> {shown}\n")),
                "{shown}:\n{stderr}"
            );
        } else {
            assert!(located, "{shown} has no line and column:\n{stderr}");
        }
        snapshot(&stem, &stderr);
    }
}

#[test]
fn catalogued_files_never_panic_when_loaded() {
    for path in catalogue() {
        let bytes = std::fs::read(&path).expect("readable");
        assert_eq!(check_scenario_bytes(&bytes), Reached::Refused, "{path:?}");
    }
}

#[test]
fn a_very_large_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.toml");
    let line = "# a comment line that pads the file out to many megabytes\n";
    std::fs::write(&path, line.repeat(9 * 1024 * 1024 / line.len() + 1)).expect("written");
    let (code, stderr) = validate(&path, "huge.toml");
    assert_eq!(code, Some(2));
    snapshot("large-file", &stderr);
}

#[test]
fn latin1_text_is_located() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"[scenario]\nname = \"Hoery\xf6ng\"\n").expect("written");
    let (code, stderr) = validate(&path, "latin1.toml");
    assert_eq!(code, Some(2));
    snapshot("latin1", &stderr);
}

#[test]
fn utf16_text_is_recognised() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("utf16.toml");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "[scenario]\nname = \"x\"\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&path, bytes).expect("written");
    let (code, stderr) = validate(&path, "utf16.toml");
    assert_eq!(code, Some(2));
    snapshot("utf16", &stderr);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let base =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/ranam-2020.toml"))
            .expect("shipped scenario");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(base);
    assert!(burden::scenario::load_bytes("bom.toml", &bytes).is_ok());
}

#[test]
fn a_folder_given_as_a_scenario_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = validate(dir.path(), "some-folder");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("cannot read scenario file some-folder"),
        "{stderr}"
    );
}

#[test]
fn zero_iterations_on_the_command_line_is_a_usage_error() {
    let out = Command::cargo_bin("burden")
        .expect("binary builds")
        .args(["run", "-n", "0", "--out", "never-written"])
        .output()
        .expect("burden runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 is not in 1..=10000000"));
    assert!(!Path::new("never-written").exists());
}

/// The catalogue's base file, with nothing wrong.
fn base_scenario() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue/08-percent-sign.toml");
    std::fs::read_to_string(path)
        .expect("catalogue file")
        .replace("share_homeless = 70%", "share_homeless = 0.7")
}

#[test]
fn names_in_any_script_are_accepted_and_name_the_folder() {
    for name in ["ranam-é", "나남", "Hoeryŏng-2020"] {
        let text = base_scenario().replace("name = \"catalogue\"", &format!("name = \"{name}\""));
        let sc = burden::scenario::load_str("t.toml", &text)
            .unwrap_or_else(|e| panic!("{name} is refused:\n{e}"));
        assert_eq!(sc.name(), name);
    }
    for bad in [
        "",
        ".",
        "..",
        ".hidden",
        "a/b",
        "a\\b",
        "tab\there",
        " padded",
    ] {
        assert!(!burden::scenario::valid_name(bad), "{bad:?} is accepted");
    }
}

#[test]
fn a_toml_date_is_a_date_in_the_file_and_in_set() {
    let text = base_scenario()
        .replace("seed = 1\n", "seed = 1\nstart_date = 2020-10-10\n")
        .replace(
            "recovery_days = 30\n",
            "recovery_days = 30\n\n[[release.wave]]\nday = 0\ndate = 2020-10-10\nshare = 1\n",
        );
    let sc = burden::scenario::load_str("t.toml", &text).expect("a TOML date loads");
    let date = sc
        .file
        .scenario
        .start_date
        .as_ref()
        .map(|d| d.get_ref().clone());
    assert_eq!(date.as_deref(), Some("2020-10-10"));
    // The same on the command line, for a scenario that has a start date and one that has none.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("plain.toml"), base_scenario()).expect("written");
    for file in ["plain.toml", "ranam-2020"] {
        let out = Command::cargo_bin("burden")
            .expect("binary builds")
            .current_dir(dir.path())
            .args(["validate", file, "--set", "scenario.start_date=2021-04-10"])
            .output()
            .expect("burden runs");
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
