//! Which uncertain inputs drive an outcome, from one ordinary run's samples.
//!
//! Each iteration draws every uncertain input once and records the draws
//! (`IterationResult::draws`), so a run is already a sample of (inputs, outcome).
//! For each input X and outcome Y this module gives:
//!
//! * **Spearman's rank correlation**: the direction and strength of a monotone
//!   relation;
//! * **the first-order variance-based index** S = Var(E[Y | X]) / Var(Y): the share of
//!   the outcome's variance that X explains on its own, whatever the shape of the
//!   relation. It is estimated from the given samples by sorting on X, cutting the
//!   iterations into B = ⌊√n⌋ bins of equal count and taking the between-bin share of
//!   the variance, corrected for the noise that the bin means carry
//!   (S = (SSB − (B − 1)·MSW) / SST, as in one-way analysis of variance);
//! * **a 95% bootstrap interval** for S: iterations are resampled with replacement
//!   (a fixed-seed generator, so outputs are reproducible) and S recomputed; the
//!   2.5th and 97.5th percentiles bound it. An index whose interval includes zero is
//!   reported as indistinguishable from zero.
//!
//! The indices of all inputs need not add up to 1: the rest is interactions between
//! inputs, variation between households within one world, and Monte Carlo noise.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{self, EngineError, RunSettings};
use crate::model::results::IterationResult;
use crate::scenario::dist::unit;
use crate::scenario::{Scenario, catalog};
use crate::scope::Scope;
use crate::stats::{mean_sd, quantile_sorted};
use crate::summary::{self, HEADLINES};

/// The fixed seed of the bootstrap (outputs must not depend on the clock).
pub const BOOTSTRAP_SEED: u64 = 0x5e45_1714;

/// Fewest iterations for which the indices are computed.
pub const MIN_ITERATIONS: usize = 20;

/// Ranks from 1 to n, ties given their average rank.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in &order[i..=j] {
            r[*k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Pearson's correlation; 0 when either variable does not vary.
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let (mx, sx, _) = mean_sd(x);
    let (my, sy, _) = mean_sd(y);
    if sx == 0.0 || sy == 0.0 || x.len() < 2 {
        return 0.0;
    }
    let cov = x
        .iter()
        .zip(y)
        .map(|(a, b)| (a - mx) * (b - my))
        .sum::<f64>()
        / (x.len() - 1) as f64;
    cov / (sx * sy)
}

/// Spearman's rank correlation.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// Number of bins for n samples: ⌊√n⌋, at least 2.
pub fn bins_for(n: usize) -> usize {
    ((n as f64).sqrt().floor() as usize).max(2)
}

/// The first-order index from outcomes listed in the order of their input's value:
/// `bins` equal-count bins, between-bin variance corrected for within-bin noise.
/// None when the outcome does not vary.
pub fn binned_index(y_sorted_by_x: &[f64], bins: usize) -> Option<f64> {
    binned_index_with_copies(y_sorted_by_x, None, bins)
}

/// As [`binned_index`], for a bootstrap resample in which `ids` (the original
/// iteration of each value, copies adjacent) repeat. Copies make a bin mean noisier
/// than its count suggests and hide noise from the within-bin sum of squares, so the
/// correction uses the sums of squared copy counts: with Q_k = Σ c_i² over bin k and
/// Q = Σ c_i², E[SSB] = Σ n_k (μ_k − μ)² + σ² (Σ Q_k / n_k − Q / n) and
/// E[SSW] = σ² Σ (n_k − Q_k / n_k). Without copies this is the usual
/// S = (SSB − (B − 1) MSW) / SST.
fn binned_index_with_copies(ys: &[f64], ids: Option<&[usize]>, bins: usize) -> Option<f64> {
    let n = ys.len();
    if n < 4 || bins < 2 || bins >= n {
        return None;
    }
    let nf = n as f64;
    let mean = ys.iter().sum::<f64>() / nf;
    let sst: f64 = ys.iter().map(|y| (y - mean).powi(2)).sum();
    if sst <= 1e-300 * nf || !sst.is_finite() {
        return None;
    }
    // Sum of squared copy counts over a range of positions (runs of equal ids).
    let copies_sq = |lo: usize, hi: usize| -> f64 {
        match ids {
            None => (hi - lo) as f64,
            Some(ids) => {
                let mut q = 0.0;
                let mut run = 0.0;
                for p in lo..hi {
                    if p > lo && ids[p] != ids[p - 1] {
                        q += run * run;
                        run = 0.0;
                    }
                    run += 1.0;
                }
                q + run * run
            }
        }
    };
    let mut ssb = 0.0;
    let mut ssw = 0.0;
    let mut noise_between = 0.0;
    let mut within_df = 0.0;
    for k in 0..bins {
        let (lo, hi) = (k * n / bins, (k + 1) * n / bins);
        let bin = &ys[lo..hi];
        let nk = bin.len() as f64;
        let mk = bin.iter().sum::<f64>() / nk;
        ssb += nk * (mk - mean).powi(2);
        ssw += bin.iter().map(|y| (y - mk).powi(2)).sum::<f64>();
        let qk = copies_sq(lo, hi);
        noise_between += qk / nk;
        within_df += nk - qk / nk;
    }
    let q = copies_sq(0, n);
    noise_between -= q / nf;
    let total_df = nf - q / nf;
    if within_df <= 0.0 || total_df <= 0.0 {
        return None;
    }
    let sigma2 = ssw / within_df;
    // SST scaled to the same degrees of freedom as without copies (n − 1).
    let sst_adj = sst * (nf - 1.0) / total_df;
    Some((ssb - sigma2 * noise_between) / sst_adj)
}

/// The first-order index of `x` for `y`.
pub fn first_order(x: &[f64], y: &[f64]) -> Option<f64> {
    let order = sort_order(x);
    let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    binned_index(&ys, bins_for(x.len()))
}

fn sort_order(x: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    order
}

/// How many times each iteration is drawn in bootstrap replicate `r`.
fn resample_counts(n: usize, r: u64) -> Vec<u32> {
    let mut rng = ChaCha8Rng::seed_from_u64(BOOTSTRAP_SEED);
    rng.set_stream(r);
    let mut counts = vec![0u32; n];
    for _ in 0..n {
        let i = ((unit(&mut rng) * n as f64) as usize).min(n - 1);
        counts[i] += 1;
    }
    counts
}

/// One input's effect on one outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Driver {
    pub input: String,
    pub spearman: f64,
    pub first_order: f64,
    /// 95% bootstrap interval of the first-order index.
    pub ci_low: f64,
    pub ci_high: f64,
    /// False when the interval includes zero.
    pub distinguishable_from_zero: bool,
}

/// The drivers of one outcome, strongest first.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeSensitivity {
    pub metric: String,
    /// False when the outcome is the same in every iteration (nothing to explain).
    pub varies: bool,
    pub drivers: Vec<Driver>,
    pub sum_first_order: f64,
}

/// Indices of every input for every outcome, each outcome's drivers sorted by the
/// first-order index (then by |Spearman|). `inputs` and `outcomes` hold one value
/// per iteration, in iteration order.
pub fn analyse(
    inputs: &[(String, Vec<f64>)],
    outcomes: &[(String, Vec<f64>)],
    replicates: usize,
) -> Vec<OutcomeSensitivity> {
    let n = outcomes.first().map_or(0, |o| o.1.len());
    let bins = bins_for(n);
    // For each input: per outcome (point estimate, bootstrap values).
    let per_input: Vec<Vec<(Option<f64>, Vec<f64>)>> = inputs
        .par_iter()
        .map(|(_, x)| {
            let order = sort_order(x);
            let mut out: Vec<(Option<f64>, Vec<f64>)> = outcomes
                .iter()
                .map(|(_, y)| {
                    let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
                    (binned_index(&ys, bins), Vec::with_capacity(replicates))
                })
                .collect();
            let mut idx = Vec::with_capacity(n);
            let mut ys = Vec::with_capacity(n);
            for r in 0..replicates {
                let counts = resample_counts(n, r as u64);
                idx.clear();
                // Walking the sorted order with multiplicities gives the resample sorted by x.
                for &i in &order {
                    for _ in 0..counts[i] {
                        idx.push(i);
                    }
                }
                for ((_, y), (_, boot)) in outcomes.iter().zip(out.iter_mut()) {
                    ys.clear();
                    ys.extend(idx.iter().map(|&i| y[i]));
                    if let Some(s) = binned_index_with_copies(&ys, Some(&idx), bins) {
                        boot.push(s);
                    }
                }
            }
            out
        })
        .collect();

    outcomes
        .iter()
        .enumerate()
        .map(|(oi, (name, y))| {
            let mut varies = false;
            let mut drivers: Vec<Driver> = inputs
                .iter()
                .zip(&per_input)
                .map(|((path, x), res)| {
                    let (point, boot) = &res[oi];
                    varies |= point.is_some();
                    let mut boot = boot.clone();
                    boot.sort_by(f64::total_cmp);
                    let s = point.unwrap_or(0.0);
                    let (lo, hi) = if boot.is_empty() {
                        (0.0, 0.0)
                    } else {
                        (quantile_sorted(&boot, 0.025), quantile_sorted(&boot, 0.975))
                    };
                    Driver {
                        input: path.clone(),
                        spearman: spearman(x, y),
                        first_order: s,
                        ci_low: lo,
                        ci_high: hi,
                        distinguishable_from_zero: point.is_some() && lo > 0.0,
                    }
                })
                .collect();
            drivers.sort_by(|a, b| {
                b.first_order
                    .total_cmp(&a.first_order)
                    .then(b.spearman.abs().total_cmp(&a.spearman.abs()))
            });
            let sum_first_order = drivers.iter().map(|d| d.first_order.max(0.0)).sum();
            OutcomeSensitivity {
                metric: name.clone(),
                varies,
                drivers,
                sum_first_order,
            }
        })
        .collect()
}

/// The caveat for a scenario with correlated inputs (`[[correlation]]`): their
/// first-order indices share credit. `None` without correlations.
pub fn shared_credit(sc: &crate::scenario::Scenario) -> Option<String> {
    let c = sc.copula.as_ref()?;
    let pairs: Vec<String> = c
        .pairs
        .iter()
        .map(|&(a, b, rank)| {
            format!(
                "{} and {} at rank {rank}",
                sc.named_path(&c.paths[a]),
                sc.named_path(&c.paths[b])
            )
        })
        .collect();
    Some(format!(
        "Some inputs move together ({}), so their first-order indices share credit: each includes what the input explains through the inputs it is correlated with, and the shares may add up to more than 100%.",
        pairs.join("; ")
    ))
}

/// The plain sentence naming an outcome's top drivers.
/// `describe` gives an input's words and the name readers see for its path.
pub fn sentence(
    label: &str,
    o: &OutcomeSensitivity,
    describe: impl Fn(&str) -> (String, String),
) -> String {
    if !o.varies {
        return format!("{label}: the same in every iteration, so no input drives it.");
    }
    let top: Vec<&Driver> = o
        .drivers
        .iter()
        .filter(|d| d.distinguishable_from_zero)
        .take(3)
        .collect();
    if top.is_empty() {
        return format!(
            "{label}: no single input explains a share of its variance distinguishable from zero; it varies through interactions, variation between households or chance."
        );
    }
    let parts: Vec<String> = top
        .iter()
        .map(|d| {
            let (words, name) = describe(&d.input);
            format!(
                "{words} (`{name}`, {:.0}% of the variance on its own, 95% interval {:.0}% to {:.0}%)",
                d.first_order * 100.0,
                d.ci_low.max(0.0) * 100.0,
                d.ci_high * 100.0
            )
        })
        .collect();
    let list = match parts.len() {
        1 => parts[0].clone(),
        2 => format!("{} and {}", parts[0], parts[1]),
        _ => format!("{}, {} and {}", parts[0], parts[1], parts[2]),
    };
    let count = match top.len() {
        1 => "The input that drives it most is".to_string(),
        k => format!("The {k} inputs that drive it most are"),
    };
    format!("{label}: {count} {list}.")
}

/// A finished sensitivity analysis of one run.
pub struct SensitivityResult {
    pub scenario: Scenario,
    pub settings: RunSettings,
    pub bootstrap: u64,
    /// Whose figures: the total or one district.
    pub scope: Scope,
    /// One per headline figure of the scope, in headline order.
    pub outcomes: Vec<OutcomeSensitivity>,
    /// One plain sentence per outcome.
    pub sentences: Vec<String>,
}

/// The dotted paths of the scenario's uncertain inputs, in draw order.
pub fn uncertain_inputs(sc: &Scenario) -> Vec<String> {
    sc.uncertain_paths()
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Each uncertain input's path and its draw in each iteration (the columns of
/// `iterations.csv`), in draw order.
pub fn input_columns(sc: &Scenario, iterations: &[IterationResult]) -> Vec<(String, Vec<f64>)> {
    uncertain_inputs(sc)
        .into_iter()
        .enumerate()
        .map(|(j, p)| {
            let drawn = iterations
                .iter()
                .map(|it| it.draws.get(j).copied().unwrap_or(0.0))
                .collect();
            (p, drawn)
        })
        .collect()
}

/// Each headline figure's per-iteration values in `scope` (the total or one
/// district), in headline order: the one place sensitivity takes them.
fn headline_values(
    sc: &Scenario,
    iterations: &[IterationResult],
    scope: &Scope,
) -> Vec<(String, Vec<f64>)> {
    let values: Vec<Option<Vec<f64>>> = match scope {
        Scope::Total => summary::total_values(iterations, HEADLINES, sc)
            .into_iter()
            .map(Some)
            .collect(),
        _ => {
            let all = summary::entity_values(sc, iterations);
            let entity = all.iter().find(|e| e.scope == *scope);
            HEADLINES
                .iter()
                .map(|h| entity.and_then(|e| e.get(h.name)).map(<[f64]>::to_vec))
                .collect()
        }
    };
    HEADLINES
        .iter()
        .zip(values)
        .filter_map(|(h, v)| Some((h.name.to_string(), v?)))
        .collect()
}

/// The samples a sensitivity analysis works on: each uncertain input's draw and each
/// headline figure's value, one per iteration in iteration order.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    pub inputs: Vec<(String, Vec<f64>)>,
    pub outcomes: Vec<(String, Vec<f64>)>,
}

impl Samples {
    /// Adds the next block of iterations; the inputs and figures must be the same.
    pub fn append(&mut self, next: Samples) -> Result<(), String> {
        for (mine, theirs) in [
            (&mut self.inputs, next.inputs),
            (&mut self.outcomes, next.outcomes),
        ] {
            let names =
                |v: &[(String, Vec<f64>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
            if names(mine) != names(&theirs) {
                return Err(format!(
                    "the parts sample different columns ({} and {})",
                    names(mine).join(", "),
                    names(&theirs).join(", ")
                ));
            }
            for ((_, all), (_, more)) in mine.iter_mut().zip(theirs) {
                all.extend(more);
            }
        }
        Ok(())
    }
}

/// Runs iterations `range` of `sc` and keeps what sensitivity needs of `scope`.
pub fn sample(
    sc: &Scenario,
    settings: &RunSettings,
    scope: &Scope,
    range: std::ops::Range<u64>,
    tick: &(dyn Fn() + Sync),
) -> Result<Samples, EngineError> {
    // Kept per iteration: the uncertain inputs' draws and the headline figures, block
    // by block, nothing else.
    let mut samples = Samples {
        inputs: input_columns(sc, &[]),
        outcomes: headline_values(sc, &[], scope),
    };
    let count = range.end - range.start;
    engine::for_each_block(sc, settings, range.start, count, tick, |block| {
        for ((_, all), (_, more)) in samples.inputs.iter_mut().zip(input_columns(sc, block)) {
            all.extend(more);
        }
        let outcomes = headline_values(sc, block, scope);
        for ((_, all), (_, more)) in samples.outcomes.iter_mut().zip(outcomes) {
            all.extend(more);
        }
    })?;
    Ok(samples)
}

/// Runs `sc` once and ranks its uncertain inputs for every headline figure of
/// `scope` (the total or one district).
pub fn run(
    sc: Scenario,
    settings: &RunSettings,
    bootstrap: u64,
    scope: Scope,
    tick: &(dyn Fn() + Sync),
) -> Result<SensitivityResult, EngineError> {
    let samples = sample(&sc, settings, &scope, 0..settings.iterations, tick)?;
    Ok(from_samples(sc, settings, bootstrap, scope, &samples))
}

/// Ranks the inputs of `samples` (all `settings.iterations` of them, in order).
pub fn from_samples(
    sc: Scenario,
    settings: &RunSettings,
    bootstrap: u64,
    scope: Scope,
    samples: &Samples,
) -> SensitivityResult {
    let results = analyse(&samples.inputs, &samples.outcomes, bootstrap as usize);
    let sentences = results
        .iter()
        .map(|o| {
            let label = summary::metric(&o.metric).map_or(o.metric.clone(), |m| match &scope {
                Scope::Total => m.label.to_string(),
                other => format!("{} ({})", m.label, other.title()),
            });
            sentence(&label, o, |p| (input_words(&sc, p), sc.named_path(p)))
        })
        .chain(shared_credit(&sc))
        .collect();
    SensitivityResult {
        scenario: sc,
        settings: settings.clone(),
        bootstrap,
        scope,
        outcomes: results,
        sentences,
    }
}

/// What an input is, in words: its meaning and the group, item or district it belongs to.
pub fn input_words(sc: &Scenario, path: &str) -> String {
    let (_, meaning) = catalog::describe(path);
    let mut owners = Vec::new();
    let index_of = |key: &str| -> Option<usize> {
        let start = path.find(&format!("{key}["))? + key.len() + 1;
        path[start..].split(']').next()?.parse().ok()
    };
    if let Some(d) = index_of("district") {
        if let Some(name) = sc.district_names().get(d) {
            owners.push(name.clone());
        }
    }
    if let Some(g) = index_of("wealth_group") {
        let names = match index_of("district") {
            Some(d) => sc.group_names(d),
            None => sc
                .file
                .wealth_group
                .iter()
                .map(|g| g.get_ref().name.clone())
                .collect(),
        };
        if let Some(name) = names.get(g) {
            owners.push(format!("{name} households"));
        }
    }
    if let Some(i) = index_of("item") {
        if let Some(it) = sc.file.package.item.get(i) {
            owners.push(it.get_ref().name.clone());
        }
    }
    let meaning = if meaning.is_empty() { path } else { meaning };
    if owners.is_empty() {
        meaning.to_string()
    } else {
        format!("{meaning} ({})", owners.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uniforms(n: usize, stream: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(42);
        rng.set_stream(stream);
        (0..n).map(|_| unit(&mut rng)).collect()
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 20.0, 5.0]), vec![2.0, 3.5, 3.5, 1.0]);
        // A monotone but non-linear relation has rank correlation exactly 1.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y: Vec<f64> = x.iter().map(|v: &f64| v.powi(3)).collect();
        assert!((spearman(&x, &y) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_linear_sum_splits_the_variance_as_worked_by_hand() {
        // Y = X1 + 0.5 X2 with X1, X2 independent uniforms: Var = (1 + 0.25)/12, so
        // S1 = 1 / 1.25 = 0.8 and S2 = 0.25 / 1.25 = 0.2.
        let n = 4000;
        let x1 = uniforms(n, 1);
        let x2 = uniforms(n, 2);
        let y: Vec<f64> = x1.iter().zip(&x2).map(|(a, b)| a + 0.5 * b).collect();
        let s1 = first_order(&x1, &y).unwrap();
        let s2 = first_order(&x2, &y).unwrap();
        assert!((s1 - 0.8).abs() < 0.04, "{s1}");
        assert!((s2 - 0.2).abs() < 0.04, "{s2}");
    }

    #[test]
    fn a_symmetric_relation_has_no_correlation_but_an_index_near_one() {
        // Y = (X − 0.5)²: Spearman ≈ 0, yet X explains all of Y (S = 1).
        let n = 2000;
        let x = uniforms(n, 3);
        let y: Vec<f64> = x.iter().map(|v| (v - 0.5).powi(2)).collect();
        assert!(spearman(&x, &y).abs() < 0.1);
        let s = first_order(&x, &y).unwrap();
        assert!(s > 0.95, "{s}");
    }

    #[test]
    fn an_irrelevant_input_is_indistinguishable_from_zero() {
        // Y = X1 + 0.3 X2, X3 unused: S1 = 1/1.09 = 0.917, S2 = 0.09/1.09 = 0.083, S3 = 0.
        let n = 900;
        let x1 = uniforms(n, 4);
        let x2 = uniforms(n, 5);
        let x3 = uniforms(n, 6);
        let y: Vec<f64> = x1.iter().zip(&x2).map(|(a, b)| a + 0.3 * b).collect();
        let res = analyse(
            &[("x3".into(), x3), ("x2".into(), x2), ("x1".into(), x1)],
            &[("y".into(), y)],
            200,
        );
        let d = &res[0].drivers;
        assert_eq!(d[0].input, "x1");
        assert!((d[0].first_order - 0.917).abs() < 0.05, "{:?}", d[0]);
        assert!(d[0].distinguishable_from_zero);
        assert_eq!(d[1].input, "x2");
        assert!((d[1].first_order - 0.083).abs() < 0.05, "{:?}", d[1]);
        assert_eq!(d[2].input, "x3");
        assert!(!d[2].distinguishable_from_zero, "{:?}", d[2]);
        assert!(d[2].ci_low <= 0.0 && d[2].ci_high > 0.0);
    }

    #[test]
    fn null_inputs_are_rarely_called_drivers() {
        // 40 inputs unrelated to Y: a calibrated 95% interval excludes zero for about
        // 2 of them (binomial, 40 x 0.05); more than 6 would mean a biased bootstrap.
        let n = 400;
        let y = uniforms(n, 100);
        let inputs: Vec<(String, Vec<f64>)> = (0..40)
            .map(|k| (format!("x{k}"), uniforms(n, 200 + k)))
            .collect();
        let res = analyse(&inputs, &[("y".into(), y)], 200);
        let called = res[0]
            .drivers
            .iter()
            .filter(|d| d.distinguishable_from_zero)
            .count();
        assert!(called <= 6, "{called} of 40 null inputs called drivers");
    }

    #[test]
    fn an_outcome_that_never_varies_is_said_so() {
        let res = analyse(
            &[("x".into(), uniforms(50, 8))],
            &[("y".into(), vec![3.0; 50])],
            10,
        );
        assert!(!res[0].varies);
        assert!(
            sentence("Y", &res[0], |p| (p.to_string(), p.to_string()))
                .contains("same in every iteration")
        );
    }

    #[test]
    fn the_bootstrap_is_reproducible() {
        let x = uniforms(100, 7);
        let y: Vec<f64> = x.iter().map(|v| v * 2.0).collect();
        let a = analyse(&[("x".into(), x.clone())], &[("y".into(), y.clone())], 30);
        let b = analyse(&[("x".into(), x)], &[("y".into(), y)], 30);
        assert_eq!(a[0].drivers[0].ci_low, b[0].drivers[0].ci_low);
        assert_eq!(a[0].drivers[0].ci_high, b[0].drivers[0].ci_high);
    }
}
