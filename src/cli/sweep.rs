//! `burden sweep [FILE] --set KEY=LIST_OR_RANGE`: headline figures against swept inputs.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{CliError, load_scenario, progress, say, with_overrides};
use crate::analysis::sweep::{MAX_POINTS, expand, grid};
use crate::analysis::{run_arm, slug};
use crate::charts::sweep::{Sweep, SweepPoint};
use crate::charts::{self, Chart, ChartError};
use crate::engine::RunSettings;
use crate::format;
use crate::output::{self, folder::Staging};
use crate::scenario::overrides::{Override, shell_quote};
use crate::scope::Scope;
use crate::stats::Estimate;
use crate::summary::{HEADLINES, metric};

/// The files `sweep` writes.
pub const FILES: &[&str] = &[
    "sweep.csv",
    "summary.json",
    "report.md",
    output::CHARTS_DIR,
    output::folder::MANIFEST,
];

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// Scenario file (TOML). Without one, the built-in Ranam 2020 scenario. Give the
    /// swept inputs with --set KEY=FROM..TO:STEP or --set KEY=A,B,C (several make a grid).
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
}

struct Point {
    values: Vec<String>,
    /// (scope, metric, unit, estimate) for each district and the total.
    rows: Vec<(Scope, &'static str, &'static str, Estimate)>,
}

pub fn sweep(args: SweepArgs, sets: &[String]) -> Result<(), CliError> {
    let started = Instant::now();
    let mut axes: Vec<(String, Vec<String>)> = Vec::new();
    for s in sets {
        let o = Override::parse(s).map_err(CliError::usage)?;
        let values = expand(&o.value).map_err(|e| CliError::usage(format!("--set {s}: {e}")))?;
        axes.push((o.key, values));
    }
    if !axes.iter().any(|(_, v)| v.len() > 1) {
        return Err(CliError::usage(
            "sweep needs at least one --set with several values\n  = help: for example --set release.total=1000..10000:1000 or --set levy.resident_share=0,0.5,1",
        ));
    }
    let points = grid(&axes);
    if points.len() > MAX_POINTS {
        return Err(CliError::usage(format!(
            "the sweep has {} points; at most {MAX_POINTS} are allowed (each point is a full run)",
            points.len()
        )));
    }
    let base = load_scenario(args.scenario.as_ref(), &[])?;
    let settings = args.sim.settings(&base);
    // Check every point before running any, so a bad value fails at once.
    let mut scenarios = Vec::new();
    for p in &points {
        scenarios.push(with_overrides(base.clone(), p)?);
    }
    let dest =
        args.sim.out.clone().unwrap_or_else(|| {
            PathBuf::from("output").join(format!("sweep-{}", slug(base.name())))
        });
    let mut staging = Staging::begin(&dest, FILES, args.sim.force)?;
    let bar = progress(
        settings.iterations * points.len() as u64,
        &format!("sweeping {}", base.name()),
        args.sim.quiet,
    );
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let mut results = Vec::new();
    for (p, sc) in points.iter().zip(scenarios) {
        let arm = run_arm(p.join(" "), sc, &settings, &tick)?;
        let rows = arm
            .summary
            .entities
            .iter()
            .filter(|e| e.scope.is_whole_districts())
            .flat_map(|e| {
                e.metrics
                    .iter()
                    .map(|m| (e.scope.clone(), m.metric, m.unit, m.estimate))
            })
            .collect();
        results.push(Point {
            values: p
                .iter()
                .map(|kv| {
                    kv.split_once('=')
                        .map_or(kv.clone(), |(_, v)| v.to_string())
                })
                .collect(),
            rows,
        });
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let keys: Vec<String> = axes.iter().map(|(k, _)| k.clone()).collect();
    let reproduce = {
        let file = args
            .scenario
            .as_ref()
            .map(|p| format!(" {}", shell_quote(&p.display().to_string())))
            .unwrap_or_default();
        let s: String = sets
            .iter()
            .map(|s| format!(" --set {}", shell_quote(s)))
            .collect();
        format!(
            "burden sweep{file}{s} --seed {} --iterations {}",
            settings.seed, settings.iterations
        )
    };
    staging.write("sweep.csv", &sweep_csv(&keys, &results))?;
    let headline: Vec<serde_json::Value> = results
        .iter()
        .map(|p| {
            serde_json::json!({
                "set": keys.iter().zip(&p.values).map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect::<serde_json::Map<String, serde_json::Value>>(),
                "headline": p.rows.iter().filter(|r| r.0.is_total() && HEADLINES.contains(&r.1)).map(|r| serde_json::json!({"metric": r.1, "unit": r.2, "estimate": r.3})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let summary = serde_json::json!({
        "scenario": { "name": base.name(), "file": base.origin, "sha256": base.sha256 },
        "swept": keys,
        "seed": settings.seed,
        "iterations_per_point": settings.iterations,
        "common_random_numbers": true,
        "points": headline,
        "reproduce": reproduce,
    });
    staging.write("summary.json", &pretty(&summary))?;
    let charts = sweep_charts(&base, &keys, &results, &settings)?;
    super::write_charts(&mut staging, &charts)?;
    let charts_md = crate::report::markdown::charts_section(&charts);
    let table = tables(&keys, &results, true);
    staging
        .write(
            "report.md",
            format!(
                "# Sweep: {}\n\nEvery point ran the same {} iterations with seed {} (common random numbers). Each cell: median (90% interval across iterations); mean ± Monte Carlo error. Every district and metric is in `sweep.csv`.\n\n{charts_md}{table}\nReproduce: `{reproduce}`\n",
                base.name(),
                settings.iterations,
                settings.seed
            )
            .as_bytes(),
        )
        ?;
    let manifest = serde_json::json!({
        "tool": "burden",
        "version": env!("CARGO_PKG_VERSION"),
        "command": "sweep",
        "scenario_file": base.origin,
        "scenario_sha256": base.sha256,
        "swept": sets,
        "seed": settings.seed,
        "iterations": settings.iterations,
        "reproduce": reproduce,
        "command_line": std::env::args().collect::<Vec<_>>().join(" "),
        "elapsed_seconds": started.elapsed().as_secs_f64(),
        "files": FILES.iter().filter(|f| **f != output::folder::MANIFEST).collect::<Vec<_>>(),
    });
    staging.write(output::folder::MANIFEST, &pretty(&manifest))?;
    let dest = staging.commit()?;
    if !args.sim.quiet {
        say(&tables(&keys, &results, false));
        say(&format!(
            "Outputs written to {}/ in {:.1} s.\n",
            dest.display(),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}

/// The sweep's chart: each headline figure against the swept value.
fn sweep_charts(
    base: &crate::scenario::Scenario,
    keys: &[String],
    results: &[Point],
    settings: &RunSettings,
) -> Result<Vec<Chart>, ChartError> {
    let footer = charts::style::footer(
        base.name(),
        settings.seed,
        settings.iterations,
        env!("CARGO_PKG_VERSION"),
    );
    let points: Vec<SweepPoint> = results
        .iter()
        .map(|p| SweepPoint {
            values: &p.values,
            figures: p
                .rows
                .iter()
                .filter(|r| r.0.is_total() && HEADLINES.contains(&r.1))
                .map(|r| (r.1, r.3))
                .collect(),
        })
        .collect();
    let mut out = Vec::new();
    // The axis says what the key means and its unit, e.g. "release.total = people
    // released in the scenario's districts, persons".
    let x_desc = |key: &str| {
        let (unit, meaning) = crate::scenario::catalog::describe(key);
        match (meaning.is_empty(), unit.is_empty()) {
            (true, _) => key.to_string(),
            (false, true) => format!("{key} = {meaning}"),
            (false, false) => format!("{key} = {meaning}, {unit}"),
        }
    };
    if let Some(f) = Sweep::new(keys, x_desc, &points, HEADLINES, settings.iterations) {
        out.push(charts::render(&f, &footer)?);
    }
    Ok(out)
}

fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn sweep_csv(keys: &[String], points: &[Point]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = keys.iter().map(|k| format!("set:{k}")).collect();
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
    let _ = w.write_record(&header);
    for p in points {
        for (scope, m, unit, e) in &p.rows {
            let mut row = p.values.clone();
            let [kind, district, _] = scope.csv_fields();
            row.extend([kind, district, m.to_string(), unit.to_string()]);
            row.extend([e.median, e.p05, e.p95, e.mean, e.mc_se].map(|x| x.to_string()));
            row.push(e.n.to_string());
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// One table per headline figure (on the total): a row per point.
fn tables(keys: &[String], points: &[Point], markdown: bool) -> String {
    let mut out = String::new();
    for h in HEADLINES {
        let Some(m) = metric(h) else { continue };
        out.push_str(&if markdown {
            format!("## {}\n\n", m.label)
        } else {
            format!("{} (all districts)\n", m.label)
        });
        let mut rows: Vec<Vec<String>> = vec![{
            let mut r = keys.to_vec();
            r.extend(["median (90% interval)".into(), "mean ± MC error".into()]);
            r
        }];
        for p in points {
            let Some((_, _, unit, e)) = p.rows.iter().find(|r| r.0.is_total() && r.1 == *h) else {
                continue;
            };
            let mut r = p.values.clone();
            r.push(format::median_interval(unit, e));
            r.push(format::mean_error(unit, e));
            rows.push(r);
        }
        let cols = rows[0].len();
        let widths: Vec<usize> = (0..cols)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        for (i, r) in rows.iter().enumerate() {
            let cells: Vec<String> = r
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:w$}"))
                .collect();
            if markdown {
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
                if i == 0 {
                    out.push_str(&format!(
                        "|{}|\n",
                        widths
                            .iter()
                            .map(|w| "-".repeat(w + 2))
                            .collect::<Vec<_>>()
                            .join("|")
                    ));
                }
            } else {
                out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
            }
        }
        out.push('\n');
    }
    out
}
