//! `shard.json`: the part of a sweep or a sensitivity run that one shard computed
//! (`--shard i/N`), with everything `burden merge` needs to check that the shards
//! belong together and to write the outputs one run would have written.
//!
//! Numbers are written as Rust prints them (the shortest text that reads back to the
//! same bits, `NaN` included), so the merged files are the same bytes as one run's.

use serde::{Deserialize, Serialize};

use crate::analysis::sensitivity::Samples;
use crate::analysis::shard::Shard;
use crate::analysis::sweep::{Figure, Point};
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::Estimate;

/// The name of a shard's part file.
pub const SHARD_FILE: &str = "shard.json";
/// What a shard's folder holds.
pub const SHARD_FILES: &[&str] = &[SHARD_FILE, super::folder::MANIFEST];

/// Writes a shard's folder: `shard.json`, then the manifest (recording the shard).
pub fn write(
    file: &ShardFile,
    staging: super::folder::Staging,
    provenance: &super::manifest::Provenance,
) -> Result<std::path::PathBuf, super::folder::OutputError> {
    let mut files = super::files::Files::new();
    files.add(SHARD_FILE, super::pretty_json(file));
    files.commit(staging, provenance)
}

/// Bumped when the layout of `shard.json` changes.
pub const SHARD_FORMAT: u32 = 1;

/// The scenario a shard ran, as text, so the merge does not depend on where the file is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScenarioText {
    pub origin: String,
    pub text: String,
    pub sha256: String,
    pub overrides: Vec<String>,
}

impl ScenarioText {
    pub fn of(sc: &Scenario) -> ScenarioText {
        ScenarioText {
            origin: sc.origin.clone(),
            text: sc.text.clone(),
            sha256: sc.sha256.clone(),
            overrides: sc.overrides.clone(),
        }
    }

    /// The scenario again, as the shard had it.
    pub fn load(&self) -> Result<Scenario, String> {
        let mut sc = crate::scenario::load_str(&self.origin, &self.text)
            .map_err(|e| format!("its scenario does not load:\n{e}"))?;
        sc.sha256 = self.sha256.clone();
        sc.overrides = self.overrides.clone();
        Ok(sc)
    }
}

/// One figure of one sweep point.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FigurePart {
    /// `None` for all districts together.
    pub district: Option<String>,
    pub metric: String,
    /// n, mean, sd, mc_se, median, median_ci_low, median_ci_high, p05, p25, p75, p95.
    pub estimate: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PointPart {
    pub values: Vec<String>,
    pub figures: Vec<FigurePart>,
}

/// One column of samples.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Vec<String>,
}

/// What a shard computed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "command", rename_all = "lowercase")]
pub enum Part {
    Sweep {
        keys: Vec<String>,
        total_points: u64,
        first_point: u64,
        points: Vec<PointPart>,
    },
    Sensitivity {
        bootstrap: u64,
        district: Option<String>,
        first_iteration: u64,
        inputs: Vec<Column>,
        outcomes: Vec<Column>,
    },
}

/// A shard's `shard.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ShardFile {
    pub format: u32,
    pub index: u64,
    pub count: u64,
    pub scenario: ScenarioText,
    pub seed: u64,
    pub iterations: u64,
    /// Every option that changes the numbers (`--set`, `--bootstrap`, `--district`).
    pub options: Vec<String>,
    /// The command one run would be (without `--shard`).
    pub reproduce: String,
    pub part: Part,
}

impl ShardFile {
    pub fn shard(&self) -> Shard {
        Shard {
            index: self.index,
            count: self.count,
        }
    }

    /// The command, as the manifest names it.
    pub fn command(&self) -> &'static str {
        match self.part {
            Part::Sweep { .. } => "sweep",
            Part::Sensitivity { .. } => "sensitivity",
        }
    }
}

fn text(x: f64) -> String {
    x.to_string()
}

fn number(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .map_err(|_| format!("`{s}` is not a number"))
}

/// An estimate's numbers in the order `shard.json` writes them after n.
fn floats(e: &Estimate) -> [f64; 10] {
    [
        e.mean,
        e.sd,
        e.mc_se,
        e.median,
        e.median_ci_low,
        e.median_ci_high,
        e.p05,
        e.p25,
        e.p75,
        e.p95,
    ]
}

fn estimate_texts(e: &Estimate) -> Vec<String> {
    let mut out = vec![e.n.to_string()];
    out.extend(floats(e).map(text));
    out
}

fn estimate_from(texts: &[String]) -> Result<Estimate, String> {
    let [n, rest @ ..] = texts else {
        return Err("an estimate without numbers".into());
    };
    let x: Vec<f64> = rest.iter().map(|s| number(s)).collect::<Result<_, _>>()?;
    let [
        mean,
        sd,
        mc_se,
        median,
        median_ci_low,
        median_ci_high,
        p05,
        p25,
        p75,
        p95,
    ] = x[..]
    else {
        return Err(format!(
            "an estimate of {} numbers instead of 11",
            texts.len()
        ));
    };
    Ok(Estimate {
        n: n.parse().map_err(|_| format!("`{n}` is not a count"))?,
        mean,
        sd,
        mc_se,
        median,
        median_ci_low,
        median_ci_high,
        p05,
        p25,
        p75,
        p95,
    })
}

/// A sweep shard's points.
pub fn sweep_points(points: &[Point]) -> Vec<PointPart> {
    points
        .iter()
        .map(|p| PointPart {
            values: p.values.clone(),
            figures: p
                .figures
                .iter()
                .map(|f| FigurePart {
                    district: f.scope.district().map(str::to_string),
                    metric: f.metric.to_string(),
                    estimate: estimate_texts(&f.estimate),
                })
                .collect(),
        })
        .collect()
}

/// The points again.
pub fn points_from(parts: &[PointPart]) -> Result<Vec<Point>, String> {
    parts
        .iter()
        .map(|p| {
            let figures = p
                .figures
                .iter()
                .map(|f| {
                    let m = crate::summary::metric(&f.metric)
                        .ok_or_else(|| format!("an unknown metric `{}`", f.metric))?;
                    Ok(Figure {
                        scope: Scope::of(f.district.as_deref(), None),
                        metric: m.name,
                        unit: m.unit,
                        estimate: estimate_from(&f.estimate)?,
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(Point {
                values: p.values.clone(),
                figures,
            })
        })
        .collect()
}

fn columns(v: &[(String, Vec<f64>)]) -> Vec<Column> {
    v.iter()
        .map(|(name, values)| Column {
            name: name.clone(),
            values: values.iter().map(|x| text(*x)).collect(),
        })
        .collect()
}

fn columns_from(v: &[Column]) -> Result<Vec<(String, Vec<f64>)>, String> {
    v.iter()
        .map(|c| {
            let values = c
                .values
                .iter()
                .map(|s| number(s))
                .collect::<Result<_, _>>()?;
            Ok((c.name.clone(), values))
        })
        .collect()
}

/// A sensitivity shard's samples as columns of text: (inputs, outcomes).
pub fn sample_columns(s: &Samples) -> (Vec<Column>, Vec<Column>) {
    (columns(&s.inputs), columns(&s.outcomes))
}

/// The samples again.
pub fn samples_from(inputs: &[Column], outcomes: &[Column]) -> Result<Samples, String> {
    Ok(Samples {
        inputs: columns_from(inputs)?,
        outcomes: columns_from(outcomes)?,
    })
}

/// Checks that `shards` (each with the folder it came from) are every shard of one
/// run, once each, and returns them in shard order.
pub fn check_set(mut shards: Vec<(String, ShardFile)>) -> Result<Vec<(String, ShardFile)>, String> {
    let Some((first_dir, first)) = shards.first().cloned() else {
        return Err("no shard folders given".into());
    };
    for (dir, f) in &shards {
        if f.format != SHARD_FORMAT {
            return Err(format!(
                "{dir}/{SHARD_FILE} has format {}, this burden reads format {SHARD_FORMAT}: run every shard with the same version",
                f.format
            ));
        }
        let differs = |what: &str, a: &dyn std::fmt::Debug, b: &dyn std::fmt::Debug| {
            format!(
                "{dir} is not a shard of the same run as {first_dir}: its {what} differs ({b:?} against {a:?})\n  = help: merge only the shards of one command, run with the same scenario, seed, iterations and options"
            )
        };
        if f.command() != first.command() {
            return Err(differs("command", &first.command(), &f.command()));
        }
        if f.count != first.count {
            return Err(differs("number of shards", &first.count, &f.count));
        }
        if f.scenario.sha256 != first.scenario.sha256 || f.scenario.text != first.scenario.text {
            return Err(differs(
                "scenario (SHA-256)",
                &first.scenario.sha256,
                &f.scenario.sha256,
            ));
        }
        if f.seed != first.seed {
            return Err(differs("seed", &first.seed, &f.seed));
        }
        if f.iterations != first.iterations {
            return Err(differs(
                "number of iterations",
                &first.iterations,
                &f.iterations,
            ));
        }
        if f.options != first.options {
            return Err(differs("options", &first.options, &f.options));
        }
    }
    shards.sort_by_key(|(_, f)| f.index);
    for pair in shards.windows(2) {
        if pair[0].1.index == pair[1].1.index {
            return Err(format!(
                "{} and {} are both shard {}: give each shard's folder once",
                pair[0].0,
                pair[1].0,
                pair[0].1.shard()
            ));
        }
    }
    let missing: Vec<String> = (1..=first.count)
        .filter(|i| !shards.iter().any(|(_, f)| f.index == *i))
        .map(|i| format!("{i}/{}", first.count))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shard {} missing: give the folders of all {} shards",
            crate::report::list(&missing),
            first.count
        ));
    }
    for (dir, f) in &shards {
        let (start, len, total) = match &f.part {
            Part::Sweep {
                first_point,
                points,
                total_points,
                ..
            } => (*first_point, points.len(), *total_points),
            Part::Sensitivity {
                first_iteration,
                outcomes,
                ..
            } => (
                *first_iteration,
                outcomes.first().map_or(0, |c| c.values.len()),
                f.iterations,
            ),
        };
        let block = f.shard().part(total);
        if start != block.start || len as u64 != block.end - block.start {
            return Err(format!(
                "{dir}/{SHARD_FILE} holds items {start}..{} where shard {} should hold {}..{}: the file was changed or is damaged",
                start + len as u64,
                f.shard(),
                block.start,
                block.end
            ));
        }
    }
    Ok(shards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_to_the_same_bits() {
        let e = Estimate {
            n: 3,
            mean: 0.1 + 0.2,
            sd: f64::NAN,
            mc_se: 1e-300,
            median: -0.0,
            median_ci_low: f64::INFINITY,
            median_ci_high: 123_456_789.123_456_79,
            p05: 1.0 / 3.0,
            p25: 2.0,
            p75: 5e-324,
            p95: f64::MAX,
        };
        let back = estimate_from(&estimate_texts(&e)).unwrap();
        let bits = |e: &Estimate| floats(e).map(f64::to_bits);
        assert_eq!(bits(&back), bits(&e));
        assert_eq!(back.n, 3);
    }
}
