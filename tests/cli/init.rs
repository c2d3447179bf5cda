//! `burden init`: the new file loads, is named after NAME, never overwrites by
//! accident, and gives the same results as the scenario it came from.

use std::path::Path;

use crate::support::{burden, failure, read, repo, shipped_scenarios, success, toml_to_json};

fn scenario_name(text: &str) -> String {
    toml_to_json(text)["scenario"]["name"]
        .as_str()
        .expect("[scenario] name is text")
        .to_string()
}

#[test]
fn init_writes_a_commented_scenario_that_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = success(
        burden()
            .current_dir(dir.path())
            .args(["init", "ranam-state-pays"]),
    );
    assert!(out.contains("wrote ranam-state-pays.toml"), "{out}");

    let path = dir.path().join("ranam-state-pays.toml");
    let text = read(&path);
    assert_eq!(scenario_name(&text), "ranam-state-pays");
    assert!(
        !text.starts_with("#:schema"),
        "no schema line where no docs/scenario.schema.json is found"
    );
    // Every input is explained: the template's comments outnumber its keys.
    let comments = text.lines().filter(|l| l.starts_with('#')).count();
    let keys = text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .count();
    assert!(comments > keys, "{comments} comment lines for {keys} keys");

    let ok = success(
        burden()
            .current_dir(dir.path())
            .args(["validate", "ranam-state-pays.toml"]),
    );
    assert!(
        ok.starts_with("ok: ranam-state-pays.toml (ranam-state-pays:"),
        "{ok}"
    );
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "my notes").expect("write");
    let err = failure(burden().current_dir(dir.path()).args(["init", "mine"]), 2);
    assert!(
        err.contains("mine.toml already exists; choose another name, or add --force"),
        "{err}"
    );
    assert_eq!(read(&path), "my notes", "the file was left alone");

    success(
        burden()
            .current_dir(dir.path())
            .args(["init", "mine", "--force"]),
    );
    assert_eq!(scenario_name(&read(&path)), "mine");
}

#[test]
fn init_takes_a_path_ending_in_toml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = failure(
        burden()
            .current_dir(dir.path())
            .args(["init", "studies/levy.toml"]),
        2,
    );
    assert!(err.contains("the folder studies does not exist"), "{err}");

    std::fs::create_dir(dir.path().join("studies")).expect("mkdir");
    success(
        burden()
            .current_dir(dir.path())
            .args(["init", "studies/levy.toml"]),
    );
    assert_eq!(
        scenario_name(&read(&dir.path().join("studies/levy.toml"))),
        "levy"
    );
}

#[test]
fn init_refuses_names_that_cannot_name_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    for bad in ["state pays", ".hidden", "why?"] {
        let err = failure(burden().current_dir(dir.path()).args(["init", bad]), 2);
        assert!(err.contains("cannot be a scenario name"), "{bad}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("ls").count(),
        0,
        "nothing written"
    );
}

#[test]
fn init_from_an_unknown_scenario_lists_the_shipped_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = failure(
        burden()
            .current_dir(dir.path())
            .args(["init", "x", "--from", "ranam-2021"]),
        2,
    );
    assert!(
        err.contains("there is no file or shipped scenario called \"ranam-2021\"; choose one of "),
        "{err}"
    );
    assert!(err.contains("ranam-2020"), "{err}");
    let err = failure(
        burden()
            .current_dir(dir.path())
            .args(["init", "x", "--from", "missing.toml"]),
        2,
    );
    assert!(
        err.contains("no file or shipped scenario called \"missing.toml\""),
        "{err}"
    );
}

#[test]
fn init_from_a_broken_file_says_to_fix_it_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("broken.toml"), "[scenario]\nname = \"b\"\n").expect("write");
    let err = failure(
        burden()
            .current_dir(dir.path())
            .args(["init", "x", "--from", "broken.toml"]),
        2,
    );
    assert!(
        err.contains("the scenario to copy has errors; fix them first"),
        "{err}"
    );
    assert!(!dir.path().join("x.toml").exists());
}

/// The copy equals its source except for the name (and the comments).
fn assert_copy_of(copy: &Path, source: &Path, name: &str) {
    let mut expected = toml_to_json(&read(source));
    expected["scenario"]["name"] = serde_json::Value::String(name.into());
    assert_eq!(
        toml_to_json(&read(copy)),
        expected,
        "{} is not a copy of {}",
        copy.display(),
        source.display()
    );
}

#[test]
fn init_from_every_shipped_scenario_copies_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in shipped_scenarios() {
        let stem = file.file_stem().and_then(|s| s.to_str()).expect("name");
        let name = format!("{stem}-copy");
        let out = success(
            burden()
                .current_dir(dir.path())
                .args(["init", &name, "--from", stem]),
        );
        assert!(
            out.contains(&format!("from the shipped scenario {stem}")),
            "{out}"
        );
        assert_copy_of(&dir.path().join(format!("{name}.toml")), &file, &name);
    }
}

#[test]
fn init_from_a_path_copies_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = repo("scenarios/ranam-2020.toml");
    let source_arg = source.to_str().expect("UTF-8 path");
    success(
        burden()
            .current_dir(dir.path())
            .args(["init", "copied", "--from", source_arg]),
    );
    assert_copy_of(&dir.path().join("copied.toml"), &source, "copied");
}

#[test]
fn init_in_a_checkout_points_the_file_at_the_schema() {
    // A folder holding docs/scenario.schema.json, as a source checkout does.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("docs")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("studies")).expect("mkdir");
    std::fs::write(dir.path().join("docs/scenario.schema.json"), "{}").expect("write");
    success(burden().current_dir(dir.path()).args(["init", "a"]));
    success(burden().current_dir(dir.path()).args([
        "init",
        "studies/b.toml",
        "--from",
        "ranam-2020",
    ]));
    let first = |p: &str| {
        read(&dir.path().join(p))
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(first("a.toml"), "#:schema ./docs/scenario.schema.json");
    assert_eq!(
        first("studies/b.toml"),
        "#:schema ../docs/scenario.schema.json"
    );
}

/// The commented template must hold the built-in scenario's numbers: the same seed
/// gives byte-identical results.
#[test]
fn the_template_gives_the_same_results_as_the_built_in_scenario() {
    let dir = tempfile::tempdir().expect("temp dir");
    success(burden().current_dir(dir.path()).args(["init", "template"]));
    let run = |args: &[&str], out: &str| {
        success(
            burden()
                .current_dir(dir.path())
                .args(["run", "-n", "30", "-j", "2", "--quiet", "--out", out])
                .args(args),
        );
        read(&dir.path().join(out).join("districts.csv"))
    };
    let built_in = run(&[], "built-in");
    let template = run(&["template.toml"], "template-out");
    assert!(
        built_in == template,
        "districts.csv differs between the template and the built-in scenario"
    );
}
