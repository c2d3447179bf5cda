//! The report and terminal text of `burden sensitivity`.

use super::table::Table;
use super::{Block, Report, Section};
use crate::analysis::sensitivity::{SensitivityResult, bins_for, input_words};
use crate::charts::Chart;
use crate::output::manifest::ScenarioRecord;
use crate::summary::metric;

pub fn terminal(s: &SensitivityResult) -> String {
    let mut text = format!(
        "What drives each headline figure of {} ({}, {} iterations, seed {}):\n\n",
        s.scenario.name(),
        s.scope.title(),
        s.settings.iterations,
        s.settings.seed
    );
    for line in &s.sentences {
        text.push_str(&format!("- {line}\n\n"));
    }
    text.push_str("Shares of variance are first-order indices (what an input explains on its own), with 95% bootstrap intervals.\n");
    text
}

pub fn build<'a>(
    s: &SensitivityResult,
    charts: Option<&'a [Chart]>,
    scenario: &ScenarioRecord,
    reproduce: &str,
) -> Report<'a> {
    let n = s.settings.iterations as usize;
    let mut sections = vec![Section::new(
        "Findings",
        vec![Block::List(s.sentences.clone())],
    )];
    sections.extend(Report::charts_section(charts));
    for o in &s.outcomes {
        let label = metric(&o.metric).map_or(o.metric.as_str(), |m| m.label);
        if !o.varies {
            sections.push(Section::new(
                label,
                vec![Block::Paragraph("The same in every iteration.".into())],
            ));
            continue;
        }
        let mut t = Table::new([
            "rank",
            "input",
            "share of variance on its own (95% interval)",
            "rank correlation",
        ]);
        for (rank, d) in o.drivers.iter().take(10).enumerate() {
            let share = if d.distinguishable_from_zero {
                format!(
                    "{:.1}% ({:.1}% to {:.1}%)",
                    d.first_order * 100.0,
                    d.ci_low * 100.0,
                    d.ci_high * 100.0
                )
            } else {
                format!(
                    "indistinguishable from zero ({:.1}% to {:.1}%)",
                    d.ci_low * 100.0,
                    d.ci_high * 100.0
                )
            };
            t.push([
                (rank + 1).to_string(),
                format!(
                    "{} (`{}`)",
                    input_words(&s.scenario, &d.input),
                    s.scenario.named_path(&d.input)
                ),
                share,
                format!("{:+.2}", d.spearman),
            ]);
        }
        sections.push(Section::new(label, vec![
            Block::Table(t),
            Block::Paragraph(format!(
                "The first-order shares add up to {:.0}%; the rest is interactions between inputs, variation between households and chance.",
                o.sum_first_order * 100.0
            )),
        ]));
    }
    sections.push(Section::new("Method", vec![Block::Paragraph(format!(
        "For each input, the iterations are sorted by its value and cut into {} bins of equal count; the share of the outcome's variance between the bins, corrected for the noise in the bin means, estimates the first-order index Var(E[Y | X]) / Var(Y). Its 95% interval comes from {} bootstrap resamples of the iterations (fixed seed). An interval that includes zero means the input's effect cannot be told apart from chance with this many iterations. The rank correlation (Spearman) gives the direction: + means a larger input gives a larger outcome. Every input and outcome is in `sensitivity.csv`.",
        bins_for(n),
        s.bootstrap
    ))]));
    sections.push(super::reproduce_section(
        std::slice::from_ref(scenario),
        reproduce,
    ));
    Report {
        title: match &s.scope {
            crate::scope::Scope::Total => format!("What drives the results: {}", s.scenario.name()),
            other => format!(
                "What drives the results: {}, {}",
                s.scenario.name(),
                other.title()
            ),
        },
        lead: vec![format!(
            "From one run of {n} iterations: each iteration drew every uncertain input once, so the run is a sample of inputs and outcomes. Outcomes are for {}.",
            s.scope.place()
        )],
        sections,
    }
}
