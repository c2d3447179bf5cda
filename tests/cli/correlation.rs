//! Correlated inputs (`[[correlation]]`): the rank correlation asked for is the one
//! achieved, every marginal is kept, other inputs are untouched, and each iteration's
//! draws depend only on the seed and the iteration.

use std::collections::HashMap;

use burden::engine::{RunSettings, run};
use burden::model::Sampler;
use burden::scenario::{Scenario, load_str, resolve};

use crate::support::{read, repo};

/// Ranam 2020 with `extra` appended.
fn ranam_with(extra: &str) -> Scenario {
    let text = read(&repo("scenarios/ranam-2020.toml")) + extra;
    match load_str("ranam-corr.toml", &text) {
        Ok(s) => s,
        Err(e) => panic!("the correlated scenario must load:\n{e}"),
    }
}

const RANK_08: &str = "\n[[correlation]]\ninputs = [\"release.total\", \"release.share_homeless\"]\nrank = 0.8\nsource = \"E: a test\"\ngrade = \"E\"\n";

/// Every uncertain input's draw in iteration `i`, by path.
fn draws(sc: &Scenario, seed: u64, i: u64) -> HashMap<String, f64> {
    let mut s = Sampler::new(seed, i, sc.copula.as_ref());
    resolve(&sc.file, &mut s);
    s.draws.into_iter().collect()
}

fn column(all: &[HashMap<String, f64>], path: &str) -> Vec<f64> {
    all.iter()
        .map(|d| match d.get(path) {
            Some(&x) => x,
            None => panic!("no draw of {path}: {:?}", d.keys().collect::<Vec<_>>()),
        })
        .collect()
}

/// Spearman's rank correlation of continuous samples (no ties): Pearson's on ranks.
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut r = vec![0.0; v.len()];
        for (rank, &i) in order.iter().enumerate() {
            r[i] = rank as f64;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let m = (n - 1.0) / 2.0;
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - m) * (b - m)).sum();
    let var: f64 = rx.iter().map(|a| (a - m) * (a - m)).sum();
    cov / var
}

/// The Kolmogorov–Smirnov statistic of a sample against a distribution function.
fn ks(sample: &[f64], cdf: impl Fn(f64) -> f64) -> f64 {
    let mut s = sample.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len() as f64;
    s.iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).abs().max(((i + 1) as f64 / n - f).abs())
        })
        .fold(0.0, f64::max)
}

fn phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

#[test]
fn the_rank_asked_for_is_achieved_and_marginals_are_kept() {
    let sc = ranam_with(RANK_08);
    let n = 4000;
    let all: Vec<HashMap<String, f64>> = (0..n).map(|i| draws(&sc, 7, i)).collect();
    let total = column(&all, "release.total");
    let homeless = column(&all, "release.share_homeless");
    let levy = column(&all, "levy.resident_share");
    let rs = spearman(&total, &homeless);
    assert!((rs - 0.8).abs() < 0.04, "achieved rank correlation {rs}");
    assert!(spearman(&total, &levy).abs() < 0.06);
    assert!(spearman(&homeless, &levy).abs() < 0.06);
    // "15 to 120" is a lognormal with those 5th and 95th percentiles (z = 1.6448536).
    let mu = (15f64.ln() + 120f64.ln()) / 2.0;
    let sigma = (120f64.ln() - 15f64.ln()) / (2.0 * 1.644_853_626_951_472);
    let critical = 1.36 / (n as f64).sqrt();
    let d_total = ks(&total, |x| phi((x.ln() - mu) / sigma));
    let d_homeless = ks(&homeless, |x| ((x - 0.5) / 0.4).clamp(0.0, 1.0));
    let d_levy = ks(&levy, |x| ((x - 0.6) / 0.4).clamp(0.0, 1.0));
    assert!(d_total < critical, "KS {d_total} vs {critical}");
    assert!(d_homeless < critical, "KS {d_homeless} vs {critical}");
    assert!(d_levy < critical, "KS {d_levy} vs {critical}");
}

#[test]
fn a_negative_rank_and_the_named_form_work_too() {
    let sc = ranam_with(
        "\n[[correlation]]\ninputs = [\"district.Ranam.population\", \"levy.resident_share\"]\nrank = -0.5\n",
    );
    let all: Vec<HashMap<String, f64>> = (0..3000).map(|i| draws(&sc, 3, i)).collect();
    let rs = spearman(
        &column(&all, "district[0].population"),
        &column(&all, "levy.resident_share"),
    );
    assert!((rs + 0.5).abs() < 0.04, "achieved rank correlation {rs}");
}

#[test]
fn other_inputs_draw_as_without_correlations() {
    let plain = ranam_with("");
    let corr = ranam_with(RANK_08);
    assert!(plain.copula.is_none());
    for i in [0, 1, 17, 999] {
        let (a, b) = (draws(&plain, 5, i), draws(&corr, 5, i));
        assert_eq!(a.len(), b.len());
        for (path, x) in &a {
            if path != "release.total" && path != "release.share_homeless" {
                assert_eq!(x.to_bits(), b[path].to_bits(), "{path} in iteration {i}");
            }
        }
    }
}

#[test]
fn correlated_draws_depend_only_on_seed_and_iteration() {
    let sc = ranam_with(RANK_08);
    let alone = draws(&sc, 9, 123);
    let in_order: Vec<_> = (120..126).map(|i| draws(&sc, 9, i)).collect();
    assert_eq!(alone, in_order[3]);
    let mut s = RunSettings::from_scenario(&sc);
    s.iterations = 12;
    s.threads = 1;
    let one = serde_json::to_string(&run(&sc, &s, &|| {}).unwrap()).unwrap();
    s.threads = 3;
    let three = serde_json::to_string(&run(&sc, &s, &|| {}).unwrap()).unwrap();
    assert!(one == three, "results differ between 1 and 3 threads");
}

#[test]
fn sensitivity_says_correlated_indices_share_credit() {
    use burden::analysis::sensitivity::shared_credit;
    assert_eq!(shared_credit(&ranam_with("")), None);
    let note = shared_credit(&ranam_with(RANK_08)).unwrap();
    assert!(
        note.contains("release.total and release.share_homeless at rank 0.8"),
        "{note}"
    );
    assert!(note.contains("share credit"), "{note}");
}

#[test]
fn explain_shows_asked_and_achieved_ranks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corr.toml");
    std::fs::write(&path, read(&repo("scenarios/ranam-2020.toml")) + RANK_08).unwrap();
    let out = crate::support::success(crate::support::burden().arg("explain").arg(&path));
    let line = out
        .lines()
        .find(|l| l.starts_with("release.total") && l.contains("release.share_homeless"))
        .unwrap_or_else(|| panic!("no correlation row:\n{out}"));
    let cols: Vec<f64> = line
        .split_whitespace()
        .skip(2)
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(cols[0], 0.8);
    // 4,000 draws: the achieved rank is within sampling error (about ±0.01) of 0.8.
    assert!((cols[1] - 0.8).abs() < 0.03, "{line}");
}

#[test]
fn an_input_fixed_by_set_leaves_its_correlations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corr.toml");
    std::fs::write(&path, read(&repo("scenarios/ranam-2020.toml")) + RANK_08).unwrap();
    let out = crate::support::success(
        crate::support::burden()
            .arg("explain")
            .arg(&path)
            .args(["--set", "release.total=50"]),
    );
    assert!(!out.contains("Inputs that move together"), "{out}");
}
