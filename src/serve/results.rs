//! What a finished job shows and offers for download, made by the same result types,
//! report builder and charts as `burden run`, `compare` and `sweep`: the page shows
//! the report's body, and every file is made in memory when it is asked for.

use crate::analysis::compare::Comparison;
use crate::analysis::run::RunResult;
use crate::analysis::sweep::SweepResult;
use crate::charts::Chart;
use crate::output::manifest::ScenarioRecord;
use crate::output::{self, RunInfo};
use crate::report::{self, Block, Report, Section};

/// A finished job's typed result, with its charts and how to reproduce it.
pub enum Finished {
    Run {
        result: Box<RunResult>,
        info: RunInfo,
        charts: Vec<Chart>,
    },
    Compare {
        comparison: Box<Comparison>,
        records: Vec<ScenarioRecord>,
        reproduce: String,
        charts: Vec<Chart>,
    },
    Sweep {
        sweep: Box<SweepResult>,
        record: ScenarioRecord,
        reproduce: String,
        charts: Vec<Chart>,
    },
}

/// The data files of each kind of result, beside `report.html`, `report.md` and the charts.
const RUN_DATA: &[&str] = &[
    "summary.json",
    "districts.csv",
    "roles.csv",
    "timeseries.csv",
    "iterations.csv",
];
const COMPARE_DATA: &[&str] = &["differences.csv", "summary.json"];
const SWEEP_DATA: &[&str] = &["sweep.csv", "summary.json"];

impl Finished {
    fn charts(&self) -> &[Chart] {
        match self {
            Finished::Run { charts, .. }
            | Finished::Compare { charts, .. }
            | Finished::Sweep { charts, .. } => charts,
        }
    }

    /// The command line that gives the same numbers.
    pub fn command(&self) -> &str {
        match self {
            Finished::Run { info, .. } => &info.reproduce,
            Finished::Compare { reproduce, .. } | Finished::Sweep { reproduce, .. } => reproduce,
        }
    }

    /// The report, as `report.html` and `report.md` say it.
    fn report(&self) -> Report<'_> {
        match self {
            Finished::Run {
                result,
                info,
                charts,
            } => {
                let record = ScenarioRecord::new(result.scenario.name(), &result.scenario);
                let mut r = report::run::build(result, Some(charts), &record, &info.reproduce);
                // The headline table the terminal shows, after the findings.
                let at = r.sections.len().min(1);
                r.sections.insert(
                    at,
                    Section::new(
                        "Headline figures",
                        vec![Block::Table(report::run::headline_table(result))],
                    ),
                );
                r
            }
            Finished::Compare {
                comparison,
                records,
                reproduce,
                charts,
            } => report::compare::build(comparison, Some(charts), records, reproduce),
            Finished::Sweep {
                sweep,
                record,
                reproduce,
                charts,
            } => report::sweep::build(sweep, Some(charts), record, reproduce),
        }
    }

    /// The report's body, for the page's Results.
    pub fn html(&self) -> String {
        self.report().body_html()
    }

    /// The names of the files offered for download.
    pub fn files(&self) -> Vec<String> {
        let data = match self {
            Finished::Run { .. } => RUN_DATA,
            Finished::Compare { .. } => COMPARE_DATA,
            Finished::Sweep { .. } => SWEEP_DATA,
        };
        ["report.html", "report.md"]
            .iter()
            .chain(data)
            .map(|s| s.to_string())
            .chain(
                self.charts()
                    .iter()
                    .flat_map(|c| [c.png_name(), c.svg_name(), c.csv_name()]),
            )
            .collect()
    }

    /// The file called `name` (one of [`Finished::files`]) and its media type.
    pub fn file(&self, name: &str) -> Option<(&'static str, Vec<u8>)> {
        for c in self.charts() {
            if name == c.png_name() {
                return Some(("image/png", c.png.clone()));
            }
            if name == c.svg_name() {
                return Some(("image/svg+xml", c.svg.clone().into_bytes()));
            }
            if name == c.csv_name() {
                return Some(("text/csv; charset=utf-8", c.data.clone()));
            }
        }
        let bytes = match name {
            "report.html" => self.report().html().into_bytes(),
            "report.md" => self.report().markdown().into_bytes(),
            _ => self.data(name)?,
        };
        let kind = match name.rsplit('.').next() {
            Some("html") => "text/html; charset=utf-8",
            Some("md") => "text/markdown; charset=utf-8",
            Some("json") => "application/json",
            _ => "text/csv; charset=utf-8",
        };
        Some((kind, bytes))
    }

    fn data(&self, name: &str) -> Option<Vec<u8>> {
        match self {
            Finished::Run { result, info, .. } => output::run_files(result, info)
                .into_iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, b)| b.into_bytes().ok()),
            Finished::Compare {
                comparison,
                records,
                reproduce,
                ..
            } => match name {
                "differences.csv" => {
                    Some(output::compare::differences_csv(&comparison.differences))
                }
                "summary.json" => Some(output::compare::summary_json(
                    comparison, records, reproduce,
                )),
                _ => None,
            },
            Finished::Sweep {
                sweep,
                record,
                reproduce,
                ..
            } => match name {
                "sweep.csv" => Some(output::sweep::sweep_csv(sweep)),
                "summary.json" => Some(output::sweep::summary_json(sweep, record, reproduce)),
                _ => None,
            },
        }
    }
}
