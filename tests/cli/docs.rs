//! The documentation keeps step with the program: every metric, series, column and
//! scenario key appears in docs/, and the README keeps its first two commands on top.

use burden::scenario::{keys, schema};
use burden::summary::{METRICS, SERIES};

use crate::support::{read, repo};

const BEGIN: &str = "<!-- metrics: generated from METRICS in src/summary.rs; refresh with UPDATE_DOCS=1 cargo test -->";
const END: &str = "<!-- end of metrics -->";

/// The metric dictionary as OUTPUTS.md shows it.
fn metric_table() -> String {
    let mut s = String::from("| metric | unit | meaning | rows |\n|---|---|---|---|\n");
    for m in METRICS {
        let rows = if m.released_only {
            "districts and total only (scope district or total)"
        } else {
            "every row"
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {rows} |\n",
            m.name, m.unit, m.label
        ));
    }
    s
}

/// Checks that the text between `begin` and `end` in a doc equals `wanted`; with
/// UPDATE_DOCS set, writes it instead.
fn generated_section(doc: &str, begin: &str, end: &str, wanted: &str) {
    let path = repo(doc);
    let text = read(&path);
    let (before, rest) = text
        .split_once(begin)
        .unwrap_or_else(|| panic!("{doc} has no marker {begin}"));
    let (current, after) = rest
        .split_once(end)
        .unwrap_or_else(|| panic!("{doc} has no marker {end}"));
    let wanted = format!("\n{wanted}");
    if current != wanted {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, format!("{before}{begin}{wanted}{end}{after}")).expect("write");
        } else {
            panic!(
                "a generated part of {doc} is out of date; refresh it with\n  UPDATE_DOCS=1 cargo test"
            );
        }
    }
}

#[test]
fn outputs_md_lists_every_metric_with_its_unit_and_meaning() {
    generated_section("docs/OUTPUTS.md", BEGIN, END, &metric_table());
}

#[test]
fn scenarios_md_has_the_reference_of_every_key() {
    generated_section(
        "docs/SCENARIOS.md",
        "<!-- reference: generated from the key table, src/scenario/keys.rs; refresh with UPDATE_DOCS=1 cargo test -->",
        "<!-- end of reference -->",
        &schema::reference_markdown(),
    );
}

#[test]
fn outputs_md_explains_every_series_and_column() {
    let text = read(&repo("docs/OUTPUTS.md"));
    for (name, unit) in SERIES {
        assert!(
            text.contains(&format!("`{name}`")),
            "docs/OUTPUTS.md does not explain the series {name}"
        );
        assert!(
            text.contains(unit),
            "docs/OUTPUTS.md does not give the unit {unit}"
        );
    }
    for column in [
        "scope",
        "district",
        "wealth_group",
        "metric",
        "unit",
        "mean",
        "mc_se",
        "median",
        "median_ci_low",
        "median_ci_high",
        "p05",
        "p25",
        "p75",
        "p95",
        "sd",
        "n_iterations",
        "day",
        "date",
        "iteration",
        "input:",
        "total:",
    ] {
        assert!(
            text.contains(&format!("`{column}")),
            "docs/OUTPUTS.md does not explain the column {column}"
        );
    }
    for column in burden::charts::data::COLUMNS {
        assert!(
            text.contains(&format!("`{column}`")),
            "docs/OUTPUTS.md does not explain the chart data column {column}"
        );
    }
    for file in [
        "charts/NAME.csv",
        "summary.json",
        "districts.csv",
        "timeseries.csv",
        "iterations.csv",
        "manifest.json",
    ] {
        assert!(
            text.contains(&format!("## `{file}`")),
            "docs/OUTPUTS.md has no section on {file}"
        );
    }
}

#[test]
fn scenarios_md_documents_every_key() {
    let text = read(&repo("docs/SCENARIOS.md"));
    for (path, _) in keys::keys() {
        let key = path.rsplit('.').next().unwrap_or(&path);
        let shown = text.contains(&format!("`{path}`"))
            || text.contains(&format!("[{path}]"))
            || text.contains(&format!("| `{key}` |"));
        assert!(shown, "docs/SCENARIOS.md does not document `{path}`");
    }
    for form in [
        "uniform",
        "triangular",
        "pert",
        "normal",
        "lognormal",
        "beta",
        " to ",
    ] {
        assert!(
            text.contains(form),
            "docs/SCENARIOS.md does not show the form {form}"
        );
    }
}

#[test]
fn the_readme_keeps_its_first_two_commands_on_top() {
    let text = read(&repo("README.md"));
    let top: String = text.lines().take(15).collect::<Vec<_>>().join("\n");
    assert!(
        top.contains("cargo run --release -- run"),
        "README: the run command left the top"
    );
    assert!(
        top.contains("cargo test"),
        "README: the test command left the top"
    );
}
