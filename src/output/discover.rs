//! The data files of `burden discover`: `boxes.csv` and `summary.json`.

use serde::Serialize;

use super::manifest::ScenarioRecord;
use crate::analysis::discover::{
    DENSITY_TOLERANCE, DiscoverResult, MASS_MIN, MIN_COVERAGE, PEEL_ALPHA, PERMUTATION_SEED,
    SIGNIFICANCE, Target,
};

/// A bound as written in a file: empty when the box has no limit on that side.
fn bound(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

/// The `kind` and value of a target, as `summary.json` records them.
fn target_fields(t: Target) -> (&'static str, f64) {
    match t {
        Target::Above(x) => ("above", x),
        Target::Below(x) => ("below", x),
        Target::Top(p) => ("top", p),
    }
}

/// `boxes.csv`: one row per candidate box and restricted input (one row with an empty
/// `input` for box 0, which holds every world).
pub fn boxes_csv(r: &DiscoverResult) -> Vec<u8> {
    let d = &r.discovery;
    let chosen = d.chosen().map(|_| d.best).unwrap_or(None);
    super::csv_bytes(|w| {
        w.write_record([
            "box",
            "input",
            "low",
            "high",
            "coverage",
            "density",
            "chosen",
            "mass",
            "restricted_inputs",
            "quasi_p",
            "pruned_from",
        ])?;
        for (k, b) in d.boxes.iter().enumerate() {
            let common = |input: String, low: String, high: String, quasi_p: String| {
                [
                    k.to_string(),
                    input,
                    low,
                    high,
                    b.coverage.to_string(),
                    b.density.to_string(),
                    (chosen == Some(k)).to_string(),
                    b.mass.to_string(),
                    b.restrictions.len().to_string(),
                    quasi_p,
                    b.pruned_from.map_or(String::new(), |p| p.to_string()),
                ]
            };
            if b.restrictions.is_empty() {
                w.write_record(common(
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ))?;
            }
            for res in &b.restrictions {
                let input = r.inputs.get(res.input).map_or("", |(p, _)| p.as_str());
                w.write_record(common(
                    input.to_string(),
                    bound(res.low),
                    bound(res.high),
                    res.quasi_p.to_string(),
                ))?;
            }
        }
        Ok(())
    })
}

/// `summary.json`: the settings, the case definition, the sentence and the chosen box.
pub fn summary_json(r: &DiscoverResult, scenario: &ScenarioRecord, reproduce: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct Limit<'a> {
        input: &'a str,
        low: Option<f64>,
        high: Option<f64>,
        quasi_p: f64,
    }
    #[derive(Serialize)]
    struct Chosen<'a> {
        r#box: usize,
        coverage: f64,
        density: f64,
        mass: f64,
        restrictions: Vec<Limit<'a>>,
    }
    #[derive(Serialize)]
    struct Method {
        peel_alpha: f64,
        mass_min: f64,
        min_coverage: f64,
        density_tolerance: f64,
        significance: f64,
        permutations: usize,
        permutation_seed: u64,
    }
    #[derive(Serialize)]
    struct File<'a> {
        scenario: &'a ScenarioRecord,
        seed: u64,
        iterations: u64,
        metric: &'a str,
        unit: &'a str,
        outcomes_of: String,
        target: &'static str,
        target_value: f64,
        threshold: f64,
        cases: usize,
        base_rate: f64,
        sentence: &'a str,
        found: bool,
        no_box_reason: Option<&'a str>,
        permutation_p: Option<f64>,
        chosen: Option<Chosen<'a>>,
        candidate_boxes: usize,
        method: Method,
        reproduce: &'a str,
    }
    let d = &r.discovery;
    let (target, target_value) = target_fields(r.target);
    let chosen = d.chosen().zip(d.best).map(|(b, k)| Chosen {
        r#box: k,
        coverage: b.coverage,
        density: b.density,
        mass: b.mass,
        restrictions: b
            .restrictions
            .iter()
            .map(|res| Limit {
                input: r.inputs.get(res.input).map_or("", |(p, _)| p.as_str()),
                low: res.low,
                high: res.high,
                quasi_p: res.quasi_p,
            })
            .collect(),
    });
    super::pretty_json(&File {
        scenario,
        seed: r.settings.seed,
        iterations: r.settings.iterations,
        metric: r.metric.name,
        unit: r.metric.unit,
        outcomes_of: super::outcomes_of(&crate::scope::Scope::Total),
        target,
        target_value,
        threshold: r.threshold,
        cases: d.cases,
        base_rate: d.base_rate,
        sentence: &r.sentence,
        found: chosen.is_some(),
        no_box_reason: d.no_box.as_deref(),
        permutation_p: d.permutation_p,
        chosen,
        candidate_boxes: d.boxes.len(),
        method: Method {
            peel_alpha: PEEL_ALPHA,
            mass_min: MASS_MIN,
            min_coverage: MIN_COVERAGE,
            density_tolerance: DENSITY_TOLERANCE,
            significance: SIGNIFICANCE,
            permutations: d.permutations,
            permutation_seed: PERMUTATION_SEED,
        },
        reproduce,
    })
}
