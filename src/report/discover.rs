//! The report and terminal text of `burden discover`.

use super::table::Table;
use super::{Block, Report, Section};
use crate::analysis::discover::{
    DENSITY_TOLERANCE, DiscoverResult, MASS_MIN, MIN_COVERAGE, PEEL_ALPHA, SIGNIFICANCE, with_unit,
};
use crate::analysis::sensitivity::input_words;
use crate::charts::Chart;
use crate::format::{count, probability, thousands};
use crate::output::manifest::ScenarioRecord;

/// The line under the sentence: how many worlds, how many cases, how sure.
fn context(r: &DiscoverResult) -> String {
    let d = &r.discovery;
    let test = match d.permutation_p {
        Some(p) => format!(
            " In {} random shuffles of which worlds have the outcome, {} gave a box at least as dense (p = {p:.3}).",
            d.permutations, d.as_dense
        ),
        None => String::new(),
    };
    format!(
        "{} of {} simulated worlds ({}) have the outcome; {} {} tried.{test}",
        thousands(d.cases as f64),
        thousands(d.iterations as f64),
        probability(d.base_rate),
        count(d.boxes.len(), "candidate box"),
        if d.boxes.len() == 1 { "was" } else { "were" },
    )
}

pub fn terminal(r: &DiscoverResult) -> String {
    format!(
        "Under what conditions, in {} ({} iterations, seed {}):\n\n{}\n\n{}\n",
        r.scenario.name(),
        r.settings.iterations,
        r.settings.seed,
        r.sentence,
        context(r)
    )
}

/// One candidate box's limits in words, for the tables.
fn limit(r: &DiscoverResult, input: usize, low: Option<f64>, high: Option<f64>) -> String {
    let path = r.inputs.get(input).map_or("", |(p, _)| p.as_str());
    let unit = crate::scenario::catalog::describe(path).0;
    let v = |x: f64| with_unit(unit, x);
    let range = match (low, high) {
        (Some(l), Some(h)) => format!("{} to {}", v(l), v(h)),
        (Some(l), None) => format!("≥ {}", v(l)),
        (None, Some(h)) => format!("≤ {}", v(h)),
        (None, None) => "any".into(),
    };
    format!("`{}` {range}", r.scenario.named_path(path))
}

fn boxes_table(r: &DiscoverResult) -> Table {
    let d = &r.discovery;
    let chosen = d.chosen().and(d.best);
    let mut t = Table::new(["box", "coverage", "density", "mass", "inputs restricted"]);
    for (k, b) in d.boxes.iter().enumerate() {
        let mut name = k.to_string();
        if let Some(p) = b.pruned_from {
            name = format!("{k} (box {p} with weak limits dropped)");
        }
        if chosen == Some(k) {
            name.push_str(", chosen");
        }
        t.push([
            name,
            probability(b.coverage),
            probability(b.density),
            probability(b.mass),
            b.restrictions.len().to_string(),
        ]);
    }
    t
}

pub fn build<'a>(
    r: &DiscoverResult,
    charts: Option<&'a [Chart]>,
    scenario: &ScenarioRecord,
    reproduce: &str,
) -> Report<'a> {
    let d = &r.discovery;
    let mut sections = vec![Section::new(
        "Finding",
        vec![
            Block::Paragraph(r.sentence.clone()),
            Block::Paragraph(context(r)),
        ],
    )];
    sections.extend(Report::charts_section(charts));
    if let Some(b) = d.chosen() {
        let mut t = Table::new(["input", "limit", "quasi-p"]);
        for res in &b.restrictions {
            let path = r.inputs.get(res.input).map_or("", |(p, _)| p.as_str());
            t.push([
                input_words(&r.scenario, path),
                limit(r, res.input, res.low, res.high),
                format!("{:.2e}", res.quasi_p),
            ]);
        }
        sections.push(Section::new("The chosen box", vec![Block::Table(t)]));
    }
    sections.push(Section::new(
        "Candidate boxes",
        vec![
            Block::Paragraph("Coverage: the share of the worlds with the outcome that lie in the box. Density: the share of the worlds in the box that have the outcome. Mass: the share of all worlds in the box. Every limit of every box is in `boxes.csv`.".into()),
            Block::Table(boxes_table(r)),
        ],
    ));
    sections.push(Section::new("Method", vec![Block::Paragraph(format!(
        "PRIM (Friedman and Fisher 1999), peeling as the EMA Workbench does: starting from every world, each step cuts off the lowest or highest {} of the worlds left in the box along the one input where that raises the density most per world removed, until no cut raises it or the box would hold less than {} of all worlds. The box chosen is the first whose density is within {:.0} percentage points of the densest box that still covers at least {} of the cases. Each of its limits has a quasi-p-value (a one-sided binomial test of the box's density against the box without that limit); limits with a quasi-p above {} are dropped, weakest first. Finally the outcome labels are shuffled among the worlds {} times (fixed seed) and the whole procedure rerun: a box is reported only when shuffled labels give one at least as dense in at most {} of the shuffles. Outcomes are for all districts together.",
        probability(PEEL_ALPHA),
        probability(MASS_MIN),
        DENSITY_TOLERANCE * 100.0,
        probability(MIN_COVERAGE),
        SIGNIFICANCE,
        d.permutations,
        probability(SIGNIFICANCE),
    ))]));
    sections.push(super::reproduce_section(
        std::slice::from_ref(scenario),
        reproduce,
    ));
    Report {
        title: format!("Under what conditions: {}", r.scenario.name()),
        lead: vec![format!(
            "From one run of {} of {}: each iteration drew every uncertain input once and is one simulated world. The worlds where {} are the cases.",
            count(r.settings.iterations as usize, "iteration"),
            r.scenario.name(),
            crate::analysis::discover::outcome_words(r.metric, r.target, r.threshold)
        )],
        sections,
    }
}
