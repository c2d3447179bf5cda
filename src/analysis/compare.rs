//! Paired differences between scenarios run on common random numbers.
//!
//! Every scenario runs with the same seed and iteration numbers, so iteration *i* of
//! each is the same world wherever the scenarios agree: the same draws of every
//! input they share, the same households. The difference B − A is therefore formed
//! per iteration and summarised like any figure (median, 90% interval, mean and its
//! Monte Carlo error), and the probability that B is worse than A is the share of
//! iterations in which the difference points the worse way. A scenario compared
//! with itself gives exactly zero.

use serde::Serialize;

use super::Arm;
use crate::engine::{EngineError, RunSettings};
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::{Estimate, Stream};
use crate::summary::{EntityValues, HEADLINES, MetricDef};

/// Which way of a metric is worse for the residents or the released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Worse {
    Higher,
    Lower,
}

impl Worse {
    pub fn word(self) -> &'static str {
        match self {
            Worse::Higher => "higher",
            Worse::Lower => "lower",
        }
    }
}

/// Higher is worse for every metric (levies, deficits, households out of stock,
/// unmet need, incidents, people released) except the shares of persons with no
/// survival deficit or with neither deficit, where lower is worse.
pub fn worse_if(metric: &str) -> Worse {
    if metric.starts_with("deficit_band_none") || metric.starts_with("livelihood_deficit_none") {
        Worse::Lower
    } else {
        Worse::Higher
    }
}

/// One paired difference: one scenario against the reference, one entity, one metric.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub scenario: String,
    pub reference: String,
    #[serde(flatten)]
    pub scope: Scope,
    pub metric: &'static str,
    pub unit: &'static str,
    pub worse_if: Worse,
    /// The per-iteration difference (scenario − reference) summarised.
    pub difference: Estimate,
    /// Share of iterations in which the scenario is worse than the reference.
    pub p_worse: f64,
    /// Its Monte Carlo standard error, sqrt(p (1 − p) / n).
    pub p_worse_mc_se: f64,
    /// Share of iterations in which the scenario is better (the rest are ties).
    pub p_better: f64,
    pub reference_median: f64,
    pub scenario_median: f64,
}

/// Whether two scenarios report the same districts and wealth groups, so that their
/// rows can be paired district by district.
pub fn same_structure(a: &Scenario, b: &Scenario) -> bool {
    let names = a.district_names();
    names == b.district_names() && (0..names.len()).all(|d| a.group_names(d) == b.group_names(d))
}

/// Figures per household whose number of households can change between scenarios:
/// (the figure, the households it is divided by, the total that judges it instead).
/// When B levies or affects other households than A, a lower levy per household can
/// mean more food taken in all; in those iterations P(B worse) follows the total.
pub const PER_HOUSEHOLD: &[(&str, &str, &str)] = &[
    (
        "levy_kg_per_levied_household",
        "levied_households",
        "levy_paid_t",
    ),
    (
        "levy_kpw_per_levied_household",
        "levied_households",
        "levy_paid_t",
    ),
    (
        "levy_days_per_levied_household",
        "levied_households",
        "levy_paid_t",
    ),
    ("levy_share_of_stock", "levied_households", "levy_paid_t"),
    (
        "food_lost_days_per_affected_household",
        "affected_households",
        "food_lost_t",
    ),
];

/// The per-iteration differences that decide P(B worse): the figure's own, except in
/// iterations where a per-household figure's households differ (see [`PER_HOUSEHOLD`]).
fn judged(
    metric: &str,
    a: &EntityValues,
    b: &EntityValues,
    kept: &[usize],
    diff: &[f64],
) -> Vec<f64> {
    let Some(&(_, households, total)) = PER_HOUSEHOLD.iter().find(|p| p.0 == metric) else {
        return diff.to_vec();
    };
    let (Some(ah), Some(bh), Some(at), Some(bt)) = (
        a.get(households),
        b.get(households),
        a.get(total),
        b.get(total),
    ) else {
        return diff.to_vec();
    };
    diff.iter()
        .zip(kept)
        .map(|(&d, &i)| if ah[i] == bh[i] { d } else { bt[i] - at[i] })
        .collect()
}

/// Paired differences `other − reference` for every entity and metric in both
/// (only the total when `totals_only`), from every iteration at once.
pub fn paired_differences(
    reference_label: &str,
    reference: &[EntityValues],
    label: &str,
    other: &[EntityValues],
    totals_only: bool,
) -> Vec<Difference> {
    let mut pairs = Pairs::new(reference_label, label, totals_only);
    pairs.add(reference, other);
    pairs.finish()
}

/// The paired differences of one scenario against the reference, formed as blocks
/// of iterations arrive (in iteration order): per figure, streams of the difference
/// and of both sides, and counts of the iterations where the scenario is worse or
/// better.
pub struct Pairs {
    reference: String,
    scenario: String,
    totals_only: bool,
    /// One per entity and metric in both, in the reference's order.
    figures: Vec<Pair>,
}

struct Pair {
    scope: Scope,
    metric: &'static MetricDef,
    difference: Stream,
    reference: Stream,
    scenario: Stream,
    worse: usize,
    better: usize,
}

impl Pairs {
    pub fn new(reference: &str, scenario: &str, totals_only: bool) -> Pairs {
        Pairs {
            reference: reference.to_string(),
            scenario: scenario.to_string(),
            totals_only,
            figures: Vec::new(),
        }
    }

    /// Adds a block: the same iterations' values of the reference and the scenario.
    pub fn add(&mut self, reference: &[EntityValues], other: &[EntityValues]) {
        let mut k = 0;
        for a in reference {
            if self.totals_only && !a.is_total() {
                continue;
            }
            let Some(b) = other.iter().find(|b| b.scope == a.scope) else {
                continue;
            };
            for (m, av) in &a.metrics {
                let Some(bv) = b.get(m.name) else { continue };
                if self.figures.len() == k {
                    self.figures.push(Pair {
                        scope: a.scope.clone(),
                        metric: m,
                        difference: Stream::new(),
                        reference: Stream::new(),
                        scenario: Stream::new(),
                        worse: 0,
                        better: 0,
                    });
                }
                let pair = &mut self.figures[k];
                k += 1;
                // Iterations where either side has no value (a role with nobody in it)
                // are left out of the pair; n counts the rest.
                let kept: Vec<usize> = (0..av.len().min(bv.len()))
                    .filter(|&i| !av[i].is_nan() && !bv[i].is_nan())
                    .collect();
                let diff: Vec<f64> = kept.iter().map(|&i| bv[i] - av[i]).collect();
                for (&i, &d) in kept.iter().zip(&diff) {
                    pair.difference.push(d);
                    pair.reference.push(av[i]);
                    pair.scenario.push(bv[i]);
                }
                let worse = worse_if(m.name);
                for d in judged(m.name, a, b, &kept, &diff) {
                    let d = match worse {
                        Worse::Higher => d,
                        Worse::Lower => -d,
                    };
                    pair.worse += usize::from(d > 0.0);
                    pair.better += usize::from(d < 0.0);
                }
            }
        }
    }

    /// Every figure that had at least one pair of values.
    pub fn finish(self) -> Vec<Difference> {
        self.figures
            .into_iter()
            .filter(|p| !p.difference.is_empty())
            .map(|p| {
                let nf = p.difference.len().max(1) as f64;
                let p_worse = p.worse as f64 / nf;
                Difference {
                    scenario: self.scenario.clone(),
                    reference: self.reference.clone(),
                    scope: p.scope,
                    metric: p.metric.name,
                    unit: p.metric.unit,
                    worse_if: worse_if(p.metric.name),
                    difference: p.difference.estimate(),
                    p_worse,
                    p_worse_mc_se: (p_worse * (1.0 - p_worse) / nf).sqrt(),
                    p_better: p.better as f64 / nf,
                    reference_median: p.reference.estimate().median,
                    scenario_median: p.scenario.estimate().median,
                }
            })
            .collect()
    }
}

/// A comparison: every scenario run on common random numbers, and the paired
/// differences of each against the first (the reference, A).
pub struct Comparison {
    pub arms: Vec<Arm>,
    /// A, then B (or B1, B2, ...), as charts and tables name the scenarios.
    pub letters: Vec<String>,
    pub differences: Vec<Difference>,
    pub warnings: Vec<String>,
    pub settings: RunSettings,
}

/// The letters of `n` scenarios in charts and tables: A, then B (or B1, B2, ...).
pub fn letters(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match (i, n) {
            (0, _) => "A".to_string(),
            (_, 2) => "B".to_string(),
            _ => format!("B{i}"),
        })
        .collect()
}

/// Scenario names as labels, made unique; a `--variant` (the last scenario) is named
/// by its changes, e.g. `levy.resident_share=0`.
pub fn labels(scenarios: &[Scenario], variant: &[String], own: &[Vec<String>]) -> Vec<String> {
    let last = scenarios.len().saturating_sub(1);
    unique(scenarios.iter().enumerate().map(|(i, sc)| {
        let base = if !variant.is_empty() && i == last {
            variant.join(" ")
        } else {
            sc.name().to_string()
        };
        match own.get(i).filter(|c| !c.is_empty()) {
            Some(changes) => format!("{base} {}", changes.join(" ")),
            None => base,
        }
    }))
}

/// Each scenario's own changes from `--set-on LETTER KEY=VALUE` pairs (given flat, as
/// the command line has them), for `arms` scenarios named by [`letters`].
pub fn own_changes(pairs: &[String], arms: usize) -> Result<Vec<Vec<String>>, String> {
    let letters = letters(arms);
    let mut own = vec![Vec::new(); arms];
    for pair in pairs.chunks(2) {
        let [name, change] = pair else {
            return Err(
                "--set-on needs a letter and a change, such as --set-on B levy.resident_share=0"
                    .into(),
            );
        };
        let wanted = name.trim().to_uppercase();
        let Some(i) = letters.iter().position(|l| *l == wanted) else {
            return Err(format!(
                "--set-on {name}: this comparison has the scenarios {}\n  = help: name one by its letter, in the order given (A is the first file), such as --set-on {} {change}",
                letters.join(", "),
                letters.last().map_or("B", String::as_str),
            ));
        };
        own[i].push(change.clone());
    }
    Ok(own)
}

/// Each scenario's own changes as `(letter, change)` pairs, in order.
pub fn letter_changes(own: &[Vec<String>]) -> Vec<(String, String)> {
    own.iter()
        .zip(letters(own.len()))
        .flat_map(|(changes, l)| changes.iter().map(move |c| (l.clone(), c.clone())))
        .collect()
}

/// The names with " #2", " #3", ... added to repeats.
pub fn unique(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for base in names {
        let mut label = base.clone();
        let mut k = 2;
        while labels.contains(&label) {
            label = format!("{base} #{k}");
            k += 1;
        }
        labels.push(label);
    }
    labels
}

/// What a reader should know before trusting a comparison: scenarios run with the
/// reference's seed and iterations, and scenarios compared on their totals only.
pub fn warnings(scenarios: &[Scenario], settings: &RunSettings) -> Vec<String> {
    let mut warnings = Vec::new();
    let Some(reference) = scenarios.first() else {
        return warnings;
    };
    for sc in &scenarios[1..] {
        if sc.seed() != reference.seed() || sc.iterations() != reference.iterations() {
            warnings.push(format!(
                "{} is run with seed {} and {} iterations like the reference, not its own, so that both share their random numbers",
                sc.name(),
                settings.seed,
                settings.iterations
            ));
        }
        if !same_structure(reference, sc) {
            warnings.push(format!(
                "{} and {} have different districts or wealth groups, so only their totals are compared",
                reference.name(),
                sc.name()
            ));
        }
    }
    warnings
}

/// Runs every scenario with `settings` and forms the paired differences against the first.
pub fn compare(
    scenarios: Vec<(String, Scenario)>,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<Comparison, EngineError> {
    let all: Vec<&Scenario> = scenarios.iter().map(|(_, sc)| sc).collect();
    let warnings = warnings(&all.into_iter().cloned().collect::<Vec<_>>(), settings);
    let mut pairs: Vec<Pairs> = scenarios
        .split_first()
        .map(|((a_label, a), others)| {
            others
                .iter()
                .map(|(label, b)| Pairs::new(a_label, label, !same_structure(a, b)))
                .collect()
        })
        .unwrap_or_default();
    let arms = super::run_arms(scenarios, settings, tick, |values| {
        if let Some((a, others)) = values.split_first() {
            for (p, b) in pairs.iter_mut().zip(others) {
                p.add(a, b);
            }
        }
    })?;
    let differences = pairs.into_iter().flat_map(Pairs::finish).collect();
    Ok(Comparison {
        letters: letters(arms.len()),
        arms,
        differences,
        warnings,
        settings: settings.clone(),
    })
}

impl Comparison {
    /// The difference of a headline figure on the total, for the scenario labelled `label`.
    pub fn headline(&self, label: &str, metric: &str) -> Option<&Difference> {
        self.differences
            .iter()
            .find(|d| d.scenario == label && d.scope.is_total() && d.metric == metric)
    }

    /// Every headline difference on the total, scenario by scenario, in headline order.
    pub fn headlines(&self) -> Vec<&Difference> {
        self.arms[1..]
            .iter()
            .flat_map(|b| {
                HEADLINES
                    .iter()
                    .filter_map(|h| self.headline(&b.label, h.name))
            })
            .collect()
    }

    /// The scenarios' labels joined by "vs".
    pub fn title(&self) -> String {
        self.arms
            .iter()
            .map(|a| a.label.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{METRICS, metric};

    fn total(metric_name: &str, values: Vec<f64>) -> Vec<EntityValues> {
        let m = metric(metric_name).unwrap();
        vec![EntityValues {
            scope: Scope::Total,
            metrics: vec![(m, values)],
        }]
    }

    #[test]
    fn differences_are_paired_by_iteration() {
        // Pairs (A, B): (1, 2), (2, 2), (3, 7), (4, 3): differences 1, 0, 4, -1.
        let a = total("incidents", vec![1.0, 2.0, 3.0, 4.0]);
        let b = total("incidents", vec![2.0, 2.0, 7.0, 3.0]);
        let d = &paired_differences("A", &a, "B", &b, false)[0];
        assert!((d.difference.mean - 1.0).abs() < 1e-12);
        assert!((d.difference.median - 0.5).abs() < 1e-12);
        assert!((d.p_worse - 0.5).abs() < 1e-12);
        assert!((d.p_better - 0.25).abs() < 1e-12);
        assert!((d.p_worse_mc_se - (0.25f64 / 4.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn no_deficit_is_worse_when_lower() {
        assert_eq!(worse_if("deficit_band_none_with"), Worse::Lower);
        assert!(
            METRICS
                .iter()
                .filter(|m| worse_if(m.name) == Worse::Lower)
                .all(|m| m.name.starts_with("deficit_band_none")
                    || m.name.starts_with("livelihood_deficit_none"))
        );
        let a = total("deficit_band_none_with", vec![0.5, 0.5]);
        let b = total("deficit_band_none_with", vec![0.4, 0.6]);
        let d = &paired_differences("A", &a, "B", &b, false)[0];
        assert!((d.p_worse - 0.5).abs() < 1e-12);
    }

    #[test]
    fn a_per_household_figure_is_judged_on_its_total_when_the_households_differ() {
        // Iteration 1: A levies 100 households 1 kg each (0.1 t); B levies 20 households
        // 2 kg each (0.04 t): more per household but less in all, so B is not worse.
        // Iteration 2: the same 100 households in both, 1 vs 1.5 kg: B is worse.
        let values = |per: [f64; 2], households: [f64; 2], tonnes: [f64; 2]| {
            vec![EntityValues {
                scope: Scope::Total,
                metrics: vec![
                    (
                        metric("levy_kg_per_levied_household").unwrap(),
                        per.to_vec(),
                    ),
                    (metric("levied_households").unwrap(), households.to_vec()),
                    (metric("levy_paid_t").unwrap(), tonnes.to_vec()),
                ],
            }]
        };
        let a = values([1.0, 1.0], [100.0, 100.0], [0.1, 0.1]);
        let b = values([2.0, 1.5], [20.0, 100.0], [0.04, 0.15]);
        let d = &paired_differences("A", &a, "B", &b, false)[0];
        assert_eq!(d.metric, "levy_kg_per_levied_household");
        assert!((d.p_worse - 0.5).abs() < 1e-12);
        assert!((d.p_better - 0.5).abs() < 1e-12);
        // The difference itself is still the figure's own: +1 and +0.5 kg.
        assert!((d.difference.mean - 0.75).abs() < 1e-12);
    }
}
