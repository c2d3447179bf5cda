//! The data files of `burden compare`: `differences.csv` and `summary.json`.

use serde::Serialize;

use super::manifest::ScenarioRecord;
use crate::analysis::compare::{Comparison, Difference};
use crate::scope;

/// `summary.json`: the scenarios, the settings, the headline differences on the
/// total, and every difference.
pub fn summary_json(c: &Comparison, scenarios: &[ScenarioRecord], reproduce: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct Settings<'a> {
        reference: &'a str,
        seed: u64,
        iterations: u64,
        common_random_numbers: bool,
        difference: &'static str,
        worse: &'static str,
        reproduce: &'a str,
    }
    #[derive(Serialize)]
    struct File<'a> {
        comparison: Settings<'a>,
        scenarios: &'a [ScenarioRecord],
        headline: Vec<&'a Difference>,
        differences: &'a [Difference],
        warnings: &'a [String],
    }
    super::pretty_json(&File {
        comparison: Settings {
            reference: &c.arms[0].label,
            seed: c.settings.seed,
            iterations: c.settings.iterations,
            common_random_numbers: true,
            difference: "scenario minus reference, per iteration",
            worse: "higher is worse for every metric except deficit_band_none_* and livelihood_deficit_none_* (the shares of persons with no survival deficit, or with neither deficit), where lower is worse",
            reproduce,
        },
        scenarios,
        headline: c.headlines(),
        differences: &c.differences,
        warnings: &c.warnings,
    })
}

/// `differences.csv`: one row per compared scenario, scope and metric.
pub fn differences_csv(differences: &[Difference]) -> Vec<u8> {
    super::csv_bytes(|w| {
        let mut header = vec!["scenario", "reference"];
        header.extend(scope::CSV_COLUMNS);
        header.extend([
            "metric",
            "unit",
            "worse_if",
            "median",
            "p05",
            "p95",
            "mean",
            "mc_se",
            "median_ci_low",
            "median_ci_high",
            "p_worse",
            "p_worse_mc_se",
            "p_better",
            "reference_median",
            "scenario_median",
            "n_iterations",
        ]);
        w.write_record(&header)?;
        for d in differences {
            let e = &d.difference;
            let mut row = vec![d.scenario.clone(), d.reference.clone()];
            row.extend(d.scope.csv_fields());
            row.extend([
                d.metric.to_string(),
                d.unit.to_string(),
                d.worse_if.word().to_string(),
            ]);
            row.extend(
                [
                    e.median,
                    e.p05,
                    e.p95,
                    e.mean,
                    e.mc_se,
                    e.median_ci_low,
                    e.median_ci_high,
                    d.p_worse,
                    d.p_worse_mc_se,
                    d.p_better,
                    d.reference_median,
                    d.scenario_median,
                ]
                .map(|x| x.to_string()),
            );
            row.push(e.n.to_string());
            w.write_record(&row)?;
        }
        Ok(())
    })
}
