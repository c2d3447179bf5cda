//! The season on the time charts and the coping charts: the lean band of a scenario
//! read against days counted by hand, the coping charts' numbers against
//! `timeseries.csv`, and a scenario without `[calendar]` or `[coping]` drawn as before.

use std::collections::HashMap;
use std::path::Path;

use burden::charts::season::SeasonMarks;

use crate::support::*;

/// Runs `burden run` with `args` into `dir`.
fn run_into(dir: &Path, args: &[&str]) {
    success(
        burden()
            .args(["run", "-n", "30", "--seed", "4", "--quiet", "--out"])
            .arg(dir)
            .args(args),
    );
}

/// The rows of a CSV file, each as column name to cell.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn the_lean_band_of_ranam_released_in_april_spans_the_days_counted_by_hand() {
    // Day 0 is 10 April 2021: April's days 10 to 30 are days 0 to 20, so 1 May is day
    // 21; May to August have 31 + 30 + 31 + 31 = 123 days, so 31 August is day 143 and
    // 1 September day 144. A horizon of 200 days ends on 26 October 2021 (day 199).
    let sc = shipped_with(
        "ranam-2020",
        &[
            ("start_date = \"2020-10-10\"", "start_date = \"2021-04-10\""),
            ("horizon_days = 120", "horizon_days = 200"),
        ],
    );
    let marks = SeasonMarks::of(&sc).expect("Ranam has a calendar");
    assert_eq!(marks.lean, vec![21..144]);
    assert_eq!(marks.lean_label(), "lean season (May\u{2013}Aug)");
    // Months begin on days 21 (May), 52 (June), 82 (July), 113 (August), 144
    // (September) and 174 (October).
    let days: Vec<usize> = marks.ticks(12).into_iter().map(|(d, _)| d).collect();
    assert_eq!(days, vec![21, 52, 82, 113, 144, 174]);

    // Released on 10 October 2020 for 120 days (to 6 February 2021), none of it is lean.
    let october = SeasonMarks::of(&shipped_with("ranam-2020", &[])).unwrap();
    assert!(october.lean.is_empty());
}

#[test]
fn the_time_charts_show_the_season_of_a_scenario_with_a_calendar() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("april");
    run_into(&dir, &["--set", "scenario.start_date=2021-04-10"]);
    for stem in [
        "no_stock",
        "no_stock_difference",
        "released_unmet",
        "coping",
        "coping_hosts",
    ] {
        let svg = read(&dir.join(format!("charts/{stem}.svg")));
        assert!(
            svg.contains("lean season (May\u{2013}Aug)"),
            "{stem}: no band label"
        );
        assert!(
            svg.contains("May 2021") && svg.contains("\nJun\n"),
            "{stem}: no months"
        );
        // The coping chart has a titled panel per rCSI edge, and titled panels are
        // narrow: their axis drops the date of day 0, as every chart of several panels does.
        let axis = if stem == "coping" {
            "\nDate\n"
        } else {
            "Date (day 0 = 2021-04-10)"
        };
        assert!(svg.contains(axis), "{stem}: axis");
    }
    let html = read(&dir.join("report.html"));
    assert!(html.contains("The grey band marks the days in the lean season (May to August"));
    // In October the horizon has month ticks but no lean day, and the caption says so.
    let october = tmp.path().join("october");
    run_into(&october, &[]);
    let svg = read(&october.join("charts/no_stock.svg"));
    assert!(!svg.contains("lean season") && svg.contains("Nov 2020") && svg.contains("Jan 2021"));
    assert!(
        read(&october.join("report.html")).contains("No day of the horizon is in the lean season")
    );
}

/// The coping chart's panels: the two upper rCSI bands' edges (MODEL.md section 5a).
const FOUR: &str = "rCSI 4 or more (stressed or worse)";
const NINETEEN: &str = "rCSI 19 or more (crisis or worse)";

/// Every line of the coping charts is its `timeseries.csv` series, day by day: the 4+
/// and the 19+ shares, with and without the release, each in its own panel.
#[test]
fn the_coping_charts_draw_the_timeseries_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ranam");
    run_into(&dir, &[]);
    let series: HashMap<(String, String), HashMap<String, String>> =
        rows(&dir.join("timeseries.csv"))
            .into_iter()
            .map(|r| ((r["metric"].clone(), r["day"].clone()), r))
            .collect();
    let number = |s: &str| s.parse::<f64>().unwrap();
    for (stem, drawn) in [
        (
            "coping",
            vec![
                (
                    FOUR,
                    "With the release",
                    "coping_rcsi_4plus_share_with",
                    true,
                ),
                (
                    FOUR,
                    "Without the release",
                    "coping_rcsi_4plus_share_without",
                    false,
                ),
                (
                    NINETEEN,
                    "With the release",
                    "coping_rcsi_19plus_share_with",
                    true,
                ),
                (
                    NINETEEN,
                    "Without the release",
                    "coping_rcsi_19plus_share_without",
                    false,
                ),
            ],
        ),
        (
            "coping_hosts",
            vec![(
                "Eaten by hosts' members (% of need)",
                "What hosts ate, of their own need",
                "host_eaten_share",
                true,
            )],
        ),
    ] {
        let chart = rows(&dir.join(format!("charts/{stem}.csv")));
        for (panel, label, metric, bands) in drawn {
            let points: Vec<_> = chart
                .iter()
                .filter(|r| r["panel"] == panel && r["series"] == label)
                .collect();
            // One point per day of Ranam's 120-day horizon.
            assert_eq!(points.len(), 120, "{stem}: {label}");
            for p in points {
                let t = &series[&(metric.to_string(), p["x"].clone())];
                for (drawn, written) in [("median", "median"), ("low", "p05"), ("high", "p95")] {
                    assert_eq!(
                        number(&p[drawn]),
                        number(&t[written]),
                        "{stem} {metric} day {}",
                        p["x"]
                    );
                }
                if bands {
                    assert_eq!(number(&p["band50_low"]), number(&t["p25"]));
                    assert_eq!(number(&p["band50_high"]), number(&t["p75"]));
                } else {
                    assert!(p["band50_low"].is_empty());
                }
            }
        }
    }
}

/// Ranam without its `[calendar]` and `[coping]` sections.
fn ranam_without_seasons() -> String {
    let text = read(&repo("scenarios/ranam-2020.toml"));
    let from = text.find("\n[calendar]").unwrap();
    let to = text.find("\n# Wealth groups").unwrap();
    format!("{}{}", &text[..from], &text[to..])
}

#[test]
fn a_scenario_without_calendar_or_coping_has_no_season_and_no_coping_chart() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("flat.toml");
    std::fs::write(&file, ranam_without_seasons()).unwrap();
    let dir = tmp.path().join("flat");
    run_into(&dir, &[file.to_str().unwrap()]);
    for stem in ["coping", "coping_hosts"] {
        assert!(!dir.join(format!("charts/{stem}.png")).exists(), "{stem}");
    }
    for stem in ["no_stock", "no_stock_difference", "released_unmet"] {
        let svg = read(&dir.join(format!("charts/{stem}.svg")));
        assert!(!svg.contains("lean season"), "{stem}");
        assert!(
            svg.contains("Days from the start (day 0 = 2020-10-10)"),
            "{stem}"
        );
    }
    let html = read(&dir.join("report.html"));
    assert!(!html.contains("lean season") && !html.contains("first day of a month"));
}
