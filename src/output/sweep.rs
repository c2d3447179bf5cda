//! The data files of `burden sweep`: `sweep.csv` and `summary.json`.

use serde::Serialize;

use super::manifest::ScenarioRecord;
use crate::analysis::sweep::SweepResult;
use crate::stats::Estimate;
use crate::summary::is_headline;

/// `summary.json`: the swept keys and each point's headline figures on the total.
pub fn summary_json(s: &SweepResult, scenario: &ScenarioRecord, reproduce: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct Headline<'a> {
        metric: &'a str,
        unit: &'a str,
        estimate: &'a Estimate,
    }
    #[derive(Serialize)]
    struct Point<'a> {
        set: serde_json::Map<String, serde_json::Value>,
        headline: Vec<Headline<'a>>,
    }
    #[derive(Serialize)]
    struct Scenario<'a> {
        name: &'a str,
        file: &'a str,
        sha256: &'a str,
    }
    #[derive(Serialize)]
    struct File<'a> {
        scenario: Scenario<'a>,
        swept: &'a [String],
        seed: u64,
        iterations_per_point: u64,
        common_random_numbers: bool,
        points: Vec<Point<'a>>,
        reproduce: &'a str,
    }
    let points = s
        .points
        .iter()
        .map(|p| Point {
            set: s
                .keys
                .iter()
                .zip(&p.values)
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect(),
            headline: p
                .figures
                .iter()
                .filter(|f| f.scope.is_total() && is_headline(f.metric))
                .map(|f| Headline {
                    metric: f.metric,
                    unit: f.unit,
                    estimate: &f.estimate,
                })
                .collect(),
        })
        .collect();
    super::pretty_json(&File {
        scenario: Scenario {
            name: &scenario.name,
            file: &scenario.file,
            sha256: &scenario.sha256,
        },
        swept: &s.keys,
        seed: s.settings.seed,
        iterations_per_point: s.settings.iterations,
        common_random_numbers: true,
        points,
        reproduce,
    })
}

/// `sweep.csv`: one row per point, district (and the total) and metric.
pub fn sweep_csv(s: &SweepResult) -> Vec<u8> {
    super::csv_bytes(|w| {
        let mut header: Vec<String> = s.keys.iter().map(|k| format!("set:{k}")).collect();
        header.extend(
            [
                "scope",
                "district",
                "metric",
                "unit",
                "median",
                "p05",
                "p95",
                "mean",
                "mc_se",
                "n_iterations",
            ]
            .map(String::from),
        );
        w.write_record(&header)?;
        for p in &s.points {
            for f in &p.figures {
                let mut row = p.values.clone();
                let [kind, district, _] = f.scope.csv_fields();
                row.extend([kind, district, f.metric.to_string(), f.unit.to_string()]);
                let e = &f.estimate;
                row.extend([e.median, e.p05, e.p95, e.mean, e.mc_se].map(|x| x.to_string()));
                row.push(e.n.to_string());
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}
