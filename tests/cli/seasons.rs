//! Seasons and coping (MODEL.md section 5a): the new code paths against the closed
//! forms they replace, a release in April against one in October, and a host
//! household's consumption declining in steps.

use burden::model::{Fidelity, run_iteration};

use crate::support::*;

/// Ranam without its `[calendar]` and `[coping]` sections (they sit between
/// `[engine]` and the wealth groups in the shipped file).
fn ranam_without_seasons() -> String {
    let text = read(&repo("scenarios/ranam-2020.toml"));
    let from = text.find("\n[calendar]").expect("ranam has a calendar");
    let to = text
        .find("\n# Wealth groups")
        .expect("ranam has wealth groups");
    format!("{}{}", &text[..from], &text[to..])
}

/// `burden run --quiet ARGS` on a scenario written from `text`; its `timeseries.csv`.
fn timeseries_of(text: &str, args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("scenario.toml");
    std::fs::write(&file, text).unwrap();
    let out = tmp.path().join("out");
    success(
        burden()
            .args(["run", "--quiet"])
            .args(args)
            .arg("--out")
            .arg(&out)
            .arg(&file),
    );
    read(&out.join("timeseries.csv"))
}

/// Each iteration's total value of `metric`.
fn totals(text: &str, metric: &str, n: u64) -> Vec<f64> {
    let sc = load(text);
    let its: Vec<_> = (0..n)
        .map(|i| run_iteration(&sc, 17, i, Fidelity::Fast))
        .collect();
    let def = burden::summary::metric(metric).expect(metric);
    let values = burden::summary::total_values(&its, &[def], &sc);
    values.into_iter().next().unwrap_or_default()
}

/// A calendar whose every multiplier is 1 goes through the calendar's closed form (the
/// reflected walk); a coping step that never binds (keep nothing, eat all) goes through
/// the day-by-day grid. Both must give the flat scenario's figures: exactly for the
/// yes-or-no shares up to rounding, and the grid's deficits to its quadrature error.
#[test]
fn seasonal_code_with_a_flat_season_gives_the_closed_form_figures() {
    let base = ranam_without_seasons();
    let ones = "{ months = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }";
    let calendar = format!(
        "{base}\n[calendar]\nration = {ones}\nmarket = {ones}\nwork = {ones}\nprice = {ones}\n"
    );
    let coping = format!("{base}\n[[coping.step]]\nbelow_days = 0\neat_share = 1\n");
    let n = 12;
    for (metric, tol_calendar, tol_grid) in [
        ("out_of_stock_with", 1e-10, 1e-6),
        ("out_of_stock_without", 1e-10, 1e-6),
        ("phase3plus_with", 1e-10, 1e-6),
        ("survival_deficit_with", 1e-10, 1e-3),
        ("survival_deficit_attributable", 1e-10, 1e-3),
        ("levy_kg_per_levied_household", 1e-10, 1e-10),
    ] {
        let flat = totals(&base, metric, n);
        for (text, tol, what) in [
            (&calendar, tol_calendar, "all-ones calendar"),
            (&coping, tol_grid, "coping that never binds"),
        ] {
            let other = totals(text, metric, n);
            for (i, (a, b)) in flat.iter().zip(&other).enumerate() {
                assert!(
                    close(*a, *b, tol),
                    "{metric}, {what}, iteration {i}: {a} flat, {b} seasonal"
                );
            }
        }
    }
}

/// The paired difference of `metric` in a compare run's differences.csv: (mean, MC se).
fn difference(out: &std::path::Path, metric: &str) -> (f64, f64) {
    let text = read(&out.join("differences.csv"));
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (scope, m, mean, se) = (col("scope"), col("metric"), col("mean"), col("mc_se"));
    for row in rows {
        // The first column is a quoted label with a comma-free value; split after it.
        let at = row.find(",ranam-2020,").expect("reference column");
        let fields: Vec<&str> = std::iter::once("")
            .chain(row[at + 1..].split(','))
            .collect();
        if fields[scope] == "total" && fields[m] == metric {
            return (fields[mean].parse().unwrap(), fields[se].parse().unwrap());
        }
    }
    panic!("no total row for {metric}");
}

/// Released in April (the start of the lean season) instead of October (after the
/// harvest): the baseline and the attributable strain both differ by more than four
/// Monte Carlo standard errors of the paired difference, with and without the cold
/// adjustment, and the report says why.
#[test]
fn a_release_in_april_differs_from_one_in_october() {
    for cold in ["true", "false"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("cmp");
        success(
            burden()
                .args(["compare", "scenarios/ranam-2020.toml", "--variant"])
                .arg("scenario.start_date=\"2021-04-10\"")
                .args(["-n", "300", "--quiet", "--set"])
                .arg(format!("energy.cold_adjustment={cold}"))
                .arg("--out")
                .arg(&out)
                .current_dir(repo(".")),
        );
        for metric in [
            "out_of_stock_without",
            "out_of_stock_attributable_households",
            "survival_deficit_attributable",
        ] {
            let (mean, se) = difference(&out, metric);
            assert!(
                mean.abs() > 4.0 * se && se > 0.0,
                "cold {cold}, {metric}: {mean} ± {se}"
            );
        }
        let report = read(&out.join("report.md"));
        assert!(
            report.contains("April") && report.contains("lean season"),
            "the report names the months and the lean season:\n{report}"
        );
    }
}

/// One host household in a unit of identical households, through two coping steps:
/// its own members eat their full need, then 0.8 of it, then 0.6 of it (the shares of
/// the two steps), each for days on end: the series declines in steps.
#[test]
fn a_host_household_cuts_its_consumption_in_steps() {
    let text = hand_text(1, 12.0, 0.5, 0.0, 0.0)
        .replace(
            "horizon_days = 30",
            "horizon_days = 60\nstart_date = 2021-05-01",
        )
        .replace("iterations = 4", "iterations = 1")
        + "\n[[coping.step]]\nbelow_days = 6\neat_share = 0.8\nstrategies = [\"limit_portions\"]\n\
           \n[[coping.step]]\nbelow_days = 2\neat_share = 0.6\nstrategies = [\"fewer_meals\", \"adults_eat_less\"]\n";
    let series = timeseries_of(&text, &[]);
    let shares: Vec<f64> = series
        .lines()
        .filter(|l| l.contains(",host_eaten_share,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f[6].parse().unwrap()
        })
        .collect();
    assert_eq!(shares.len(), 60);
    let run_of = |level: f64| {
        let mut best = 0;
        let mut now = 0;
        for s in &shares {
            now = if (s - level).abs() < 1e-9 { now + 1 } else { 0 };
            best = best.max(now);
        }
        best
    };
    assert!(run_of(1.0) >= 3, "{shares:?}");
    assert!(run_of(0.8) >= 3, "{shares:?}");
    assert!(run_of(0.6) >= 3, "{shares:?}");
    // Never rises again by more than rounding once it has fallen (no harvest here).
    let first_cut = shares.iter().position(|s| *s < 1.0 - 1e-9).unwrap();
    let at_06 = shares.iter().position(|s| (s - 0.6).abs() < 1e-9).unwrap();
    assert!(first_cut < at_06);
    assert!(
        shares[at_06..].iter().all(|s| *s <= 0.6 + 1e-9),
        "{shares:?}"
    );
}

/// A household counts as a host from the day its guest arrives: with the only wave on
/// day 5, no iteration has a host on days 0 to 4 (n_iterations 0, the statistics
/// left empty), and from day 5 the
/// host eats its full need. Worked by hand: 12 days of stock, acquisition half the need,
/// so on day 5 it holds 12 - 5 x 0.5 = 9.5 days, pays the levy (10 kg x 3,650 kcal / 30
/// households / 2,100 kcal = 0.58 days), acquires 0.5 and still has 9.4 days, above
/// the step's 6 days of reserve plus the day's need; its guest eats from the package.
#[test]
fn a_household_counts_as_a_host_from_the_day_its_guest_arrives() {
    let text = hand_text(1, 12.0, 0.5, 0.0, 0.0)
        .replace("horizon_days = 30", "horizon_days = 10")
        .replace("iterations = 4", "iterations = 1")
        .replace(
            "recovery_days = 0",
            "recovery_days = 0\n\n[[release.wave]]\nday = 5\nshare = 1\n",
        )
        + "\n[[coping.step]]\nbelow_days = 6\neat_share = 0.8\nstrategies = [\"limit_portions\"]\n";
    let series = timeseries_of(&text, &["--no-charts"]);
    let rows: Vec<Vec<String>> = series
        .lines()
        .filter(|l| l.contains(",host_eaten_share,"))
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 10);
    for (day, row) in rows.iter().enumerate() {
        let (median, n) = (&row[8], &row[16]);
        if day < 5 {
            assert_eq!(
                n, "0",
                "day {day}: no host before the guest arrives: {row:?}"
            );
            // No iteration had the figure, so it has no statistics: empty, not 0.
            assert!(
                row[6..16].iter().all(String::is_empty),
                "day {day}: {row:?}"
            );
        } else {
            assert_eq!(
                (median.as_str(), n.as_str()),
                ("1", "1"),
                "day {day}: {row:?}"
            );
        }
    }
}

/// Each attributable rCSI series is with minus without in each iteration, so its mean
/// over iterations is the difference of the two means, day by day (a conservation
/// law: the mean is linear). Ranam's release reaches few households, so some days
/// must show a difference and none may show one the two series do not.
#[test]
fn the_attributable_coping_series_is_with_minus_without() {
    let ranam = read(&repo("scenarios/ranam-2020.toml"));
    let series = timeseries_of(&ranam, &["--no-charts", "--iterations", "40"]);
    let means = |metric: &str| -> Vec<f64> {
        series
            .lines()
            .filter(|l| l.contains(&format!(",{metric},")))
            .map(|l| l.split(',').nth(6).unwrap().parse().unwrap())
            .collect()
    };
    for level in ["19plus", "4plus"] {
        let with = means(&format!("coping_rcsi_{level}_share_with"));
        let without = means(&format!("coping_rcsi_{level}_share_without"));
        let attributable = means(&format!("coping_rcsi_{level}_share_attributable"));
        assert_eq!((with.len(), attributable.len()), (120, 120));
        for day in 0..120 {
            let difference = with[day] - without[day];
            assert!(
                (attributable[day] - difference).abs() < 1e-12,
                "{level} day {day}: {} against {difference}",
                attributable[day]
            );
        }
        assert!(attributable.iter().any(|a| a.abs() > 0.0), "{level}");
    }
    // A household at 19 or more is at 4 or more, in every iteration, so the mean share
    // at 4 or more is at least that at 19 or more on every day, with and without.
    for side in ["with", "without"] {
        let four = means(&format!("coping_rcsi_4plus_share_{side}"));
        let nineteen = means(&format!("coping_rcsi_19plus_share_{side}"));
        assert!(four.iter().zip(&nineteen).all(|(a, b)| a >= b), "{side}");
        assert!(four.iter().zip(&nineteen).any(|(a, b)| a > b), "{side}");
    }
}

/// Ranam with `[wealth_group.calendar]` after the poor group, holding `lists`.
fn ranam_with_poor_calendar(lists: &str) -> String {
    let text = read(&repo("scenarios/ranam-2020.toml"));
    let poor = text
        .find("name = \"poor\"")
        .expect("ranam has a poor group");
    let end = poor
        + text[poor..]
            .find("\n\n")
            .expect("a blank line ends the group");
    format!(
        "{}\n[wealth_group.calendar]\n{lists}{}",
        &text[..end],
        &text[end..]
    )
}

/// The reports and summary of a run folder with the scenario file's SHA-256 (which they
/// record, and which any change to the file changes) written as `<sha>`.
fn forget_the_scenario_hash(out: &std::path::Path) {
    for name in ["report.html", "report.md", "summary.json"] {
        let text = read(&out.join(name));
        let hex = |w: &str| w.len() == 64 && w.bytes().all(|b| b.is_ascii_hexdigit());
        let mut kept = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(|c: char| c.is_ascii_hexdigit()) {
            let len = rest[at..]
                .find(|c: char| !c.is_ascii_hexdigit())
                .unwrap_or(rest.len() - at);
            let word = &rest[at..at + len];
            kept.push_str(&rest[..at]);
            kept.push_str(if hex(word) { "<sha>" } else { word });
            rest = &rest[at + len..];
        }
        kept.push_str(rest);
        std::fs::write(out.join(name), kept).unwrap();
    }
}

/// A group's own calendar that repeats the scenario's lists changes nothing: every
/// output file but the manifest is the same, byte for byte (the reports and summary but
/// for the scenario file's hash). One that differs moves the series, so the comparison
/// is not passing because the section goes unread.
#[test]
fn a_group_calendar_equal_to_the_scenarios_gives_the_same_outputs() {
    let base = read(&repo("scenarios/ranam-2020.toml"));
    let calendar = &base[base.find("\n[calendar]").expect("ranam has a calendar")..];
    let lists: String = calendar
        .lines()
        .take_while(|l| !l.starts_with("[coping]"))
        .filter(|l| {
            ["ration = ", "market = ", "work = "]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(lists.lines().count(), 3, "{lists}");
    let tmp = tempfile::tempdir().unwrap();
    // One scenario path for every run, so that the reports name the same file.
    let file = tmp.path().join("ranam-2020.toml");
    let run = |name: &str, text: &str| {
        std::fs::write(&file, text).unwrap();
        let out = tmp.path().join(name);
        success(
            burden()
                .args(["run", "--quiet", "-n", "40", "--seed", "7", "--out"])
                .arg(&out)
                .arg(&file),
        );
        forget_the_scenario_hash(&out);
        out
    };
    let plain = run("plain", &base);
    let same = run("same", &ranam_with_poor_calendar(&lists));
    // The reports and summary.json list the inputs, and the group's own month lists
    // are inputs: they are there, and only they differ.
    let report = read(&same.join("report.md"));
    for key in ["ration", "market", "work"] {
        let row = format!(
            "| `wealth_group.poor.calendar.{key}` multipliers on this group's {key}_share by month |"
        );
        assert!(report.contains(&row), "{row} missing");
    }
    let json = |dir: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&read(&dir.join("summary.json"))).unwrap()
    };
    let (mut a, mut b) = (json(&plain), json(&same));
    let rows = |v: &serde_json::Value| v["inputs"].as_array().unwrap().len();
    assert_eq!(rows(&b), rows(&a) + 3);
    for v in [&mut a, &mut b] {
        v.as_object_mut().unwrap().remove("inputs");
    }
    assert_eq!(a, b);
    for dir in [&plain, &same] {
        for f in ["report.md", "report.html", "summary.json"] {
            std::fs::remove_file(dir.join(f)).unwrap();
        }
    }
    same_files(&plain, &same);
    same_files(&same, &plain);
    let leaner = "market = { months = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5] }\n";
    let other = run("other", &ranam_with_poor_calendar(leaner));
    assert_ne!(
        read(&plain.join("timeseries.csv")),
        read(&other.join("timeseries.csv"))
    );
}
