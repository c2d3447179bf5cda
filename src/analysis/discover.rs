//! Scenario discovery: which combinations of the uncertain inputs make an outcome
//! happen, by PRIM (the Patient Rule Induction Method, Friedman and Fisher 1999) as
//! the EMA Workbench runs it.
//!
//! Each iteration is a world: one draw of every uncertain input and one value of the
//! outcome. The worlds where the outcome happens are the *cases*. PRIM starts from a
//! box holding every world and peels it: at each step it tries cutting off the
//! lowest and the highest [`PEEL_ALPHA`] (5%) of the worlds still in the box along
//! each input, and keeps the cut that raises the share of cases in the box most per
//! world removed (the EMA Workbench's default "lenient 1" objective). It stops when no
//! cut raises that share or the box would hold less than [`MASS_MIN`] of all worlds.
//! Every box on the way is a candidate, with its
//!
//! * **coverage**: the share of all cases that lie inside it;
//! * **density**: the share of the worlds inside it that are cases;
//! * **mass**: the share of all worlds inside it.
//!
//! **The box chosen** is the first on the trajectory (the least restricted) whose
//! density is within [`DENSITY_TOLERANCE`] of the densest box that still covers at
//! least [`MIN_COVERAGE`] of the cases. Each of its restrictions then gets the EMA
//! Workbench's quasi-p-value: a one-sided binomial test of the box's cases against
//! the density of the box without that restriction. Restrictions with a quasi-p above
//! [`SIGNIFICANCE`] are dropped one at a time (the weakest first), so that the box
//! names only the inputs that matter.
//!
//! **A box on noise is not a finding**: the case labels are shuffled among the
//! worlds (a fixed-seed generator) and the whole procedure rerun; when the shuffled
//! labels give a box at least as dense in more than [`SIGNIFICANCE`] of the shuffles,
//! no box is reported.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::engine::{self, EngineError, RunSettings};
use crate::scenario::Scenario;
use crate::scenario::dist::unit;
use crate::summary::{self, MetricDef};

/// Share of the box's worlds cut off by one peel.
pub const PEEL_ALPHA: f64 = 0.05;
/// Peeling stops before a box would hold less than this share of all worlds.
pub const MASS_MIN: f64 = 0.05;
/// The chosen box covers at least this share of the cases...
pub const MIN_COVERAGE: f64 = 0.5;
/// ...and its density is within this of the densest such box.
pub const DENSITY_TOLERANCE: f64 = 0.05;
/// Largest quasi-p of a kept restriction, and largest permutation p of a finding.
pub const SIGNIFICANCE: f64 = 0.05;
/// Fewest cases for which boxes are sought.
pub const MIN_CASES: usize = 10;
/// Fewest iterations `discover` runs.
pub const MIN_ITERATIONS: u64 = 100;
/// The fixed seed of the label shuffles (outputs must not depend on the clock).
pub const PERMUTATION_SEED: u64 = 0xd15c_0e55;

/// Which worlds are cases.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// The outcome is above the value.
    Above(f64),
    /// The outcome is below the value.
    Below(f64),
    /// The outcome is among this share of the highest values.
    Top(f64),
}

/// The cases of `target` among `values`, and the threshold that defines them (for
/// [`Target::Top`], the lowest value among the highest share: cases are at least
/// it). A value that is not a number (a figure undefined in that world) is never a case.
pub fn cases(values: &[f64], target: Target) -> (Vec<bool>, f64) {
    match target {
        Target::Above(x) => (values.iter().map(|v| *v > x).collect(), x),
        Target::Below(x) => (values.iter().map(|v| *v < x).collect(), x),
        Target::Top(p) => {
            let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
            finite.sort_by(|a, b| b.total_cmp(a));
            let k = ((p * finite.len() as f64).ceil() as usize).clamp(1, finite.len().max(1));
            let t = finite.get(k - 1).copied().unwrap_or(f64::INFINITY);
            (values.iter().map(|v| v.is_finite() && *v >= t).collect(), t)
        }
    }
}

/// A limit on one input: its value is at least `low` and at most `high` (`None`: no
/// limit on that side).
#[derive(Debug, Clone, PartialEq)]
pub struct Restriction {
    /// The input's column.
    pub input: usize,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The quasi-p-value of the restriction in its box.
    pub quasi_p: f64,
}

impl Restriction {
    fn admits(&self, x: f64) -> bool {
        self.low.is_none_or(|l| x >= l) && self.high.is_none_or(|h| x <= h)
    }
}

/// One candidate box.
#[derive(Debug, Clone)]
pub struct CandidateBox {
    /// Strongest (smallest quasi-p) first.
    pub restrictions: Vec<Restriction>,
    pub coverage: f64,
    pub density: f64,
    pub mass: f64,
    /// Some(k): this box is box k with its weak restrictions dropped.
    pub pruned_from: Option<usize>,
}

/// What the peeling found.
#[derive(Debug, Clone)]
pub struct Discovery {
    pub iterations: usize,
    pub cases: usize,
    /// The share of all worlds that are cases.
    pub base_rate: f64,
    /// The peeling trajectory (box 0 holds every world), then the chosen box with its
    /// weak restrictions dropped when that changed it.
    pub boxes: Vec<CandidateBox>,
    /// The box the rule picks (the last box when it was pruned), if there were cases to peel for.
    pub best: Option<usize>,
    /// The share of label shuffles that gave a box at least as dense (None: not tested).
    pub permutation_p: Option<f64>,
    pub permutations: usize,
    /// How many shuffles gave a box at least as dense.
    pub as_dense: usize,
    /// Why no box is reported; `None` when the best box is a finding.
    pub no_box: Option<String>,
}

impl Discovery {
    /// The box reported as a finding.
    pub fn chosen(&self) -> Option<&CandidateBox> {
        match (&self.no_box, self.best) {
            (None, Some(b)) => self.boxes.get(b),
            _ => None,
        }
    }
}

/// The worlds and the sorted order of each input's values.
struct Data<'a> {
    columns: &'a [Vec<f64>],
    order: Vec<Vec<usize>>,
    n: usize,
}

impl<'a> Data<'a> {
    fn new(columns: &'a [Vec<f64>], n: usize) -> Data<'a> {
        let order = columns
            .iter()
            .map(|x| {
                let mut o: Vec<usize> = (0..n).collect();
                o.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
                o
            })
            .collect();
        Data { columns, order, n }
    }

    fn inside(&self, restrictions: &[Restriction]) -> Vec<bool> {
        (0..self.n)
            .map(|i| {
                restrictions
                    .iter()
                    .all(|r| r.admits(self.columns[r.input][i]))
            })
            .collect()
    }

    /// (worlds, cases) in a box.
    fn counts(&self, inside: &[bool], y: &[bool]) -> (usize, usize) {
        inside.iter().zip(y).fold((0, 0), |(n, c), (&i, &yc)| {
            (n + i as usize, c + (i && yc) as usize)
        })
    }

    fn candidate(
        &self,
        restrictions: Vec<Restriction>,
        y: &[bool],
        total_cases: usize,
    ) -> CandidateBox {
        let (n_in, c_in) = self.counts(&self.inside(&restrictions), y);
        CandidateBox {
            restrictions,
            coverage: ratio(c_in, total_cases),
            density: ratio(c_in, n_in),
            mass: ratio(n_in, self.n),
            pruned_from: None,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Sets one side of `input`'s limit in a box's restrictions.
fn tighten(restrictions: &mut Vec<Restriction>, input: usize, low: Option<f64>, high: Option<f64>) {
    let r = match restrictions.iter_mut().find(|r| r.input == input) {
        Some(r) => r,
        None => {
            restrictions.push(Restriction {
                input,
                low: None,
                high: None,
                quasi_p: 0.0,
            });
            let last = restrictions.len() - 1;
            &mut restrictions[last]
        }
    };
    if low.is_some() {
        r.low = low;
    }
    if high.is_some() {
        r.high = high;
    }
}

/// The peeling trajectory: box 0 holds every world.
fn peel(data: &Data, y: &[bool], total_cases: usize) -> Vec<CandidateBox> {
    let mut restrictions: Vec<Restriction> = Vec::new();
    let mut inside = vec![true; data.n];
    let mut boxes = vec![data.candidate(Vec::new(), y, total_cases)];
    let min_count = (MASS_MIN * data.n as f64).ceil() as usize;
    // Each input's worlds still in the box, in the order of its values.
    let mut orders = data.order.clone();
    loop {
        let (n_in, c_in) = data.counts(&inside, y);
        let mean = ratio(c_in, n_in);
        let cut = (PEEL_ALPHA * n_in as f64).floor() as usize;
        // (objective, input, low, high)
        let mut best: Option<(f64, usize, Option<f64>, Option<f64>)> = None;
        for (j, vals) in orders.iter().enumerate() {
            let x = &data.columns[j];
            if vals.len() <= cut || cut == 0 {
                continue;
            }
            let lower = x[vals[cut]];
            let upper = x[vals[vals.len() - 1 - cut]];
            // The worlds a cut removes are a run at one end of the sorted order.
            let tail = |run: &mut dyn Iterator<Item = &usize>| {
                run.fold((0usize, 0usize), |(n, c), &i| (n + 1, c + y[i] as usize))
            };
            let below = tail(&mut vals.iter().take_while(|&&i| x[i] < lower));
            let above = tail(&mut vals.iter().rev().take_while(|&&i| x[i] > upper));
            for (low, high, (removed, removed_cases)) in
                [(Some(lower), None, below), (None, Some(upper), above)]
            {
                if removed == 0 || n_in - removed < min_count {
                    continue;
                }
                let new_mean = ratio(c_in - removed_cases, n_in - removed);
                let objective = (new_mean - mean) / removed as f64;
                if best.is_none_or(|b| objective > b.0) {
                    best = Some((objective, j, low, high));
                }
            }
        }
        let Some((objective, j, low, high)) = best else {
            break;
        };
        if objective <= 0.0 {
            break;
        }
        tighten(&mut restrictions, j, low, high);
        let x = &data.columns[j];
        for (i, keep) in inside.iter_mut().enumerate() {
            *keep = *keep && low.is_none_or(|l| x[i] >= l) && high.is_none_or(|h| x[i] <= h);
        }
        for o in &mut orders {
            o.retain(|&i| inside[i]);
        }
        boxes.push(data.candidate(restrictions.clone(), y, total_cases));
    }
    boxes
}

/// The index of the box the rule picks: the first whose density is within
/// [`DENSITY_TOLERANCE`] of the densest box covering at least [`MIN_COVERAGE`].
fn pick(boxes: &[CandidateBox]) -> usize {
    let eligible = |b: &&CandidateBox| b.coverage >= MIN_COVERAGE;
    let top = boxes
        .iter()
        .filter(eligible)
        .map(|b| b.density)
        .fold(f64::NEG_INFINITY, f64::max);
    boxes
        .iter()
        .position(|b| b.coverage >= MIN_COVERAGE && b.density >= top - DENSITY_TOLERANCE)
        .unwrap_or(0)
}

/// P(X ≥ k) for X binomial(n, p).
pub fn binomial_upper_tail(k: usize, n: usize, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let ln_choose = |i: usize| {
        libm::lgamma(n as f64 + 1.0)
            - libm::lgamma(i as f64 + 1.0)
            - libm::lgamma((n - i) as f64 + 1.0)
    };
    let (lp, lq) = (p.ln(), (1.0 - p).ln());
    let terms: Vec<f64> = (k..=n)
        .map(|i| ln_choose(i) + i as f64 * lp + (n - i) as f64 * lq)
        .collect();
    let top = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = terms.iter().map(|t| (t - top).exp()).sum();
    (top + sum.ln()).exp().min(1.0)
}

/// Each restriction's quasi-p-value in its box, strongest first.
fn with_quasi_p(data: &Data, y: &[bool], restrictions: &[Restriction]) -> Vec<Restriction> {
    // A world is in the box without limit k when it fails no limit, or only limit k.
    let (mut n_box, mut c_box) = (0usize, 0usize);
    let mut only = vec![(0usize, 0usize); restrictions.len()];
    for (i, &case) in y.iter().enumerate() {
        let mut failed = restrictions
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.admits(data.columns[r.input][i]));
        match (failed.next(), failed.next()) {
            (None, _) => {
                n_box += 1;
                c_box += case as usize;
            }
            (Some((k, _)), None) => {
                only[k].0 += 1;
                only[k].1 += case as usize;
            }
            _ => {}
        }
    }
    let mut out: Vec<Restriction> = restrictions
        .iter()
        .zip(&only)
        .map(|(r, (n_k, c_k))| Restriction {
            quasi_p: binomial_upper_tail(c_box, n_box, ratio(c_box + c_k, n_box + n_k)),
            ..r.clone()
        })
        .collect();
    out.sort_by(|a, b| a.quasi_p.total_cmp(&b.quasi_p).then(a.input.cmp(&b.input)));
    out
}

/// The trajectory, the index of the box picked (the pruned box appended when pruning
/// changed it) and its density.
fn discover_boxes(data: &Data, y: &[bool], total_cases: usize) -> (Vec<CandidateBox>, usize) {
    let mut boxes = peel(data, y, total_cases);
    let picked = pick(&boxes);
    let mut kept = with_quasi_p(data, y, &boxes[picked].restrictions);
    let mut pruned = false;
    while kept.last().is_some_and(|r| r.quasi_p > SIGNIFICANCE) {
        kept.pop();
        kept = with_quasi_p(data, y, &kept);
        pruned = true;
    }
    if pruned {
        let mut b = data.candidate(kept, y, total_cases);
        b.pruned_from = Some(picked);
        boxes.push(b);
    } else {
        boxes[picked].restrictions = kept;
    }
    let best = if pruned { boxes.len() - 1 } else { picked };
    (boxes, best)
}

/// The case labels shuffled for permutation `r` (Fisher-Yates on a fixed-seed stream).
fn shuffled(y: &[bool], r: u64) -> Vec<bool> {
    let mut rng = ChaCha8Rng::seed_from_u64(PERMUTATION_SEED);
    rng.set_stream(r);
    let mut out = y.to_vec();
    for i in (1..out.len()).rev() {
        let j = ((unit(&mut rng) * (i + 1) as f64) as usize).min(i);
        out.swap(i, j);
    }
    out
}

/// PRIM on plain data: `columns` holds each input's value per world, `y` whether
/// each world is a case; `permutations` label shuffles test the box found.
pub fn discover(columns: &[Vec<f64>], y: &[bool], permutations: usize) -> Discovery {
    let n = y.len();
    let total_cases = y.iter().filter(|c| **c).count();
    let mut d = Discovery {
        iterations: n,
        cases: total_cases,
        base_rate: ratio(total_cases, n),
        boxes: Vec::new(),
        best: None,
        permutation_p: None,
        permutations,
        as_dense: 0,
        no_box: None,
    };
    let data = Data::new(columns, n);
    let reason = if total_cases == 0 {
        Some("no world has the outcome, so there is nothing to explain".to_string())
    } else if total_cases == n {
        Some("every world has the outcome, so no condition sets some worlds apart".to_string())
    } else if total_cases < MIN_CASES {
        Some(format!(
            "only {} have the outcome, too few to find conditions (at least {MIN_CASES} are needed); run more iterations or loosen the threshold",
            crate::format::count(total_cases, "world")
        ))
    } else {
        None
    };
    if let Some(reason) = reason {
        d.boxes = vec![data.candidate(Vec::new(), y, total_cases)];
        d.no_box = Some(reason);
        return d;
    }
    let (boxes, best) = discover_boxes(&data, y, total_cases);
    let found = &boxes[best];
    if found.restrictions.is_empty() {
        d.no_box = Some(
            "no limit on the inputs raises the share of worlds with the outcome by more than chance would".to_string(),
        );
    } else {
        let observed = found.density;
        let as_dense = (0..permutations as u64)
            .into_par_iter()
            .map(|r| {
                let ys = shuffled(y, r);
                let (b, k) = discover_boxes(&data, &ys, total_cases);
                b[k].density >= observed - 1e-12
            })
            .filter(|x| *x)
            .count();
        let p = (1 + as_dense) as f64 / (1 + permutations) as f64;
        d.permutation_p = Some(p);
        d.as_dense = as_dense;
        if p > SIGNIFICANCE {
            d.no_box = Some(format!(
                "boxes as dense turn up in {as_dense} of {permutations} random shuffles of which worlds have the outcome (p = {p:.2}), so the best box ({} inside, against {} overall) could be chance",
                crate::format::probability(observed),
                crate::format::probability(d.base_rate)
            ));
        }
    }
    d.boxes = boxes;
    d.best = Some(best);
    d
}

/// A finished discovery on one run.
pub struct DiscoverResult {
    pub scenario: Scenario,
    pub settings: RunSettings,
    pub metric: &'static MetricDef,
    pub target: Target,
    /// The value that separates cases from the rest (see [`cases`]).
    pub threshold: f64,
    /// The uncertain inputs' dotted paths (as in `iterations.csv`) and values per iteration.
    pub inputs: Vec<(String, Vec<f64>)>,
    /// The metric's total per iteration.
    pub values: Vec<f64>,
    pub cases: Vec<bool>,
    pub discovery: Discovery,
    /// The chosen box in words, or why there is none.
    pub sentence: String,
}

/// The one place `discover` takes per-iteration figures: the total's value of one
/// metric in each iteration, in iteration order.
fn metric_by_iteration(
    sc: &Scenario,
    iterations: &[crate::model::results::IterationResult],
    metric: &summary::MetricDef,
) -> Vec<f64> {
    summary::total_values(iterations, &[metric], sc)
        .pop()
        .unwrap_or_default()
}

/// Runs `sc` once and looks for the inputs' box where `target` happens to `metric`.
pub fn run(
    sc: Scenario,
    settings: &RunSettings,
    metric: &'static MetricDef,
    target: Target,
    permutations: usize,
    tick: &(dyn Fn() + Sync),
) -> Result<DiscoverResult, EngineError> {
    // Kept per iteration: the inputs' draws and the metric's value, block by block.
    let mut inputs = super::sensitivity::input_columns(&sc, &[]);
    let mut values = Vec::new();
    engine::for_each_block(&sc, settings, 0, settings.iterations, tick, |block| {
        for ((_, all), (_, more)) in inputs
            .iter_mut()
            .zip(super::sensitivity::input_columns(&sc, block))
        {
            all.extend(more);
        }
        values.extend(metric_by_iteration(&sc, block, metric));
    })?;
    let (cases, threshold) = cases(&values, target);
    let columns: Vec<Vec<f64>> = inputs.iter().map(|(_, v)| v.clone()).collect();
    let discovery = discover(&columns, &cases, permutations);
    let outcome = outcome_words(metric, target, threshold);
    let sentence = sentence(&outcome, &discovery, |j| {
        let path = inputs.get(j).map_or("", |(p, _)| p.as_str());
        (
            super::sensitivity::input_words(&sc, path),
            sc.named_path(path),
            crate::scenario::catalog::describe(path).0,
        )
    });
    Ok(DiscoverResult {
        scenario: sc,
        settings: settings.clone(),
        metric,
        target,
        threshold,
        inputs,
        values,
        cases,
        discovery,
        sentence,
    })
}

/// A value with its unit as a reader says it: "20 households", "0.52% of need".
pub fn with_unit(unit: &str, x: f64) -> String {
    let v = crate::format::value(unit, x);
    match unit.strip_prefix("share") {
        Some(rest) => format!("{v}{rest}"),
        None if unit.is_empty() => v,
        None => format!("{v} {unit}"),
    }
}

/// "survival deficit caused by the release is above 0.5% of need".
pub fn outcome_words(metric: &MetricDef, target: Target, threshold: f64) -> String {
    let mut label = metric.label.to_string();
    if let Some(first) = label.get(0..1) {
        label = format!("{}{}", first.to_lowercase(), &label[1..]);
    }
    match target {
        Target::Above(x) => format!("{label} is above {}", with_unit(metric.unit, x)),
        Target::Below(x) => format!("{label} is below {}", with_unit(metric.unit, x)),
        Target::Top(p) => format!(
            "{label} is among the highest {} of worlds (at least {})",
            crate::format::probability(p),
            with_unit(metric.unit, threshold)
        ),
    }
}

/// The chosen box in one sentence, or why there is none. `describe` gives an
/// input's words, the name readers see and its unit.
pub fn sentence(
    outcome: &str,
    d: &Discovery,
    describe: impl Fn(usize) -> (String, String, &'static str),
) -> String {
    let Some(b) = d.chosen() else {
        return format!(
            "No box found for worlds where {outcome}: {}.",
            d.no_box.as_deref().unwrap_or("peeling found none")
        );
    };
    let conditions: Vec<String> = b
        .restrictions
        .iter()
        .map(|r| {
            let (words, name, unit) = describe(r.input);
            let limit = match (r.low, r.high) {
                (Some(l), Some(h)) => {
                    format!("between {} and {}", with_unit(unit, l), with_unit(unit, h))
                }
                (Some(l), None) => format!("at least {}", with_unit(unit, l)),
                (None, Some(h)) => format!("at most {}", with_unit(unit, h)),
                (None, None) => "any value".to_string(),
            };
            format!("{words} (`{name}`) was {limit}")
        })
        .collect();
    let p = crate::format::probability;
    format!(
        "In {} of the simulated worlds where {outcome}, {}; those conditions hold in {} of all worlds, and {} of the worlds under them have the outcome (against {} of all worlds).",
        p(b.coverage),
        crate::report::list(&conditions),
        p(b.mass),
        p(b.density),
        p(d.base_rate)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uniforms(n: usize, stream: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        rng.set_stream(stream);
        (0..n).map(|_| unit(&mut rng)).collect()
    }

    #[test]
    fn the_box_of_a_and_not_b_is_found_by_hand() {
        // Cases exactly when A > 0.6 and B < 0.5 (A, B and three noise inputs uniform
        // on [0, 1]): 0.4 × 0.5 = 20% of worlds. The true box has coverage 1 and
        // density 1; peeling in 5% steps can land at most a step inside its edges.
        let n = 2000;
        let columns: Vec<Vec<f64>> = (0..5).map(|s| uniforms(n, s)).collect();
        let y: Vec<bool> = (0..n)
            .map(|i| columns[1][i] > 0.6 && columns[3][i] < 0.5)
            .collect();
        let d = discover(&columns, &y, 99);
        assert!((d.base_rate - 0.2).abs() < 0.03, "{}", d.base_rate);
        let b = d.chosen().expect("a box is found");
        let mut inputs: Vec<usize> = b.restrictions.iter().map(|r| r.input).collect();
        inputs.sort();
        assert_eq!(inputs, [1, 3], "{b:?}");
        assert!(b.coverage > 0.9 && b.density > 0.9, "{b:?}");
        let a = b.restrictions.iter().find(|r| r.input == 1).unwrap();
        assert!(
            a.high.is_none() && (a.low.unwrap() - 0.6).abs() < 0.05,
            "{a:?}"
        );
        let bb = b.restrictions.iter().find(|r| r.input == 3).unwrap();
        assert!(
            bb.low.is_none() && (bb.high.unwrap() - 0.5).abs() < 0.05,
            "{bb:?}"
        );
        assert!(d.permutation_p.unwrap() <= 0.01);
    }

    #[test]
    fn noise_gives_no_box() {
        // Cases drawn independently of every input: whatever box peeling finds, label
        // shuffles find as dense ones, so none is reported.
        let n = 600;
        let columns: Vec<Vec<f64>> = (0..6).map(|s| uniforms(n, 10 + s)).collect();
        let y: Vec<bool> = uniforms(n, 99).iter().map(|u| *u < 0.2).collect();
        let d = discover(&columns, &y, 99);
        assert!(d.chosen().is_none(), "{:?}", d.boxes.last());
        assert!(d.no_box.is_some());
    }

    #[test]
    fn cases_follow_the_target() {
        let v = [1.0, 5.0, 3.0, f64::NAN, 4.0];
        assert_eq!(
            cases(&v, Target::Above(3.0)).0,
            [false, true, false, false, true]
        );
        assert_eq!(
            cases(&v, Target::Below(3.0)).0,
            [true, false, false, false, false]
        );
        // The top 50% of the four numbers: 5 and 4 (at least 4).
        assert_eq!(
            cases(&v, Target::Top(0.5)),
            (vec![false, true, false, false, true], 4.0)
        );
    }

    #[test]
    fn the_binomial_tail_matches_hand_sums() {
        // P(X ≥ 2) for X ~ B(3, 0.5) = (3 + 1) / 8.
        assert!((binomial_upper_tail(2, 3, 0.5) - 0.5).abs() < 1e-12);
        // P(X ≥ 3) for X ~ B(3, 0.2) = 0.008.
        assert!((binomial_upper_tail(3, 3, 0.2) - 0.008).abs() < 1e-12);
        assert_eq!(binomial_upper_tail(0, 3, 0.2), 1.0);
    }

    #[test]
    fn too_few_cases_are_said_so() {
        let columns = vec![uniforms(200, 1)];
        let mut y = vec![false; 200];
        y[3] = true;
        let d = discover(&columns, &y, 9);
        assert!(d.no_box.as_deref().unwrap_or("").contains("too few"));
    }
}
