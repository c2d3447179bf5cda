//! The data files of `burden sensitivity`: `sensitivity.csv` and `summary.json`.

use serde::Serialize;

use super::manifest::ScenarioRecord;
use crate::analysis::sensitivity::{
    BOOTSTRAP_SEED, OutcomeSensitivity, SensitivityResult, bins_for, input_words,
};

/// `summary.json`: the settings, one sentence per headline figure and every index.
pub fn summary_json(s: &SensitivityResult, scenario: &ScenarioRecord, reproduce: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct Scenario<'a> {
        name: &'a str,
        file: &'a str,
        sha256: &'a str,
        overrides: &'a [String],
    }
    #[derive(Serialize)]
    struct File<'a> {
        scenario: Scenario<'a>,
        seed: u64,
        iterations: u64,
        bins: usize,
        bootstrap_resamples: u64,
        bootstrap_seed: u64,
        outcomes_of: String,
        district: Option<&'a str>,
        sentences: &'a [String],
        outcomes: &'a [OutcomeSensitivity],
        reproduce: &'a str,
    }
    super::pretty_json(&File {
        scenario: Scenario {
            name: &scenario.name,
            file: &scenario.file,
            sha256: &scenario.sha256,
            overrides: &scenario.overrides,
        },
        seed: s.settings.seed,
        iterations: s.settings.iterations,
        bins: bins_for(s.settings.iterations as usize),
        bootstrap_resamples: s.bootstrap,
        bootstrap_seed: BOOTSTRAP_SEED,
        outcomes_of: super::outcomes_of(&s.scope),
        district: s.scope.district(),
        sentences: &s.sentences,
        outcomes: &s.outcomes,
        reproduce,
    })
}

/// `sensitivity.csv`: one row per headline figure and uncertain input, strongest first;
/// `district` is empty for all districts together.
pub fn sensitivity_csv(s: &SensitivityResult) -> Vec<u8> {
    super::csv_bytes(|w| {
        w.write_record([
            "metric",
            "rank",
            "input",
            "input_meaning",
            "first_order",
            "first_order_ci_low",
            "first_order_ci_high",
            "distinguishable_from_zero",
            "spearman",
            "n_iterations",
            "district",
        ])?;
        for o in &s.outcomes {
            for (rank, d) in o.drivers.iter().enumerate() {
                w.write_record([
                    o.metric.clone(),
                    (rank + 1).to_string(),
                    d.input.clone(),
                    input_words(&s.scenario, &d.input),
                    d.first_order.to_string(),
                    d.ci_low.to_string(),
                    d.ci_high.to_string(),
                    d.distinguishable_from_zero.to_string(),
                    d.spearman.to_string(),
                    s.settings.iterations.to_string(),
                    s.scope.district().unwrap_or_default().to_string(),
                ])?;
            }
        }
        Ok(())
    })
}
