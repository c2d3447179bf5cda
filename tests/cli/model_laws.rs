//! Laws the model must obey whatever the draws: conservation, zero release, agreement
//! of the fast engine with the brute-force reference, independence from threads.

use burden::engine::{RunSettings, run};
use burden::model::{Fidelity, run_iteration};
use burden::stats::mean_sd;
use burden::summary::{METRICS, summarise};

use crate::support::{close, shipped_with};

#[test]
fn food_is_conserved() {
    // Package food + shared + taken + fed by hosts = eaten by the released + still in hand.
    for name in ["ranam-2020", "hyesan-2012"] {
        let sc = shipped_with(name, &[]);
        for i in 0..20 {
            let it = run_iteration(&sc, 11, i, Fidelity::Fast);
            for d in &it.districts {
                let r = &d.released;
                let inflow = r.package_food_kcal + r.shared_kcal + r.taken_kcal + r.host_fed_kcal;
                let outflow = r.consumed_kcal + r.pantry_left_kcal;
                assert!(
                    close(inflow, outflow, 1e-9),
                    "{name} iteration {i}: {inflow} vs {outflow}"
                );
                // What households report giving equals what the released report receiving.
                let shared: f64 = d.cells.iter().map(|c| c.shared_kcal).sum();
                let taken: f64 = d.cells.iter().map(|c| c.taken_kcal).sum();
                let hosted: f64 = d.cells.iter().map(|c| c.host_fed_kcal).sum();
                assert!(close(shared, r.shared_kcal, 1e-9));
                assert!(close(taken, r.taken_kcal, 1e-9));
                assert!(close(hosted, r.host_fed_kcal, 1e-9));
                // Levy paid never exceeds the levy asked for.
                let owed: f64 = d.cells.iter().map(|c| c.levy_owed_kcal).sum();
                let paid: f64 = d.cells.iter().map(|c| c.levy_kcal).sum();
                assert!(paid <= owed * (1.0 + 1e-12));
            }
        }
    }
}

#[test]
fn zero_released_gives_exactly_zero_strain() {
    let edits: &[(&str, &str)] = &[(r#"total = { value = "15 to 120""#, r#"total = { value = 0"#)];
    let sc = shipped_with("ranam-2020", edits);
    let its: Vec<_> = (0..30)
        .map(|i| run_iteration(&sc, 5, i, Fidelity::Fast))
        .collect();
    for it in &its {
        for c in &it.districts[0].cells {
            assert_eq!(c.out_with, c.out_without);
            assert_eq!(c.deficit_with, c.deficit_without);
            assert_eq!(c.band_with, c.band_without);
            assert_eq!(c.levy_kcal, 0.0);
            assert_eq!(c.food_lost_kcal, 0.0);
        }
        assert_eq!(
            it.districts[0].series.out_with,
            it.districts[0].series.out_without
        );
    }
    let s = summarise(&sc, &its);
    for m in [
        "out_of_stock_attributable",
        "survival_deficit_attributable",
        "phase3plus_attributable",
        "incidents",
    ] {
        let e = s.total().get(m).unwrap();
        assert_eq!((e.mean, e.p05, e.p95), (0.0, 0.0, 0.0), "{m}");
    }
}

#[test]
fn livelihoods_section_changes_only_its_own_figures() {
    // Ranam with its [livelihoods] section and without it: every figure that does not
    // use the livelihoods-protection threshold is the same to the bit, the livelihood_
    // figures appear only with the section, and phase 3+ can only grow with it (a
    // livelihoods-protection deficit of 80% or more counts as phase 3).
    let with = shipped_with("ranam-2020", &[]);
    let text = std::fs::read_to_string(format!(
        "{}/scenarios/ranam-2020.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let start = text.find("[livelihoods]").unwrap();
    let end = start + text[start..].find("[[wealth_group]]").unwrap();
    let section = &text[start..end];
    let without = shipped_with("ranam-2020", &[(section, "")]);
    assert!(without.file.livelihoods.is_none() && with.file.livelihoods.is_some());
    let n = 12;
    let run = |sc| -> Vec<_> {
        (0..n)
            .map(|i| run_iteration(sc, 9, i, Fidelity::Fast))
            .collect()
    };
    let (a, b) = (
        summarise(&with, &run(&with)),
        summarise(&without, &run(&without)),
    );
    for m in &b.total().metrics {
        let other = a.total().get(m.metric).unwrap();
        if m.metric.starts_with("phase3plus_with") || m.metric.starts_with("phase3plus_without") {
            assert!(other.mean >= m.estimate.mean, "{}", m.metric);
        } else if !m.metric.starts_with("phase3plus") {
            assert_eq!(
                other.mean.to_bits(),
                m.estimate.mean.to_bits(),
                "{}",
                m.metric
            );
        }
    }
    assert!(b.total().get("livelihood_deficit_with").is_none());
    let lp = a.total().get("livelihood_deficit_with").unwrap();
    assert!(lp.mean > 0.0 && lp.mean <= 1.0);
}

#[test]
fn fast_engine_agrees_with_the_reference_within_monte_carlo_error() {
    // A small district where sampling is active: 120 units, up to 16 simulated, 64
    // households per group standing for the untouched rest.
    let edits: &[(&str, &str)] = &[
        (
            r#"population = { value = "60000 to 130000""#,
            r#"population = { value = "12000 to 15000""#,
        ),
        (
            r#"total = { value = "15 to 120""#,
            r#"total = { value = "40 to 80""#,
        ),
        (
            "[[wealth_group]]",
            "[engine]\nunit_sample = 16\nhousehold_sample = 16\n\n[[wealth_group]]",
        ),
    ];
    let sc = shipped_with("ranam-2020", edits);
    let n = 150;
    let fast: Vec<_> = (0..n)
        .map(|i| run_iteration(&sc, 3, i, Fidelity::Fast))
        .collect();
    let reference: Vec<_> = (0..n)
        .map(|i| run_iteration(&sc, 3, i, Fidelity::Reference))
        .collect();
    let (sf, sr) = (summarise(&sc, &fast), summarise(&sc, &reference));
    let total_fast = sf.total();
    let total_ref = sr.total();
    for m in &total_fast.metrics {
        // Paired differences: the two engines share every input draw and the touched units.
        let j = total_ref
            .metrics
            .iter()
            .position(|r| r.metric == m.metric)
            .unwrap_or_else(|| panic!("{} only in the fast engine", m.metric));
        let per_iteration = |its: &[_]| -> Vec<f64> {
            burden::summary::total_values(its, &[burden::summary::metric(m.metric).unwrap()], &sc)
                [0]
            .iter()
            .map(|x| if x.is_nan() { 0.0 } else { *x })
            .collect()
        };
        let diffs: Vec<f64> = per_iteration(&fast)
            .iter()
            .zip(per_iteration(&reference))
            .map(|(a, b)| a - b)
            .collect();
        let (mean, _, se) = mean_sd(&diffs);
        let scale = total_ref.metrics[j].estimate.mean.abs();
        assert!(
            mean.abs() <= 4.0 * se + 1e-9 * (1.0 + scale),
            "{}: fast {} vs reference {} (paired difference {mean} ± {se})",
            m.metric,
            m.estimate.mean,
            total_ref.metrics[j].estimate.mean
        );
    }
    // Every metric but those of a role nobody had (no district-wide levy here).
    assert_eq!(total_fast.metrics.len(), total_ref.metrics.len());
    assert!(total_fast.metrics.len() >= METRICS.len() - 2);
}

#[test]
fn threads_do_not_change_results() {
    let sc = shipped_with("hyesan-2012", &[]);
    let mut s = RunSettings::from_scenario(&sc);
    s.iterations = 40;
    s.threads = 1;
    let one = run(&sc, &s, &|| {}).unwrap();
    s.threads = 3;
    let three = run(&sc, &s, &|| {}).unwrap();
    let a = serde_json::to_string(&one).unwrap();
    let b = serde_json::to_string(&three).unwrap();
    assert!(a == b, "results differ between 1 and 3 threads");
}

#[test]
fn more_released_never_lowers_the_total_levy() {
    // Common random numbers: the same households, more people placed among them.
    let mut last = 0.0;
    for total in [10, 50, 200, 800] {
        let sc = shipped_with(
            "ranam-2020",
            &[(
                r#"total = { value = "15 to 120""#,
                &format!(r#"total = {{ value = {total}, note = "x""#),
            )],
        );
        let levy: f64 = (0..10)
            .map(|i| {
                run_iteration(&sc, 9, i, Fidelity::Fast).districts[0]
                    .cells
                    .iter()
                    .map(|c| c.levy_owed_kcal)
                    .sum::<f64>()
            })
            .sum();
        assert!(
            levy >= last,
            "levy fell from {last} to {levy} at {total} released"
        );
        last = levy;
    }
}

#[test]
fn work_does_not_grow_with_the_population() {
    // The day-by-day work is the simulated units; doubling every province's population
    // leaves their number at the cap (24 per province), so the cost stays flat.
    let sc = shipped_with("dprk-2020", &[]);
    let doubled = sc
        .text
        .lines()
        .map(|l| match l.strip_prefix("population = { value = ") {
            Some(rest) => {
                let (n, tail) = rest.split_once(',').unwrap();
                format!(
                    "population = {{ value = {}, {tail}",
                    2 * n.trim().parse::<u64>().unwrap()
                )
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let big = burden::scenario::load_str("doubled", &doubled).unwrap();
    for i in 0..3 {
        let a = run_iteration(&sc, 1, i, Fidelity::Fast);
        let b = run_iteration(&big, 1, i, Fidelity::Fast);
        let households = |it: &burden::model::results::IterationResult| -> f64 {
            it.districts
                .iter()
                .flat_map(|d| &d.cells)
                .map(|c| c.households)
                .sum()
        };
        assert!(close(households(&b), 2.0 * households(&a), 1e-3));
        let units = |it: &burden::model::results::IterationResult| -> f64 {
            it.districts.iter().map(|d| d.simulated_units).sum()
        };
        assert_eq!(units(&a), 240.0);
        assert_eq!(units(&b), 240.0);
    }
}

#[test]
fn fast_engine_spread_matches_the_reference_under_a_district_levy() {
    // Every household pays a little under a district-wide levy, so the households the
    // release does not reach in person carry most of the attributable figures. The fast
    // engine takes their expectation; the reference simulates each one. On the same
    // input draws the two must agree in spread and percentiles, not only in means.
    let sc = shipped_with(
        "ranam-2020",
        &[(r#"falls_on = "inminban""#, r#"falls_on = "district""#)],
    );
    let n = 300;
    let run_all = |fidelity| -> Vec<_> {
        use rayon::prelude::*;
        (0..n)
            .into_par_iter()
            .map(|i| run_iteration(&sc, 7, i, fidelity))
            .collect()
    };
    let (fast, reference) = (run_all(Fidelity::Fast), run_all(Fidelity::Reference));
    let (sf, sr) = (summarise(&sc, &fast), summarise(&sc, &reference));
    let households = sr.total().get("households").unwrap().mean;
    for (m, step) in [
        // The reference moves in whole households (or their members): allow one step.
        ("out_of_stock_attributable_households", 1.0),
        ("phase3plus_attributable", 1.0 / households),
        ("survival_deficit_attributable", 0.0),
    ] {
        let (f, r) = (sf.total().get(m).unwrap(), sr.total().get(m).unwrap());
        let ratio = f.sd / r.sd;
        assert!((0.8..=1.25).contains(&ratio), "{m}: sd ratio {ratio}");
        let values = |its: &[_]| -> Vec<f64> {
            burden::summary::total_values(its, &[burden::summary::metric(m).unwrap()], &sc)[0]
                .iter()
                .map(|x| if x.is_nan() { 0.0 } else { *x })
                .collect()
        };
        let mut fast_values = values(&fast);
        let mut ref_values = values(&reference);
        fast_values.sort_by(f64::total_cmp);
        ref_values.sort_by(f64::total_cmp);
        for p in [0.05, 0.5, 0.95] {
            // 95% order-statistic intervals of both quantiles must overlap (within a step).
            let (fl, fh) = quantile_interval(&fast_values, p);
            let (rl, rh) = quantile_interval(&ref_values, p);
            assert!(
                fl <= rh + step + 1e-15 && rl <= fh + step + 1e-15,
                "{m} p{p}: fast [{fl}, {fh}] vs reference [{rl}, {rh}]"
            );
        }
    }
}

/// A 95% confidence interval for the `p` quantile from order statistics.
fn quantile_interval(sorted: &[f64], p: f64) -> (f64, f64) {
    let n = sorted.len() as f64;
    let half = 1.96 * (n * p * (1.0 - p)).sqrt();
    let at = |r: f64| sorted[(r.round().max(1.0) as usize).min(sorted.len()) - 1];
    (at(n * p - half), at(n * p + half + 1.0))
}
