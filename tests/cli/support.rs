//! Helpers of the command-line tests: run the binary, find shipped files, read TOML as JSON.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `burden` binary, ready to be given arguments.
pub fn burden() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("burden")
}

/// A path in the source checkout.
pub fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The shipped scenario files, in name order.
pub fn shipped_scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("scenarios"))
        .expect("scenarios/ exists")
        .map(|e| e.expect("scenarios/ is readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenarios shipped");
    files
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A TOML document as JSON, the way an editor checks it against the schema.
pub fn toml_to_json(text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(value).expect("TOML values convert to JSON")
}

/// What a run of the binary gave.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs a command and collects its exit code and output.
pub fn outcome(cmd: &mut Command) -> Outcome {
    let out = cmd.output().expect("the binary runs");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed and returns its standard output.
pub fn success(cmd: &mut Command) -> String {
    let o = outcome(cmd);
    assert_eq!(o.code, 0, "failed with {}:\n{}", o.code, o.stderr);
    o.stdout
}

/// Runs a command that must fail with `code` and returns its standard error.
pub fn failure(cmd: &mut Command, code: i32) -> String {
    let o = outcome(cmd);
    assert_eq!(
        o.code, code,
        "exit code {} instead of {code}:\n{}{}",
        o.code, o.stdout, o.stderr
    );
    o.stderr
}
