//! Every file a command writes. Each format is a function of a typed result that
//! returns bytes: here the run's `summary.json`, `districts.csv`, `timeseries.csv`,
//! `iterations.csv` and `convergence.csv`; [`compare`], [`sweep`] and [`sensitivity`]
//! for theirs; one [`manifest::Manifest`] and one [`reproduce::Reproduce`] for all.
//! [`files::Files`] gathers them and [`folder::Staging`] writes them atomically.

pub mod analysis;
pub mod compare;
pub mod date;
pub mod discover;
pub mod files;
pub mod folder;
pub mod manifest;
pub mod reproduce;
pub mod sensitivity;
pub mod shard;
pub mod sweep;

use serde::Serialize;

use crate::rows::IterationRows;
use crate::scenario::{Grade, Scenario, catalog};
use crate::scope;
use crate::stats::Estimate;
use crate::summary::{HEADLINES, METRICS, Summary};
use files::Content;

/// File names a run writes (charts and reports are added by their modules).
pub const DATA_FILES: &[&str] = &[
    "summary.json",
    "districts.csv",
    "roles.csv",
    "timeseries.csv",
    "iterations.csv",
    folder::MANIFEST,
];

/// Everything a run may write: the data files, the charts folder and the reports.
/// A folder holding only these (and a manifest) is an earlier run's and may be replaced.
pub const RUN_FILES: &[&str] = &[
    "summary.json",
    "districts.csv",
    "roles.csv",
    "timeseries.csv",
    "iterations.csv",
    CHARTS_DIR,
    "report.html",
    "report.md",
    folder::MANIFEST,
];

/// The subfolder that holds the charts.
pub const CHARTS_DIR: &str = "charts";

/// How the run was made, for the manifest and the report.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub tool: &'static str,
    pub version: &'static str,
    pub scenario_name: String,
    pub scenario_file: String,
    pub scenario_sha256: String,
    pub seed: u64,
    pub iterations: u64,
    /// `--set KEY=VALUE` changes applied to the scenario file.
    pub overrides: Vec<String>,
    /// A command that reproduces these results (threads and output folder do not matter).
    pub reproduce: String,
}

impl RunInfo {
    pub fn new(sc: &Scenario, seed: u64, iterations: u64) -> RunInfo {
        RunInfo {
            tool: "burden",
            version: env!("CARGO_PKG_VERSION"),
            scenario_name: sc.name().to_string(),
            scenario_file: sc.origin.clone(),
            scenario_sha256: sc.sha256.clone(),
            seed,
            iterations,
            overrides: sc.overrides.clone(),
            reproduce: reproduce::Reproduce::new("run")
                .scenario(sc)
                .option("seed", seed)
                .option("iterations", iterations)
                .options("set", &sc.overrides)
                .line(),
        }
    }
}

/// One row of the assumptions table.
#[derive(Debug, Clone, Serialize)]
pub struct InputRow {
    pub path: String,
    pub kind: &'static str,
    pub value: String,
    pub unit: &'static str,
    pub meaning: &'static str,
    pub source: String,
    pub grade: String,
    pub grade_meaning: &'static str,
    pub note: String,
}

/// Every numeric input with its value or distribution, unit, source and grade.
pub fn input_rows(sc: &Scenario) -> Vec<InputRow> {
    sc.inputs
        .iter()
        .map(|i| {
            let (unit, meaning) = catalog::describe(&i.path);
            let (source, grade, grade_meaning, note) =
                sourced(&i.input.source, i.input.grade, &i.input.note);
            InputRow {
                path: sc.named_path(&i.path),
                kind: catalog::kind(&i.path, i.input.is_uncertain()),
                value: i.input.dist.describe(),
                unit,
                meaning,
                source,
                grade,
                grade_meaning,
                note,
            }
        })
        .collect()
}

/// The scenario's month lists (`[calendar]`'s and each wealth group's own), a row each:
/// twelve numbers, January first, with their source and grade. Not drawn and not
/// editable one by one, so they follow [`input_rows`] in the assumptions table.
pub fn month_rows(sc: &Scenario) -> Vec<InputRow> {
    let f = &sc.file;
    let mut lists: Vec<(String, &crate::scenario::Monthly)> = Vec::new();
    if let Some(c) = &f.calendar {
        lists.extend(
            c.get_ref()
                .lists()
                .map(|(k, m, _)| (format!("calendar.{k}"), m)),
        );
    }
    for (groups, path) in crate::scenario::world::wealth_group_lists(f) {
        for (gi, g) in groups.iter().enumerate() {
            if let Some(c) = &g.get_ref().calendar {
                lists.extend(
                    (c.get_ref().lists()).map(|(k, m)| (format!("{path}[{gi}].calendar.{k}"), m)),
                );
            }
        }
    }
    lists
        .into_iter()
        .map(|(path, m)| {
            let field = crate::scenario::keys::lookup(&path);
            let (source, grade, grade_meaning, note) = sourced(&m.source, m.grade, &m.note);
            let months = m.months.get_ref().iter().zip(crate::scenario::MONTHS);
            InputRow {
                path: sc.named_path(&path),
                kind: "fixed, by month",
                // "Jan 1.11, Feb 1.11, ...".
                value: (months.map(|(x, name)| format!("{} {}", &name[..3], x.get_ref())))
                    .collect::<Vec<_>>()
                    .join(", "),
                unit: field.map_or("", |f| f.unit),
                meaning: field.map_or("", |f| f.meaning),
                source,
                grade,
                grade_meaning,
                note,
            }
        })
        .collect()
}

/// An assumptions row's source, grade, the grade's meaning and note, as written
/// ("not given" and "ungraded" when missing).
fn sourced(
    source: &Option<String>,
    grade: Option<Grade>,
    note: &Option<String>,
) -> (String, String, &'static str, String) {
    (
        source.clone().unwrap_or_else(|| "not given".into()),
        grade.map_or_else(|| "-".into(), |g| g.to_string()),
        grade.map_or("ungraded", |g| g.meaning()),
        note.clone().unwrap_or_default(),
    )
}

/// Every row of the assumptions table: the numeric inputs, then the month lists.
pub fn assumption_rows(sc: &Scenario) -> Vec<InputRow> {
    let mut rows = input_rows(sc);
    rows.extend(month_rows(sc));
    rows
}

#[derive(Serialize)]
struct Headline<'a> {
    metric: &'a str,
    label: &'a str,
    unit: &'a str,
    #[serde(flatten)]
    estimate: &'a Estimate,
}

#[derive(Serialize)]
struct SummaryFile<'a> {
    scenario: ScenarioBlock<'a>,
    run: &'a RunInfo,
    headline: Vec<Headline<'a>>,
    results: &'a [crate::summary::EntitySummary],
    roles: &'a [crate::roles::RoleSummary],
    inputs: Vec<InputRow>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct ScenarioBlock<'a> {
    name: &'a str,
    title: &'a str,
    description: &'a str,
    start_date: Option<&'a str>,
    horizon_days: usize,
    districts: Vec<String>,
}

/// `summary.json`: headline figures, every metric per district and group, and the inputs with their sources.
pub fn summary_json(sc: &Scenario, info: &RunInfo, summary: &Summary) -> Vec<u8> {
    let total = summary.total();
    let headline = HEADLINES
        .iter()
        .filter_map(|m| {
            Some(Headline {
                metric: m.name,
                label: m.label,
                unit: m.unit,
                estimate: total.get(m.name)?,
            })
        })
        .collect();
    let meta = &sc.file.scenario;
    let file = SummaryFile {
        scenario: ScenarioBlock {
            name: sc.name(),
            title: &meta.title,
            description: &meta.description,
            start_date: meta.start_date.as_ref().map(|d| d.get_ref().as_str()),
            horizon_days: sc.horizon(),
            districts: sc.district_names(),
        },
        run: info,
        headline,
        results: &summary.entities,
        roles: &summary.roles,
        inputs: assumption_rows(sc),
        warnings: sc.warnings.iter().map(|w| w.message.clone()).collect(),
    };
    pretty_json(&file)
}

/// Whose figures an analysis explains, for `summary.json`'s `outcomes_of`.
pub fn outcomes_of(scope: &scope::Scope) -> String {
    match scope {
        scope::Scope::Total => "the total (all districts and groups)".to_string(),
        other => format!("{} (all its groups)", other.title()),
    }
}

/// Pretty JSON with a final newline.
pub fn pretty_json(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A CSV file written in memory.
pub fn csv_bytes(write: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail for I/O reasons; a serialisation error would be a bug.
    if let Err(e) = write(&mut w) {
        panic!("CSV serialisation failed: {e}");
    }
    w.into_inner().unwrap_or_default()
}

const ESTIMATE_COLUMNS: [&str; 11] = [
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
];

/// The statistic columns of one figure. A figure no iteration had (`n_iterations` 0,
/// such as `host_eaten_share` on a day before any guest arrives) has no statistics:
/// those cells are left empty rather than written as 0.
fn estimate_fields(e: &Estimate) -> [String; 11] {
    let value = |x: f64| {
        if e.n == 0 {
            String::new()
        } else {
            x.to_string()
        }
    };
    [
        e.mean,
        e.mc_se,
        e.median,
        e.median_ci_low,
        e.median_ci_high,
        e.p05,
        e.p25,
        e.p75,
        e.p95,
        e.sd,
    ]
    .map(value)
    .into_iter()
    .chain([e.n.to_string()])
    .collect::<Vec<_>>()
    .try_into()
    .unwrap_or_else(|_| unreachable!("eleven fields"))
}

/// `districts.csv`: one row per district, wealth group and metric.
pub fn districts_csv(summary: &Summary) -> Vec<u8> {
    csv_bytes(|w| {
        let mut header = scope::CSV_COLUMNS.to_vec();
        header.extend(["metric", "unit"]);
        header.extend(ESTIMATE_COLUMNS);
        w.write_record(&header)?;
        for e in &summary.entities {
            for m in &e.metrics {
                let mut row = e.scope.csv_fields().to_vec();
                row.extend([m.metric.into(), m.unit.into()]);
                row.extend(estimate_fields(&m.estimate));
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}

/// `roles.csv`: one row per district (and the total), household role and metric.
pub fn roles_csv(summary: &Summary) -> Vec<u8> {
    csv_bytes(|w| {
        let mut header = vec!["scope", "district", "role", "metric", "unit"];
        header.extend(ESTIMATE_COLUMNS);
        w.write_record(&header)?;
        for r in &summary.roles {
            for m in &r.metrics {
                let mut row = vec![
                    r.scope.kind().to_string(),
                    r.scope.district().unwrap_or_default().to_string(),
                    r.role.into(),
                    m.metric.into(),
                    m.unit.into(),
                ];
                row.extend(estimate_fields(&m.estimate));
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}

/// `timeseries.csv`: one row per day, district and series.
pub fn timeseries_csv(sc: &Scenario, summary: &Summary) -> Vec<u8> {
    let start = sc
        .file
        .scenario
        .start_date
        .as_ref()
        .map(|d| d.get_ref().as_str());
    csv_bytes(|w| {
        let mut header = vec!["day", "date", "scope", "district", "metric", "unit"];
        header.extend(ESTIMATE_COLUMNS);
        w.write_record(&header)?;
        for s in &summary.series {
            for (day, e) in s.days.iter().enumerate() {
                let mut row = vec![
                    day.to_string(),
                    date::add_days(start, day as i64),
                    s.scope.kind().into(),
                    s.scope.district().unwrap_or_default().into(),
                    s.metric.into(),
                    s.unit.into(),
                ];
                row.extend(estimate_fields(e));
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}

/// `iterations.csv`: per iteration, the uncertain inputs drawn and the total outcomes
/// (the total's figures that some iteration has), written row by row from `rows`.
pub fn write_iterations_csv(
    sc: &Scenario,
    summary: &Summary,
    rows: &IterationRows,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let uncertain: Vec<&str> = sc.uncertain_paths();
    let draws = uncertain.len();
    // Each row holds the draws, then every metric of METRICS that applies, in order.
    let columns: Vec<(usize, &str)> = METRICS
        .iter()
        .filter(|m| m.applies(sc))
        .enumerate()
        .filter(|(_, m)| summary.total().get(m.name).is_some())
        .map(|(i, m)| (draws + i, m.name))
        .collect();
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["iteration".to_string()];
    header.extend(uncertain.iter().map(|p| format!("input:{p}")));
    header.extend(columns.iter().map(|(_, m)| format!("total:{m}")));
    w.write_record(&header)?;
    let mut iteration = 0u64;
    let mut record = Vec::with_capacity(header.len());
    rows.for_each(|row| {
        record.clear();
        record.push(iteration.to_string());
        record.extend(row[..draws].iter().map(|x| x.to_string()));
        record.extend(columns.iter().map(|&(i, _)| {
            let x = row[i];
            if x.is_finite() {
                x.to_string()
            } else {
                "0".into()
            }
        }));
        iteration += 1;
        w.write_record(&record).map_err(std::io::Error::from)
    })?;
    w.flush()
}

/// `convergence.csv`: each headline figure's running mean and 95% band after each
/// block of a `--precision` run.
pub fn convergence_csv(checkpoints: &[crate::analysis::convergence::Checkpoint]) -> Vec<u8> {
    csv_bytes(|w| {
        w.write_record(["iterations", "metric", "mean", "mc_se", "ci_low", "ci_high"])?;
        for c in checkpoints {
            w.write_record([
                c.iterations.to_string(),
                c.metric.clone(),
                c.mean.to_string(),
                c.mc_se.to_string(),
                c.ci_low.to_string(),
                c.ci_high.to_string(),
            ])?;
        }
        Ok(())
    })
}

/// The data files of a run, in the order written.
pub fn run_files<'a>(
    r: &'a crate::analysis::run::RunResult,
    info: &RunInfo,
) -> Vec<(&'static str, Content<'a>)> {
    let sc = &r.scenario;
    let mut files = vec![
        ("summary.json", summary_json(sc, info, &r.summary)),
        ("districts.csv", districts_csv(&r.summary)),
        ("roles.csv", roles_csv(&r.summary)),
        ("timeseries.csv", timeseries_csv(sc, &r.summary)),
    ]
    .into_iter()
    .map(|(name, bytes)| (name, Content::Bytes(bytes)))
    .collect::<Vec<_>>();
    files.push((
        "iterations.csv",
        Content::Streamed(Box::new(move |w| {
            write_iterations_csv(sc, &r.summary, &r.rows, w)
        })),
    ));
    if let Some(p) = &r.precision {
        files.push((
            CONVERGENCE_FILE,
            Content::Bytes(convergence_csv(&p.checkpoints)),
        ));
    }
    files
}

/// The file a `--precision` run adds: the running estimates after each block.
pub const CONVERGENCE_FILE: &str = "convergence.csv";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{DEFAULT_ORIGIN, DEFAULT_SCENARIO, load_str};

    /// Ranam's six month lists follow its numeric inputs, each with its twelve numbers
    /// (as written in scenarios/ranam-2020.toml), unit, source and grade.
    #[test]
    fn the_month_lists_follow_the_inputs() {
        let sc = load_str(DEFAULT_ORIGIN, DEFAULT_SCENARIO).expect("loads");
        let rows = assumption_rows(&sc);
        let months: Vec<&InputRow> = rows
            .iter()
            .filter(|r| r.kind == "fixed, by month")
            .collect();
        let paths: Vec<&str> = months.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "calendar.ration",
                "calendar.market",
                "calendar.work",
                "calendar.price",
                "calendar.stock",
                "calendar.temperature_c"
            ]
        );
        assert_eq!(rows.len(), input_rows(&sc).len() + 6);
        assert!(
            rows[..rows.len() - 6]
                .iter()
                .all(|r| r.kind != "fixed, by month")
        );
        let ration = months[0];
        assert_eq!(
            ration.value,
            "Jan 1.11, Feb 1.11, Mar 1.11, Apr 1.11, May 0.71, Jun 0.56, Jul 0.74, Aug 0.56, \
             Sep 0.56, Oct 1.45, Nov 1.49, Dec 1.49"
        );
        assert_eq!((ration.unit, ration.grade.as_str()), ("×", "S2"));
        assert!(ration.source.starts_with("Public distribution rations"));
        assert_eq!(months[5].unit, "°C");
        assert!(months[5].value.starts_with("Jan -5.3, Feb -3.4,"));
    }
}
