//! The report and terminal tables of `burden sweep`.

use super::table::Table;
use super::{Block, Report, Section};
use crate::analysis::sweep::SweepResult;
use crate::charts::Chart;
use crate::format;
use crate::output::manifest::ScenarioRecord;
use crate::summary::HEADLINES;

/// One table per headline figure (on the total): a row per point.
pub fn tables(s: &SweepResult) -> Vec<(String, Table)> {
    HEADLINES
        .iter()
        .map(|m| {
            let mut header = s.keys.clone();
            header.extend(["median (90% interval)".into(), "mean ± MC error".into()]);
            let mut t = Table::new(header);
            for p in &s.points {
                let Some(f) = p.total(m.name) else { continue };
                let mut row = p.values.clone();
                row.push(format::median_interval(f.unit, &f.estimate));
                row.push(format::mean_error(f.unit, &f.estimate));
                t.push(row);
            }
            (m.label.to_string(), t)
        })
        .collect()
}

pub fn terminal(s: &SweepResult) -> String {
    let mut out = String::new();
    for (label, t) in tables(s) {
        out.push_str(&format!("{label} (all districts)\n"));
        out.push_str(&t.terminal("  "));
        out.push('\n');
    }
    out
}

pub fn build<'a>(
    s: &SweepResult,
    charts: Option<&'a [Chart]>,
    scenario: &ScenarioRecord,
    reproduce: &str,
) -> Report<'a> {
    let mut sections: Vec<Section> = Report::charts_section(charts).into_iter().collect();
    for (label, t) in tables(s) {
        sections.push(Section::new(label, vec![Block::Table(t)]));
    }
    sections.push(super::reproduce_section(
        std::slice::from_ref(scenario),
        reproduce,
    ));
    Report {
        title: format!("Sweep: {}", s.base.name()),
        lead: vec![format!(
            "Every point ran the same {} iterations with seed {} (common random numbers). Each cell: median (90% interval across iterations); mean ± Monte Carlo error. Every district and metric is in `sweep.csv`.",
            s.settings.iterations, s.settings.seed
        )],
        sections,
    }
}
