//! `burden schema`: the committed schema is current, valid JSON Schema, accepts every
//! shipped scenario and the `init` template, and rejects only what the loader rejects.

use burden::scenario::{DEFAULT_SCENARIO, load_str};
use serde_json::Value;

use crate::support::{burden, read, repo, shipped_scenarios, success, toml_to_json};

const SCHEMA_LINE: &str = "#:schema ../docs/scenario.schema.json";

fn schema() -> Value {
    serde_json::from_str(&success(burden().arg("schema"))).expect("burden schema prints JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema compiles")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_current() {
    let printed = success(burden().arg("schema"));
    let committed = read(&repo("docs/scenario.schema.json"));
    assert!(
        printed == committed,
        "docs/scenario.schema.json is out of date; refresh it with\n  cargo run -- schema > docs/scenario.schema.json"
    );
}

#[test]
fn the_schema_is_valid_draft_7() {
    let s = schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::meta::validate(&s).expect("the schema follows the draft 7 meta-schema");
}

#[test]
fn every_shipped_scenario_points_to_the_schema_and_matches_it() {
    let v = validator();
    for file in shipped_scenarios() {
        let text = read(&file);
        assert_eq!(
            text.lines().next(),
            Some(SCHEMA_LINE),
            "{} must start with the line `{SCHEMA_LINE}` so that editors check it",
            file.display()
        );
        let found = errors(&v, &toml_to_json(&text));
        assert!(
            found.is_empty(),
            "{} does not match the schema:\n{}",
            file.display(),
            found.join("\n")
        );
    }
}

#[test]
fn the_init_template_matches_the_schema() {
    let v = validator();
    let dir = tempfile::tempdir().expect("temp dir");
    success(burden().current_dir(dir.path()).args(["init", "fresh"]));
    let found = errors(&v, &toml_to_json(&read(&dir.path().join("fresh.toml"))));
    assert!(
        found.is_empty(),
        "the init template does not match the schema:\n{}",
        found.join("\n")
    );
}

/// The built-in scenario with one edit, as TOML text.
fn edited(edit: &str) -> String {
    // Edits are `section.key = value` lines placed under the right table.
    let (path, value) = edit.split_once(" = ").expect("an edit is `path = value`");
    let (section, key) = path.rsplit_once('.').expect("a dotted path");
    let mut doc: toml::Table = toml::from_str(DEFAULT_SCENARIO).expect("the default parses");
    let new: toml::Table = toml::from_str(&format!("{key} = {value}")).expect("the edit parses");
    let mut table = &mut doc;
    for part in section.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let item = table
            .entry(name)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        table = match (item, index) {
            (toml::Value::Array(a), Some(i)) => a[i].as_table_mut().expect("a table"),
            (toml::Value::Table(t), None) => t,
            _ => panic!("cannot follow {path}"),
        };
    }
    table.extend(new);
    toml::to_string(&doc).expect("serialises")
}

#[test]
fn the_schema_accepts_every_input_form() {
    let v = validator();
    for edit in [
        "release.total = 7000",
        "release.total = 28.5",
        "release.total = \"7_000\"",
        "release.total = \"7,000\"",
        "release.total = \"5000 to 9000\"",
        "release.total = { value = \"15 to 120\", grade = \"E\", note = \"RFA\" }",
        "release.total = { uniform = [10, 50] }",
        "release.total = { triangular = [10, 20, 50] }",
        "release.total = { pert = [10, 20, 50], source = \"E\" }",
        "release.total = { normal = { mean = 30, sd = 5 } }",
        "release.total = { lognormal = { median = 30, p95 = 90 } }",
        "release.total = { lognormal = { mean = 30, sd = 10 } }",
        "release.total = { lognormal = { p05 = 15, p95 = 120 } }",
        "release.share_homeless = { beta = { alpha = 7, beta = 3 } }",
        "district[0].mean_temperature_c = -4.5",
        "release.allocation = \"counts\"",
    ] {
        let text = edited(edit);
        assert!(
            errors(&v, &toml_to_json(&text)).is_empty(),
            "the schema rejects `{edit}`"
        );
        // The loader may still refuse a file on grounds the schema cannot see
        // (counts need a release_count), but not these forms.
        if !edit.contains("counts") {
            assert!(
                load_str("edit", &text).is_ok(),
                "the loader rejects `{edit}`"
            );
        }
    }
}

#[test]
fn what_the_schema_rejects_the_loader_rejects_too() {
    let v = validator();
    for edit in [
        "release.totl = 7000",
        "release.share_homeless = 70",
        "release.share_homeless = { value = 1.5 }",
        "release.total = -5",
        "release.total = \"many\"",
        "release.total = true",
        "release.total = [10, 20]",
        "release.total = { grade = \"E\" }",
        "release.total = { value = 30, uniform = [10, 50] }",
        "release.total = { uniform = [10] }",
        "release.total = { unifrom = [10, 50] }",
        "release.total = { value = 30, grade = \"A\" }",
        "release.total = { lognormal = { median = 30, sd = 5 } }",
        "release.total = { normal = { mean = 30, sd = 0 } }",
        "release.allocation = \"random\"",
        "levy.falls_on = \"households\"",
        "scenario.name = \"my scenario\"",
        "scenario.horizon_days = 0",
        "scenario.iterations = 0",
        "scenario.start_date = \"10 Oct 2020\"",
        "district[0].households = 24000",
        "district[0].persons_per_household = 0.5",
        "engine.unit_sample = 0",
    ] {
        let text = edited(edit);
        assert!(
            !errors(&v, &toml_to_json(&text)).is_empty(),
            "the schema accepts `{edit}`"
        );
        assert!(
            load_str("edit", &text).is_err(),
            "the schema rejects `{edit}` but the loader accepts it"
        );
    }
}

#[test]
fn every_key_has_a_description() {
    fn walk(path: &str, s: &Value, missing: &mut Vec<String>) {
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                let here = format!("{path}.{k}");
                let described = p
                    .get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| d.len() > 10);
                if !described && !path.contains("definitions") {
                    missing.push(here.clone());
                }
                walk(&here, p, missing);
                if let Some(items) = p.get("items") {
                    walk(&here, items, missing);
                }
            }
        }
    }
    let s = schema();
    let mut missing = Vec::new();
    walk("", &s, &mut missing);
    assert!(
        missing.is_empty(),
        "keys without a description: {missing:?}"
    );
}
