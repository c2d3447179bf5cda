//! The CSV outputs read back without cleaning: one header row of unique names, the
//! same number of cells in every row, text columns never empty (a district or group
//! name is empty only where the row covers all of them), every other column a finite
//! number in every row, and one row per key (tidy).

use std::collections::HashSet;
use std::path::Path;

use burden::summary::{COPING_SERIES, METRICS, SERIES};

use crate::support::{burden, read, success};

/// Columns that hold text; every other column must be a number.
const TEXT_COLUMNS: &[&str] = &["scope", "metric", "unit", "date"];
/// Names, empty when the row covers every district or every group.
const NAME_COLUMNS: &[&str] = &["district", "wealth_group"];
/// Columns that hold whole numbers.
const WHOLE_COLUMNS: &[&str] = &["n_iterations", "day", "iteration"];

struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }
}

/// Reads a CSV file and checks the rules every output follows.
fn read_csv(path: &Path) -> Table {
    let file = path
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or("?")
        .to_string();
    let mut reader = csv::Reader::from_path(path).expect("the CSV opens");
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    let unique: HashSet<&String> = header.iter().collect();
    assert_eq!(unique.len(), header.len(), "{file}: duplicate column names");
    assert!(
        header.iter().all(|h| !h.trim().is_empty()),
        "{file}: an empty column name"
    );
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // The csv reader refuses rows whose width differs from the header's.
        let record = record.unwrap_or_else(|e| panic!("{file}, row {}: {e}", i + 2));
        let row: Vec<String> = record.iter().map(String::from).collect();
        for (name, cell) in header.iter().zip(&row) {
            let at = format!("{file}, row {}, column {name}", i + 2);
            assert_eq!(cell.trim(), cell, "{at}: spaces around {cell:?}");
            if TEXT_COLUMNS.contains(&name.as_str()) {
                assert!(!cell.is_empty(), "{at}: empty");
            } else if NAME_COLUMNS.contains(&name.as_str()) {
                // A name or empty; the `scope` column says which.
            } else if WHOLE_COLUMNS.contains(&name.as_str()) {
                cell.parse::<u64>()
                    .unwrap_or_else(|_| panic!("{at}: {cell:?} is not a whole number"));
            } else {
                let x: f64 = cell
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: {cell:?} is not a number"));
                assert!(x.is_finite(), "{at}: {cell:?} is not a finite number");
                assert!(
                    !cell.to_lowercase().contains("nan") && !cell.to_lowercase().contains("inf"),
                    "{at}: {cell:?}"
                );
            }
        }
        rows.push(row);
    }
    assert!(!rows.is_empty(), "{file}: no rows");
    Table { header, rows }
}

fn check_run(out: &Path, iterations: usize, horizon: usize, districts: &[&str]) {
    let d = read_csv(&out.join("districts.csv"));
    let (scope, district, group, metric, unit, n) = (
        d.column("scope"),
        d.column("district"),
        d.column("wealth_group"),
        d.column("metric"),
        d.column("unit"),
        d.column("n_iterations"),
    );
    let mut keys = HashSet::new();
    for row in &d.rows {
        assert!(
            keys.insert((
                row[scope].clone(),
                row[district].clone(),
                row[group].clone(),
                row[metric].clone()
            )),
            "districts.csv: two rows for {} / {} / {}",
            row[district],
            row[group],
            row[metric]
        );
        let def = METRICS
            .iter()
            .find(|m| m.name == row[metric])
            .unwrap_or_else(|| panic!("districts.csv: unknown metric {}", row[metric]));
        assert_eq!(row[unit], def.unit, "districts.csv: unit of {}", def.name);
        // A figure that needs someone in a role (or anyone affected) counts only the
        // iterations that had them; every other figure counts them all.
        let counted: usize = row[n].parse().unwrap();
        if def.name.ends_with("_food_lost_days_median")
            || def.name.starts_with("food_lost_share_top")
        {
            assert!((1..=iterations).contains(&counted), "{}", def.name);
        } else {
            assert_eq!(counted, iterations, "{}", def.name);
        }
    }
    // The coping figures come all together, or not at all (a scenario without [coping]).
    let coping = d.rows.iter().any(|r| r[metric].starts_with("coping_"));
    let livelihoods = d.rows.iter().any(|r| r[metric].starts_with("livelihood_"));
    let whole: Vec<(&str, &str)> = districts
        .iter()
        .map(|d| ("district", *d))
        .chain([("total", "")])
        .collect();
    for (kind, name) in whole {
        // A role's figure has no row when no iteration had anyone in the role.
        for m in METRICS.iter().filter(|m| {
            !m.name.ends_with("_food_lost_days_median")
                && (coping || !m.name.starts_with("coping_"))
                && (livelihoods || !m.name.starts_with("livelihood_"))
        }) {
            assert!(
                keys.contains(&(
                    kind.to_string(),
                    name.to_string(),
                    String::new(),
                    m.name.to_string()
                )),
                "districts.csv has no row for {kind} {name} / {}",
                m.name
            );
        }
    }

    let t = read_csv(&out.join("timeseries.csv"));
    let (day, metric) = (t.column("day"), t.column("metric"));
    let series: HashSet<&str> = t.rows.iter().map(|r| r[metric].as_str()).collect();
    let extra: &[(&str, &str)] = if coping { COPING_SERIES } else { &[] };
    let expected: HashSet<&str> = SERIES.iter().chain(extra).map(|s| s.0).collect();
    assert_eq!(series, expected, "timeseries.csv series");
    let days: HashSet<&str> = t.rows.iter().map(|r| r[day].as_str()).collect();
    assert_eq!(
        days.len(),
        horizon,
        "timeseries.csv: one row per day of the horizon"
    );

    let it = read_csv(&out.join("iterations.csv"));
    assert_eq!(
        it.rows.len(),
        iterations,
        "iterations.csv: one row per iteration"
    );
    let iteration = it.column("iteration");
    for (i, row) in it.rows.iter().enumerate() {
        assert_eq!(
            row[iteration],
            i.to_string(),
            "iterations.csv: iterations in order"
        );
    }
    for name in &it.header[1..] {
        assert!(
            name.starts_with("input:") || name.starts_with("total:"),
            "iterations.csv: column {name} is neither input: nor total:"
        );
    }

    for json in ["summary.json", "manifest.json"] {
        serde_json::from_str::<serde_json::Value>(&read(&out.join(json)))
            .unwrap_or_else(|e| panic!("{json} is not JSON: {e}"));
    }
}

#[test]
fn the_default_run_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("ranam");
    success(
        burden()
            .args(["run", "-n", "40", "--quiet", "--out"])
            .arg(&out),
    );
    check_run(&out, 40, 120, &["Ranam"]);
}

/// Two districts, one with wealth groups of its own, and two release waves.
const TWO_DISTRICTS: &str = r#"
[scenario]
name = "two-districts"
start_date = "2012-02-16"
horizon_days = 30
seed = 7

[release]
total = "50 to 150"
allocation = "population"
border_weight = 2
share_homeless = { uniform = [0.3, 0.7] }
recovery_extra_kcal = 300
recovery_days = "20 to 40"

[[release.wave]]
day = 0
share = 0.5

[[release.wave]]
day = 1
share = 0.5

[[package.item]]
name = "corn"
quantity = 10
unit = "kg"
kcal_per_unit = 3650
price_kpw_per_unit = "1600 to 1900"

[incidents]
rate_per_unfed_person_day = 0.05
take_kg = 2

[[wealth_group]]
name = "poor"
share = 0.5
stock_days = "3 to 20"

[[wealth_group]]
name = "better-off"
share = 0.5
stock_days = "20 to 90"
market_share = 0.6

[[district]]
name = "Hyesan"
population = 192680
persons_per_household = 3.97
households_per_inminban = 30
border = true
mean_temperature_c = -8
maize_price_kpw = 1750

[[district]]
name = "Inland"
households = 20000
persons_per_household = 4
households_per_inminban = { pert = [20, 30, 40] }
maize_price_kpw = 1750

[[district.wealth_group]]
name = "farm"
share = 1
stock_days = "90 to 150"
work_share = 0.8
"#;

#[test]
fn a_two_district_run_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("two.toml"), TWO_DISTRICTS).expect("write");
    let out = dir.path().join("two");
    success(
        burden()
            .current_dir(dir.path())
            .args(["run", "two.toml", "-n", "25", "--quiet", "--out"])
            .arg(&out),
    );
    check_run(&out, 25, 30, &["Hyesan", "Inland"]);
}

/// A district named `all` is a district like any other: its rows and the total's
/// both appear, told apart by the `scope` column, and neither replaces the other.
#[test]
fn a_district_named_all_does_not_replace_the_total() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = TWO_DISTRICTS.replace("name = \"Inland\"", "name = \"all\"");
    std::fs::write(dir.path().join("two.toml"), text).expect("write");
    let out = dir.path().join("two");
    success(
        burden()
            .current_dir(dir.path())
            .args(["run", "two.toml", "-n", "12", "--quiet", "--out"])
            .arg(&out),
    );
    check_run(&out, 12, 30, &["Hyesan", "all"]);

    // The district `all` has 20,000 households by construction; the total adds
    // Hyesan's 192,680 / 3.97 to them, so the two rows must differ.
    let d = read_csv(&out.join("districts.csv"));
    let (scope, district, group, metric, median) = (
        d.column("scope"),
        d.column("district"),
        d.column("wealth_group"),
        d.column("metric"),
        d.column("median"),
    );
    let households = |kind: &str, name: &str| -> f64 {
        let row = d
            .rows
            .iter()
            .find(|r| {
                r[scope] == kind
                    && r[district] == name
                    && r[group].is_empty()
                    && r[metric] == "households"
            })
            .unwrap_or_else(|| panic!("no households row for {kind} {name}"));
        row[median].parse().expect("a number")
    };
    assert_eq!(households("district", "all"), 20_000.0);
    let hyesan = (192_680.0f64 / 3.97).round();
    let total = households("total", "");
    assert!(
        (total - 20_000.0 - hyesan).abs() <= 1.0,
        "total {total}, expected 20,000 + {hyesan}"
    );

    let t = read_csv(&out.join("timeseries.csv"));
    let (scope, district) = (t.column("scope"), t.column("district"));
    assert!(
        t.rows
            .iter()
            .any(|r| r[scope] == "district" && r[district] == "all")
    );
    assert!(
        t.rows
            .iter()
            .any(|r| r[scope] == "total" && r[district].is_empty())
    );

    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).expect("JSON");
    let results = summary["results"].as_array().expect("results");
    let whole = |kind: &str, name: serde_json::Value| {
        results
            .iter()
            .any(|r| r["scope"] == kind && r["district"] == name && r["wealth_group"].is_null())
    };
    assert!(whole("district", serde_json::json!("all")));
    assert!(whole("total", serde_json::Value::Null));
}
