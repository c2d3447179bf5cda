//! The charts of each command, chosen by the type of its result.

use super::compare::{CompareNoStock, DayAxis, HeadlineBars, HeadlineDifference, ScenarioFigures};
use super::job;
use super::season::{SeasonMarks, lean_months};
use super::sweep::{Sweep, SweepPoint};
use super::{Chart, ChartError, bars::Value, convergence, render, style, tornado};
use crate::analysis::compare::Comparison;
use crate::analysis::discover::{DiscoverResult, Target};
use crate::analysis::run::RunResult;
use crate::analysis::sensitivity::SensitivityResult;
use crate::analysis::sweep::SweepResult;
use crate::output::RunInfo;
use crate::scope::Scope;
use crate::summary::{HEADLINES, headline_names, is_headline};

/// The footer of every chart of a command.
fn footer(name: &str, seed: u64, iterations: u64) -> String {
    style::footer(name, seed, iterations, env!("CARGO_PKG_VERSION"))
}

/// A run's charts, and the convergence chart of a `--precision` run.
pub fn for_run(r: &RunResult, info: &RunInfo) -> Result<Vec<Chart>, ChartError> {
    let mut charts = super::render_all(&r.scenario, info, &r.summary)?;
    if let Some(p) = &r.precision
        && let Some(f) = convergence::Convergence::new(&p.checkpoints, &headline_names(), p.target)
    {
        let footer = footer(&info.scenario_name, info.seed, info.iterations);
        charts.push(render(&f, &footer)?);
    }
    Ok(charts)
}

/// The comparison's charts: no stock by day per scenario, the headline figures per
/// scenario, and the paired differences B − A.
pub fn for_comparison(c: &Comparison) -> Result<Vec<Chart>, ChartError> {
    let footer = footer(&c.title(), c.settings.seed, c.settings.iterations);
    let figures: Vec<ScenarioFigures> = c
        .arms
        .iter()
        .zip(&c.letters)
        .map(|(a, letter)| {
            let district = super::district_labels(&a.scenario)
                .into_iter()
                .next()
                .unwrap_or(Scope::Total);
            ScenarioFigures {
                letter: letter.clone(),
                label: a.label.clone(),
                no_stock: super::series(&a.summary, &district, "no_stock_share_with")
                    .unwrap_or(&[]),
                headline: HEADLINES
                    .iter()
                    .map(|h| a.summary.total().get(h.name).map(Value::from))
                    .collect(),
            }
        })
        .collect();
    let axis = day_axis(c);
    let by_metric = HEADLINES
        .iter()
        .map(|h| {
            c.arms[1..]
                .iter()
                .map(|b| c.headline(&b.label, h.name).map(|d| &d.difference))
                .collect()
        })
        .collect();
    let compared = c.letters[1..]
        .iter()
        .cloned()
        .zip(c.arms[1..].iter().map(|a| a.label.clone()))
        .collect();
    let difference =
        HeadlineDifference::new(&c.arms[0].label, compared, &headline_names(), by_metric);
    super::draw_all(vec![
        job!(
            CompareNoStock::new(&figures, axis, c.settings.iterations as usize),
            &footer
        ),
        job!(HeadlineBars::new(&figures, &headline_names()), &footer),
        job!(difference, &footer),
    ])
}

/// The day axis the scenarios of a comparison share: counted from their start date, and
/// with the lean season and months when they all start on the same date with the same
/// calendar (marked for the longest horizon); from each one's own start otherwise.
fn day_axis(c: &Comparison) -> DayAxis {
    let start = |a: &crate::analysis::Arm| {
        a.scenario
            .file
            .scenario
            .start_date
            .as_ref()
            .map(|d| d.get_ref().clone())
    };
    let first = &c.arms[0];
    let same_start = c.arms.iter().all(|a| start(a) == start(first));
    if !same_start {
        return DayAxis {
            desc: "Days from each scenario's own start".into(),
            season: None,
            own_starts: true,
        };
    }
    let lean = lean_months(&first.scenario);
    let same_season = c.arms.iter().all(|a| lean_months(&a.scenario) == lean);
    let longest = c
        .arms
        .iter()
        .max_by_key(|a| a.scenario.horizon())
        .unwrap_or(first);
    DayAxis {
        desc: super::day_axis(&first.scenario),
        season: same_season
            .then(|| SeasonMarks::of(&longest.scenario))
            .flatten(),
        own_starts: false,
    }
}

/// The sweep's chart: each headline figure against the swept value.
pub fn for_sweep(s: &SweepResult) -> Result<Vec<Chart>, ChartError> {
    let footer = footer(s.base.name(), s.settings.seed, s.settings.iterations);
    let points: Vec<SweepPoint> = s
        .points
        .iter()
        .map(|p| SweepPoint {
            values: &p.values,
            figures: p
                .figures
                .iter()
                .filter(|f| f.scope.is_total() && is_headline(f.metric))
                .map(|f| (f.metric, f.estimate))
                .collect(),
        })
        .collect();
    // The axis says what the key means and its unit, e.g. "release.total = people
    // released in the scenario's districts, persons".
    let x_desc = |key: &str| {
        let (unit, meaning) = crate::scenario::catalog::describe(key);
        match (meaning.is_empty(), unit.is_empty()) {
            (true, _) => key.to_string(),
            (false, true) => format!("{key} = {meaning}"),
            (false, false) => format!("{key} = {meaning}, {unit}"),
        }
    };
    let mut out = Vec::new();
    if let Some(f) = Sweep::new(
        &s.keys,
        x_desc,
        &points,
        &headline_names(),
        s.settings.iterations,
    ) {
        out.push(render(&f, &footer)?);
    }
    Ok(out)
}

/// The tornado chart of every headline figure's drivers.
pub fn for_sensitivity(s: &SensitivityResult) -> Result<Vec<Chart>, ChartError> {
    let footer = footer(s.scenario.name(), s.settings.seed, s.settings.iterations);
    let outcomes = s
        .outcomes
        .iter()
        .map(|o| tornado::Outcome {
            metric: o.metric.clone(),
            varies: o.varies,
            drivers: o
                .drivers
                .iter()
                .map(|d| tornado::Driver {
                    input: s.scenario.named_path(&d.input),
                    index: d.first_order,
                    ci_low: d.ci_low,
                    ci_high: d.ci_high,
                    distinguishable: d.distinguishable_from_zero,
                })
                .collect(),
        })
        .collect();
    let mut out = Vec::new();
    if let Some(f) = tornado::Tornado::new(
        outcomes,
        s.scope.place(),
        s.settings.iterations,
        s.bootstrap,
    ) {
        out.push(render(&f, &footer)?);
    }
    Ok(out)
}

/// The axis of one input of a discovered box: its name and unit, its values and limits.
fn input_axis(
    r: &DiscoverResult,
    res: &crate::analysis::discover::Restriction,
) -> super::discover::Axis {
    let (path, values) = r
        .inputs
        .get(res.input)
        .map_or(("", Vec::new()), |(p, v)| (p.as_str(), v.clone()));
    let unit = crate::scenario::catalog::describe(path).0;
    let name = r.scenario.named_path(path);
    super::discover::Axis {
        desc: if unit.is_empty() {
            name
        } else {
            format!("{name}, {unit}")
        },
        values,
        share: unit.starts_with("share"),
        low: res.low,
        high: res.high,
    }
}

/// The trade-off of the candidate boxes (none when nothing was peeled), and the chosen
/// box on its two main inputs (on its only input and the outcome when it restricts one).
pub fn for_discover(r: &DiscoverResult) -> Result<Vec<Chart>, ChartError> {
    use super::discover::{Axis, BoxScatter, Candidate, TradeOff};
    let footer = footer(r.scenario.name(), r.settings.seed, r.settings.iterations);
    let d = &r.discovery;
    let outcome = crate::analysis::discover::outcome_words(r.metric, r.target, r.threshold);
    let candidate = |b: &crate::analysis::discover::CandidateBox| Candidate {
        coverage: b.coverage,
        density: b.density,
        restricted: b.restrictions.len(),
    };
    let pruned = d.boxes.last().filter(|b| b.pruned_from.is_some());
    let chosen = d
        .chosen()
        .and(d.best)
        .map(|k| (pruned.is_none()).then_some(k));
    let trade = TradeOff {
        trajectory: d
            .boxes
            .iter()
            .filter(|b| b.pruned_from.is_none())
            .map(candidate)
            .collect(),
        pruned: pruned.map(candidate),
        pruned_from: pruned.and_then(|b| b.pruned_from),
        chosen,
        base_rate: d.base_rate,
        outcome: outcome.clone(),
    };
    // Without a peel (no cases, or every world a case) there is nothing to draw.
    if trade.trajectory.len() < 2 {
        return Ok(Vec::new());
    }
    let mut out = vec![render(&trade, &footer)?];
    if let Some(b) = d.chosen() {
        let (x, y) = match b.restrictions.as_slice() {
            [] => return Ok(out),
            [only] => {
                let (low, high) = match r.target {
                    Target::Below(_) => (None, Some(r.threshold)),
                    Target::Above(_) | Target::Top(_) => (Some(r.threshold), None),
                };
                let m = r.metric;
                let y = Axis {
                    desc: format!("{}, {}", m.label, m.unit),
                    values: r.values.clone(),
                    share: m.unit.starts_with("share"),
                    low,
                    high,
                };
                (input_axis(r, only), y)
            }
            [first, second, ..] => (input_axis(r, first), input_axis(r, second)),
        };
        let scatter = BoxScatter {
            x,
            y,
            cases: r.cases.clone(),
            outcome,
        };
        out.push(render(&scatter, &footer)?);
    }
    Ok(out)
}
