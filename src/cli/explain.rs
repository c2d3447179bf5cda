//! `burden explain [FILE]`: every uncertain input before running, to catch mistakes
//! such as a range that was meant as a share.

use std::path::PathBuf;

use clap::Args;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{CliError, load_scenario, say};
use crate::scenario::dist::fmt_num;
use crate::scenario::load::share_outside;
use crate::scenario::{Domain, Scenario, catalog};
use crate::stats::quantile_sorted;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Scenario file (TOML) or a shipped scenario's name (hyesan-2012). Without one, the built-in Ranam 2020 scenario.
    pub scenario: Option<PathBuf>,
}

/// Draws used for the histogram and for percentiles without a closed form.
const DRAWS: usize = 20_000;
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A small text histogram of draws between their 1st and 99th percentiles.
pub fn histogram(sorted: &[f64], bins: usize) -> String {
    let lo = quantile_sorted(sorted, 0.01);
    let hi = quantile_sorted(sorted, 0.99);
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return "│".to_string();
    }
    let mut counts = vec![0usize; bins];
    for x in sorted.iter().filter(|x| **x >= lo && **x <= hi) {
        let b = (((x - lo) / (hi - lo)) * bins as f64) as usize;
        counts[b.min(bins - 1)] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1);
    counts
        .iter()
        .map(|c| {
            if *c == 0 {
                ' '
            } else {
                BARS[((c * 8 - 1) / top).min(7)]
            }
        })
        .collect()
}

/// One row of the table.
pub struct ExplainRow {
    pub path: String,
    pub value: String,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
    pub outside: f64,
    pub histogram: String,
    pub flag: Option<String>,
}

pub fn rows(sc: &Scenario) -> Vec<ExplainRow> {
    sc.inputs
        .iter()
        .filter(|i| i.input.is_uncertain())
        .map(|i| {
            let dist = &i.input.dist;
            let mut rng = ChaCha8Rng::seed_from_u64(0xe1a1);
            let mut draws: Vec<f64> = (0..DRAWS).map(|_| dist.sample(&mut rng)).collect();
            draws.sort_by(f64::total_cmp);
            let (p05, p50, p95) = (dist.quantile(0.05), dist.quantile(0.5), dist.quantile(0.95));
            let outside = share_outside(dist, i.domain);
            // A share as the key table declares it (0 to 1), not the normalised
            // weights of waves and wealth groups, which may be written in any scale.
            let flag = if i.domain == Domain::Share && p95 > 1.5 {
                Some("a share above 1: was a percentage meant? write 0.2 for 20%".to_string())
            } else if outside > 0.01 {
                Some(format!(
                    "{:.1}% of draws fall outside {} and are moved to its edge",
                    outside * 100.0,
                    i.domain.describe()
                ))
            } else if p95 > 0.0 && p05 > 0.0 && p95 / p05 > 100.0 {
                Some("the 95th percentile is over 100 times the 5th: check the range".to_string())
            } else {
                None
            };
            ExplainRow {
                path: i.path.clone(),
                value: dist.describe(),
                p05,
                p50,
                p95,
                outside,
                histogram: histogram(&draws, 16),
                flag,
            }
        })
        .collect()
}

pub fn explain(args: ExplainArgs, sets: &[String]) -> Result<(), CliError> {
    let sc = load_scenario(args.scenario.as_ref(), sets)?;
    let rows = rows(&sc);
    let mut out = format!(
        "{}: {} uncertain inputs (each drawn once per iteration)\n\n",
        sc.name(),
        rows.len()
    );
    if rows.is_empty() {
        out.push_str("Every input is a fixed number: every iteration differs only by variation between households.\n");
        say(&out);
        return Ok(());
    }
    let w = rows
        .iter()
        .map(|r| r.path.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    out.push_str(&format!(
        "{:w$}  {:>10}  {:>10}  {:>10}  {:>7}  {:16}  {}\n",
        "input", "5th", "median", "95th", "outside", "1st to 99th pct", "unit"
    ));
    let mut notes = Vec::new();
    for r in &rows {
        let (unit, _) = catalog::describe(&r.path);
        let mark = if r.flag.is_some() { " !" } else { "" };
        out.push_str(&format!(
            "{:w$}  {:>10}  {:>10}  {:>10}  {:>6.1}%  {:16}  {unit}{mark}\n",
            r.path,
            fmt_num(r.p05),
            fmt_num(r.p50),
            fmt_num(r.p95),
            r.outside * 100.0,
            r.histogram,
        ));
        if let Some(f) = &r.flag {
            notes.push(format!("! {}: {f} ({})", r.path, r.value));
        }
    }
    out.push_str("\n\"outside\" is the share of draws outside the input's domain (moved to its edge when the model runs).\n");
    for n in notes {
        out.push_str(&format!("{n}\n"));
    }
    out.push_str(&correlations(&sc));
    say(&out);
    Ok(())
}

/// The table of rank correlations asked for and achieved, or nothing without any.
fn correlations(sc: &Scenario) -> String {
    let Some(c) = &sc.copula else {
        return String::new();
    };
    let n = crate::scenario::correlation::ACHIEVED_DRAWS;
    let achieved = c.achieved(sc.seed(), n);
    let names: Vec<(String, String)> = c
        .pairs
        .iter()
        .map(|&(a, b, _)| (sc.named_path(&c.paths[a]), sc.named_path(&c.paths[b])))
        .collect();
    let w = names
        .iter()
        .map(|(a, b)| a.chars().count().max(b.chars().count()))
        .max()
        .unwrap_or(5);
    let mut out = format!(
        "\nInputs that move together (Spearman rank correlation, achieved on {n} draws):\n\n{:w$}  {:w$}  {:>6}  {:>8}\n",
        "input", "with", "asked", "achieved"
    );
    for ((a, b), (&(_, _, rank), got)) in names.iter().zip(c.pairs.iter().zip(achieved)) {
        out.push_str(&format!("{a:w$}  {b:w$}  {rank:>6.2}  {got:>8.2}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::dist::Dist;

    #[test]
    fn closed_form_quantiles_by_hand() {
        // "15 to 120": the 5th and 95th percentiles are the bounds, the median sqrt(15 x 120) = 42.43.
        let d = Dist::lognormal_from_p05_p95(15.0, 120.0).unwrap();
        assert!((d.quantile(0.05) - 15.0).abs() < 1e-6);
        assert!((d.quantile(0.95) - 120.0).abs() < 1e-6);
        assert!((d.quantile(0.5) - 1800f64.sqrt()).abs() < 1e-6);
        // Triangular 0 / 0 / 1: F(x) = 1 - (1 - x)^2, so the median is 1 - sqrt(0.5).
        let t = Dist::Triangular {
            min: 0.0,
            mode: 0.0,
            max: 1.0,
        };
        assert!((t.quantile(0.5) - (1.0 - 0.5f64.sqrt())).abs() < 1e-12);
        let u = Dist::Uniform { min: 0.6, max: 1.0 };
        assert!((u.quantile(0.05) - 0.62).abs() < 1e-12);
    }

    #[test]
    fn only_inputs_the_key_table_calls_shares_are_suspected_of_percentages() {
        // A share of need whose 95th percentile is 2 ("0.1 to 2") looks like a
        // percentage; a wealth group's share of 30 to 50 is a weight, normalised with
        // the other groups', and stays unflagged (its 95th percentile is 50, under
        // 100 times its 5th).
        let text = crate::scenario::DEFAULT_SCENARIO
            .replacen(
                "max_share_of_need = { uniform = [0.03, 0.15],",
                "max_share_of_need = { value = \"0.1 to 2\",",
                1,
            )
            .replacen(
                "share = { value = 0.4, source = \"OCHA",
                "share = { value = \"30 to 50\", source = \"OCHA",
                1,
            );
        let sc = crate::scenario::load_str("t", &text).expect("the edited scenario loads");
        let flag = |path: &str| {
            rows(&sc)
                .into_iter()
                .find(|r| r.path == path)
                .map(|r| r.flag)
                .expect("the input is uncertain")
        };
        assert!(
            flag("sharing.max_share_of_need").is_some_and(|f| f.contains("percentage")),
            "{:?}",
            flag("sharing.max_share_of_need")
        );
        assert_eq!(flag("wealth_group[0].share"), None);
    }

    #[test]
    fn histogram_has_one_character_per_bin() {
        let v: Vec<f64> = (0..1000).map(f64::from).collect();
        let h = histogram(&v, 16);
        assert_eq!(h.chars().count(), 16);
        assert!(h.chars().all(|c| BARS.contains(&c)));
    }
}
