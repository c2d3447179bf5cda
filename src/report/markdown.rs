//! `report.md`: the same report as Markdown, with the charts linked as PNG files from
//! the `charts/` folder beside it.

use super::Report;
use crate::charts::Chart;
use crate::output::RunInfo;
use crate::scenario::Scenario;
use crate::summary::Summary;

/// Makes text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The `## Charts` section of a report: each chart's PNG, numbered title, caption
/// and a link to its SVG. Empty when there are no charts.
pub fn charts_section(charts: &[Chart]) -> String {
    if charts.is_empty() {
        return String::new();
    }
    let mut m = String::from("## Charts\n\n");
    for (i, c) in charts.iter().enumerate() {
        m.push_str(&format!(
            "![{}]({})\n\n**Figure {}. {}.** {} ([SVG]({}))\n\n",
            c.title,
            c.png_name(),
            i + 1,
            c.title,
            c.caption,
            c.svg_name()
        ));
    }
    m
}

pub fn render(sc: &Scenario, info: &RunInfo, summary: &Summary, charts: &[Chart]) -> String {
    let r = Report::new(sc, info, summary);
    let mut m = String::new();
    m.push_str(&format!("# {}\n\n", r.title));
    if !r.description.is_empty() {
        m.push_str(&format!("{}\n\n", r.description));
    }
    m.push_str("## Headline findings\n\n");
    for f in &r.findings {
        m.push_str(&format!("- {f}\n"));
    }
    m.push_str("\nThe 90% interval is the spread of outcomes across iterations; ± is the Monte Carlo error of the mean, the precision of the simulation itself.\n\n");

    m.push_str(&charts_section(charts));

    m.push_str(&format!("## Methods\n\n{}\n\n", r.methods));
    m.push_str(&format!("## Caveats\n\n{}\n\n", r.caveats));
    if !r.warnings.is_empty() {
        m.push_str("The scenario check raised these warnings:\n\n");
        for w in &r.warnings {
            m.push_str(&format!("- {}\n", w.replace('\n', " ")));
        }
        m.push('\n');
    }

    m.push_str("## Assumptions\n\n");
    m.push_str(&format!(
        "Every input of the scenario with its value or distribution, unit, source and grade. Grades: **S** sourced, \
         **S2** sourced through a secondary copy, **E** an estimate. The {} rows marked **E (estimate)** are \
         estimates, not facts. Kind: *uncertainty* is drawn once per iteration, *variation* differs between \
         households, *fixed* is one number.\n\n",
        r.estimates
    ));
    m.push_str("| Input | Value or distribution | Unit | Kind | Source | Grade |\n|---|---|---|---|---|---|\n");
    for row in &r.inputs {
        let grade = match row.grade.as_str() {
            "E" => "**E (estimate)**".to_string(),
            "-" => "ungraded".to_string(),
            g => g.to_string(),
        };
        let source = if row.note.is_empty() {
            row.source.clone()
        } else {
            format!("{} ({})", row.source, row.note)
        };
        m.push_str(&format!(
            "| `{}` {} | {} | {} | {} | {} | {} |\n",
            cell(&row.path),
            cell(row.meaning),
            cell(&row.value),
            cell(row.unit),
            cell(row.kind),
            cell(&source),
            grade
        ));
    }

    m.push_str("\n## How to reproduce this report\n\n");
    m.push_str(&format!(
        "Made by burden {} from the scenario `{}` (SHA-256 `{}`) with this command (the command exactly as typed is in `manifest.json`):\n\n```\n{}\n```\n\n\
         The same version, scenario file and seed give the same numbers and the same charts, on any number of threads.\n",
        r.version, r.scenario_file, r.scenario_sha256, r.command_line
    ));
    m
}
