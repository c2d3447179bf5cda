//! Sweeping inputs: `--set KEY=LIST_OR_RANGE` values and the grid of points they make.
//!
//! A value is a range `from..to:step` (both ends included, `1000..10000:1000`), a
//! list separated by commas (`0.2,0.5,1`), or one value. Each point of the grid runs
//! with the same seed and iteration numbers (common random numbers), so differences
//! between neighbouring points are not blurred by different draws.

use crate::engine::{EngineError, RunSettings};
use crate::scenario::Scenario;
use crate::scenario::dist::fmt_num;
use crate::scenario::overrides::Override;
use crate::scope::Scope;
use crate::stats::Estimate;

/// Most points a sweep may have (each is a full run).
pub const MAX_POINTS: usize = 200;

/// The values one `--set` stands for.
pub fn expand(value: &str) -> Result<Vec<String>, String> {
    let v = value.trim();
    if let Some((range, step)) = v.split_once(':')
        && let Some((from, to)) = range.split_once("..")
    {
        let num = |s: &str| {
            s.trim()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("`{s}` in the range `{v}` is not a number"))
        };
        let (a, b, s) = (num(from)?, num(to)?, num(step)?);
        if s <= 0.0 {
            return Err(format!("the step of `{v}` must be above zero"));
        }
        if b < a {
            return Err(format!("in `{v}` the end must not be below the start"));
        }
        let count = ((b - a) / s + 1e-9).floor() as usize + 1;
        if count > MAX_POINTS {
            return Err(format!(
                "`{v}` has {count} values; a sweep may have at most {MAX_POINTS} points"
            ));
        }
        // Multiplying rather than adding keeps 0.1 steps free of accumulated error.
        return Ok((0..count).map(|k| fmt_num(a + k as f64 * s)).collect());
    }
    if v.contains(',') && !v.starts_with('{') && !v.starts_with('[') {
        let items: Vec<String> = v
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Err(format!("`{v}` lists no values"));
        }
        return Ok(items);
    }
    Ok(vec![v.to_string()])
}

/// Every combination of the axes' values, the first axis varying slowest.
pub fn grid(axes: &[(String, Vec<String>)]) -> Vec<Vec<String>> {
    let mut points: Vec<Vec<String>> = vec![Vec::new()];
    for (key, values) in axes {
        points = points
            .into_iter()
            .flat_map(|p| {
                values.iter().map(move |v| {
                    let mut q = p.clone();
                    q.push(format!("{key}={v}"));
                    q
                })
            })
            .collect();
    }
    points
}

/// One figure at one point of a sweep.
#[derive(Debug, Clone)]
pub struct Figure {
    pub scope: Scope,
    pub metric: &'static str,
    pub unit: &'static str,
    pub estimate: Estimate,
}

/// One point of a sweep: the swept keys' values and every whole-district figure.
#[derive(Debug, Clone)]
pub struct Point {
    /// The value of each swept key, in the order of [`SweepResult::keys`].
    pub values: Vec<String>,
    /// Each metric for each district and the total.
    pub figures: Vec<Figure>,
}

impl Point {
    /// The total's estimate of `metric`.
    pub fn total(&self, metric: &str) -> Option<&Figure> {
        self.figures
            .iter()
            .find(|f| f.scope.is_total() && f.metric == metric)
    }
}

/// A finished sweep.
pub struct SweepResult {
    pub base: Scenario,
    pub keys: Vec<String>,
    pub points: Vec<Point>,
    pub settings: RunSettings,
}

/// The swept keys and their values from `--set KEY=VALUES` arguments.
pub fn axes(sets: &[String]) -> Result<Vec<(String, Vec<String>)>, String> {
    sets.iter()
        .map(|s| {
            let o = Override::parse(s)?;
            let values = expand(&o.value).map_err(|e| format!("--set {s}: {e}"))?;
            Ok((o.key, values))
        })
        .collect()
}

/// Runs each point's scenario (all with `settings`, on common random numbers).
pub fn run(
    base: Scenario,
    keys: Vec<String>,
    points: Vec<(Vec<String>, Scenario)>,
    settings: &RunSettings,
    tick: &(dyn Fn() + Sync),
) -> Result<SweepResult, EngineError> {
    let mut out = Vec::new();
    for (p, sc) in points {
        let arm = super::run_arm(p.join(" "), sc, settings, tick)?;
        let figures = arm
            .summary
            .entities
            .iter()
            .filter(|e| e.scope.is_whole_districts())
            .flat_map(|e| {
                e.metrics.iter().map(|m| Figure {
                    scope: e.scope.clone(),
                    metric: m.metric,
                    unit: m.unit,
                    estimate: m.estimate,
                })
            })
            .collect();
        out.push(Point {
            values: p
                .iter()
                .map(|kv| {
                    kv.split_once('=')
                        .map_or(kv.clone(), |(_, v)| v.to_string())
                })
                .collect(),
            figures,
        });
    }
    Ok(SweepResult {
        base,
        keys,
        points: out,
        settings: settings.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_lists_and_single_values() {
        assert_eq!(
            expand("1000..5000:1000").unwrap(),
            ["1000", "2000", "3000", "4000", "5000"]
        );
        assert_eq!(expand("0..0.3:0.1").unwrap(), ["0", "0.1", "0.2", "0.3"]);
        assert_eq!(expand("0.2, 0.5,1").unwrap(), ["0.2", "0.5", "1"]);
        assert_eq!(expand("5000 to 9000").unwrap(), ["5000 to 9000"]);
        assert_eq!(
            expand("{ uniform = [0.5, 0.9] }").unwrap(),
            ["{ uniform = [0.5, 0.9] }"]
        );
        assert!(expand("10..1:1").is_err());
        assert!(expand("1..10:0").is_err());
        assert!(expand("0..1000:1").is_err());
    }

    #[test]
    fn the_grid_is_every_combination() {
        let g = grid(&[
            ("a".into(), vec!["1".into(), "2".into()]),
            ("b".into(), vec!["x".into(), "y".into(), "z".into()]),
        ]);
        assert_eq!(g.len(), 6);
        assert_eq!(g[0], ["a=1", "b=x"]);
        assert_eq!(g[5], ["a=2", "b=z"]);
    }
}
