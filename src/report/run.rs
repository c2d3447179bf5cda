//! The report and terminal table of `burden run`.

use super::table::Table;
use super::{Block, Report, Section, list};
use crate::analysis::run::{PrecisionOutcome, RunResult};
use crate::charts::Chart;
use crate::format;
use crate::output::assumption_rows;
use crate::output::manifest::ScenarioRecord;
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::summary::{HEADLINES, metric};

const SPREAD_AND_ERROR: &str = "The 90% interval is the spread of outcomes across iterations; ± is the Monte Carlo error of the mean, the precision of the simulation itself.";

/// The scenario's title, or its name when it has none.
pub fn title(sc: &Scenario) -> String {
    let t = &sc.file.scenario.title;
    if t.is_empty() {
        sc.name().to_string()
    } else {
        t.clone()
    }
}

/// The run's report: findings, charts, methods, caveats, assumptions, how to reproduce.
pub fn build<'a>(
    r: &RunResult,
    charts: Option<&'a [Chart]>,
    scenario: &ScenarioRecord,
    reproduce: &str,
) -> Report<'a> {
    let sc = &r.scenario;
    let inputs = assumption_rows(sc);
    let estimates = inputs.iter().filter(|i| i.grade == "E").count();
    let mut caveats = vec![Block::Paragraph(caveats(estimates, inputs.len()))];
    if !sc.warnings.is_empty() {
        caveats.push(Block::Paragraph(
            "The scenario check raised these warnings:".into(),
        ));
        caveats.push(Block::List(
            sc.warnings.iter().map(|w| w.message.clone()).collect(),
        ));
    }
    let mut assumptions = Table::new([
        "Input",
        "Value or distribution",
        "Unit",
        "Kind",
        "Source",
        "Grade",
    ]);
    for row in &inputs {
        let grade = match row.grade.as_str() {
            "E" => "**E \u{2013} estimate**".to_string(),
            "-" => "ungraded".to_string(),
            g => format!("{g} \u{2013} {}", row.grade_meaning),
        };
        let source = if row.note.is_empty() {
            row.source.clone()
        } else {
            format!("{} ({})", row.source, row.note)
        };
        let cells = [
            format!("`{}` {}", row.path, row.meaning)
                .trim_end()
                .to_string(),
            row.value.clone(),
            row.unit.to_string(),
            row.kind.to_string(),
            source,
            grade,
        ];
        if row.grade == "E" {
            assumptions.push_highlighted(cells);
        } else {
            assumptions.push(cells);
        }
    }
    let mut sections = vec![Section::new(
        "Headline findings",
        vec![
            Block::List(super::findings::findings(sc, &r.summary, &Scope::Total)),
            Block::Paragraph(SPREAD_AND_ERROR.into()),
        ],
    )];
    sections.extend(Report::charts_section(charts));
    sections.push(Section::new(
        "Methods",
        vec![Block::Paragraph(methods(
            sc,
            r.settings.iterations,
            r.settings.seed,
        ))],
    ));
    sections.push(Section::new("Caveats", caveats));
    sections.push(Section::new(
        "Assumptions",
        vec![
            Block::Paragraph(format!(
                "Every input of the scenario with its value or distribution, unit, source and grade. \
                 Grades: **S** sourced, **S2** sourced through a secondary copy, **E** an estimate. \
                 The {estimates} rows marked **E \u{2013} estimate** (shaded in the HTML report) are estimates, not facts. \
                 Kind: uncertainty is drawn once per iteration, variation differs between households, fixed is one number, and fixed, by month is twelve numbers, January first."
            )),
            Block::Table(assumptions),
        ],
    ));
    sections.push(super::reproduce_section(
        std::slice::from_ref(scenario),
        reproduce,
    ));
    Report {
        title: title(sc),
        lead: [sc.file.scenario.description.clone()]
            .into_iter()
            .filter(|d| !d.is_empty())
            .collect(),
        sections,
    }
}

/// What was simulated, from the scenario and the run.
pub fn methods(sc: &Scenario, iterations: u64, seed: u64) -> String {
    let districts = sc.district_names();
    let groups: Vec<String> =
        (0..districts.len())
            .flat_map(|d| sc.group_names(d))
            .fold(Vec::new(), |mut acc, g| {
                if !acc.contains(&g) {
                    acc.push(g);
                }
                acc
            });
    let start = sc
        .file
        .scenario
        .start_date
        .as_ref()
        .map_or(String::new(), |d| format!(" from {}", d.get_ref()));
    let uncertain = sc.inputs.iter().filter(|i| i.input.is_uncertain()).count();
    format!(
        "burden {version} simulated {district_count} ({district_list}) over {horizon} days{start}, with \
         households in {group_count} ({group_list}). The run has {iterations}; each draws the \
         {uncertain} uncertain inputs once (what we do not know about the world), then draws each simulated \
         household's own stock, size and daily food around them (how households differ), and steps through \
         the horizon day by day: the release, the support package and the levy that pays for it, informal \
         sharing, incidents, and households' stocks running down. Deficits are measured against the \
         scenario's energy need of {need} per person per day (plus the cold adjustment where it is on), \
         and released people's hunger also against its survival floor of {floor}. Every iteration also runs the same world \
         without the release on the same random numbers, so each difference the release makes is a paired \
         difference. Figures are medians across iterations with the 5th to 95th percentile as the 90% \
         interval; ± is the Monte Carlo standard error of the mean, which more iterations would shrink. \
         Random seed {seed}.{binned}",
        binned = if iterations as usize > crate::stats::EXACT_LIMIT {
            format!(
                " Past {} iterations each percentile is read from {} bins per figure and is within one \
                 bin width (the range of the figure's first values / {}) of the exact one; means are exact.",
                format::thousands(crate::stats::EXACT_LIMIT as f64),
                format::thousands(crate::stats::BINS as f64),
                format::thousands(crate::stats::BINS as f64),
            )
        } else {
            String::new()
        },
        version = env!("CARGO_PKG_VERSION"),
        need = sc.need_text(),
        floor = sc.floor_text(),
        district_count = format::count(districts.len(), "district"),
        district_list = list(&districts),
        horizon = sc.horizon(),
        group_count = format::count(groups.len(), "wealth group"),
        group_list = list(&groups),
        iterations = format::count(iterations as usize, "iteration"),
    )
}

/// What a reader must keep in mind.
pub fn caveats(estimates: usize, inputs: usize) -> String {
    format!(
        "The data on North Korea are thin and politically sensitive: releases and what followed them are \
         reported by a few outlets citing unnamed residents and are rarely corroborated, and \
         {estimates} of the {inputs} inputs are the scenario author's estimates (grade E in the table below), \
         not measurements. The intervals show what follows from those assumptions, not how likely the \
         assumptions are. Deficit bands and phase shares are IPC-style teaching approximations; they are not \
         an official IPC classification and must not be cited as one. Results describe a model, not \
         observed outcomes."
    )
}

/// The headline figures of all districts: median with its 90% interval, and mean ±
/// Monte Carlo error (the terminal's table, and `burden serve`'s).
pub fn headline_table(r: &RunResult) -> Table {
    let total = r.summary.total();
    let mut table = Table::new([
        "Figure (all districts)",
        "Median (90% interval)",
        "Mean ± MC error",
    ]);
    for m in HEADLINES {
        if let Some(e) = total.get(m.name) {
            table.push([
                m.label.to_string(),
                format::median_interval(m.unit, e),
                format::mean_error(m.unit, e),
            ]);
        }
    }
    table
}

/// The terminal table of headline figures (and a `--precision` run's status).
pub fn terminal(r: &RunResult) -> String {
    let table = headline_table(r);
    let mut out = format!(
        "{}\n{}, seed {}, horizon {}\n\n",
        title(&r.scenario),
        format::count(r.settings.iterations as usize, "iteration"),
        r.settings.seed,
        format::count(r.scenario.horizon(), "day")
    );
    // Who carried it first, in sentences; then the table.
    for f in super::findings::findings(&r.scenario, &r.summary, &Scope::Total) {
        out.push_str(&format!("{}\n\n", wrap(&f, 96)));
    }
    out.push_str(&table.terminal(""));
    out.push_str("\nThe interval is the spread across iterations; ± is the Monte Carlo standard error of the mean.\n");
    out.push_str(&format!(
        "Thresholds from the scenario: energy need {} and survival floor {} per person per day.\n",
        r.scenario.need_text(),
        r.scenario.floor_text()
    ));
    if let Some(p) = &r.precision {
        out.push_str(&precision_table(p));
    }
    out
}

/// The status of each headline figure after a `--precision` run.
fn precision_table(p: &PrecisionOutcome) -> String {
    let n = p.statuses.first().map_or(0, |s| s.iterations);
    let all = p.statuses.iter().all(|s| s.converged);
    let mut out = format!(
        "\nPrecision target: Monte Carlo error at most {} of each figure's mean. {}\n",
        format::value("share", p.target),
        if all {
            format!(
                "Every figure reached it after {} iterations.",
                format::thousands(n as f64)
            )
        } else {
            format!(
                "Stopped at {} iterations (the most allowed is {}).",
                format::thousands(n as f64),
                format::thousands(p.max_iterations as f64)
            )
        }
    );
    let mut table = Table::new(["Figure", "Status"]);
    for s in &p.statuses {
        let Some(m) = metric(&s.metric) else {
            continue;
        };
        let state = match (s.converged, s.relative_error, s.iterations_needed) {
            (true, None, _) => "converged (zero in every iteration)".to_string(),
            (true, Some(r), _) => format!(
                "converged (error {} of the mean)",
                format::value("share", r)
            ),
            (false, Some(r), Some(k)) => format!(
                "not yet: error {} of the mean; about {} more iterations",
                format::value("share", r),
                format::thousands(k.saturating_sub(s.iterations) as f64)
            ),
            _ => "not yet: the mean is zero but the values vary, so no relative error".to_string(),
        };
        table.push([m.label.to_string(), state]);
    }
    out.push_str(&table.terminal("  "));
    out
}

/// Text broken into lines of at most `width` characters, between words.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}
