//! The report and terminal table of `burden compare`.

use super::table::Table;
use super::{Block, Report, Section};
use crate::analysis::compare::Comparison;
use crate::charts::Chart;
use crate::format;
use crate::output::manifest::ScenarioRecord;
use crate::summary::HEADLINES;

const HEADER: [&str; 6] = [
    "Figure (all districts)",
    "A: median",
    "B: median",
    "B − A: median (90%)",
    "B − A: mean ± MC error",
    "P(B worse)",
];

/// The headline differences of the scenario labelled `label` against the reference.
pub fn headline_table(c: &Comparison, label: &str) -> Table {
    let mut t = Table::new(HEADER);
    for m in HEADLINES {
        let Some(d) = c.headline(label, m.name) else {
            continue;
        };
        let e = &d.difference;
        t.push([
            m.label.to_string(),
            format::value(m.unit, d.reference_median),
            format::value(m.unit, d.scenario_median),
            format!(
                "{} ({} to {})",
                format::difference(m.unit, e.median),
                format::difference(m.unit, e.p05),
                format::difference(m.unit, e.p95)
            ),
            format!(
                "{} ± {}",
                format::difference(m.unit, e.mean),
                format::error(m.unit, e.mc_se)
            ),
            format::probability(d.p_worse),
        ]);
    }
    t
}

fn heading(c: &Comparison, i: usize) -> String {
    format!(
        "{} = {} minus A = {}",
        c.letters[i], c.arms[i].label, c.arms[0].label
    )
}

const READING: &str = "The interval is the spread of the paired difference across iterations; ± is its Monte Carlo error.\nP(B worse): share of iterations in which B is worse (higher, except for the share with no deficit); a figure per household is judged on its total where B changes how many households it divides by.\n";

/// What `compare` prints: a table per compared scenario.
pub fn terminal(c: &Comparison) -> String {
    let mut out = String::new();
    for (i, b) in c.arms.iter().enumerate().skip(1) {
        out.push_str(&format!(
            "{}\n{} paired iterations on common random numbers, seed {}\n\n",
            heading(c, i),
            c.settings.iterations,
            c.settings.seed
        ));
        if let Some(why) =
            super::season::date_sentence(&c.letters[i], &c.arms[0].scenario, &b.scenario)
        {
            out.push_str(&format!("{why}\n\n"));
        }
        out.push_str(&headline_table(c, &b.label).terminal(""));
        out.push('\n');
    }
    out.push_str(READING);
    out
}

/// The comparison as a reader of a paper needs it.
pub fn build<'a>(
    c: &Comparison,
    charts: Option<&'a [Chart]>,
    scenarios: &[ScenarioRecord],
    reproduce: &str,
) -> Report<'a> {
    let mut table = Table::new([
        "",
        "scenario",
        "file",
        "changes (--set, --set-on, --variant)",
        "file SHA-256",
    ]);
    for (i, a) in c.arms.iter().enumerate() {
        let changes = if a.scenario.overrides.is_empty() {
            "none".to_string()
        } else {
            a.scenario
                .overrides
                .iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        table.push([
            if i == 0 {
                "A (reference)".to_string()
            } else {
                c.letters[i].clone()
            },
            a.label.clone(),
            a.scenario.origin.clone(),
            changes,
            format!(
                "`{}`",
                &a.scenario.sha256[..a.scenario.sha256.len().min(12)]
            ),
        ]);
    }
    let mut blocks = vec![Block::Table(table)];
    if !c.warnings.is_empty() {
        blocks.push(Block::Paragraph("**Warnings**".into()));
        blocks.push(Block::List(c.warnings.clone()));
    }
    let mut sections = vec![Section::new("Scenarios", blocks)];
    for (i, b) in c.arms.iter().enumerate().skip(1) {
        let mut blocks = Vec::new();
        let a = &c.arms[0].scenario;
        if let Some(why) = super::season::date_sentence(&c.letters[i], a, &b.scenario) {
            blocks.push(Block::Paragraph(why));
        }
        blocks.push(Block::Table(headline_table(c, &b.label)));
        sections.push(Section::new(heading(c, i), blocks));
    }
    sections.extend(Report::charts_section(charts));
    sections.push(Section::new("How to read this", vec![Block::List(vec![
        "**B − A: median (90%)** is the median of the per-iteration difference and the interval from its 5th to 95th percentile: the spread of the difference across the worlds the inputs allow.".into(),
        "**± MC error** is the Monte Carlo standard error of the mean difference: the precision of the simulation, which more iterations shrink.".into(),
        "**P(B worse)** is the share of iterations in which B is worse than A. Higher is worse for every figure except the share of people with no survival deficit. A figure per household (levy per levied household, food lost per affected household) is judged on its total (levy paid, food lost) in the iterations where B levies or affects a different number of households than A, because a smaller levy per household can mean more taken in all. Ties (no difference) count as neither.".into(),
        "Every district, wealth group and metric is in `differences.csv`.".into(),
    ])]));
    sections.push(super::reproduce_section(scenarios, reproduce));
    Report {
        title: format!("Comparison: {}", c.title()),
        lead: vec![format!(
            "Every scenario ran the same {} iterations with seed {} (common random numbers): iteration i of each is the same world wherever the scenarios agree, so each difference is formed iteration by iteration. The reference (A) is **{}**.",
            c.settings.iterations, c.settings.seed, c.arms[0].label
        )],
        sections,
    }
}
