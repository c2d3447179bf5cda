//! `burden compare A.toml B.toml [C.toml ...]`: paired differences on common random numbers.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use serde::Serialize;

use super::{CliError, load_scenario, progress, with_overrides};
use crate::analysis::compare::{Difference, paired_differences, same_structure};
use crate::analysis::{self, Arm, slug};
use crate::charts::bars::Value;
use crate::charts::compare::{CompareNoStock, HeadlineBars, HeadlineDifference, ScenarioFigures};
use crate::charts::{self, Chart, ChartError};
use crate::engine::RunSettings;
use crate::format;
use crate::output::{self, folder::Staging};
use crate::scenario::overrides::shell_quote;
use crate::scope::{self, Scope};
use crate::summary::{HEADLINES, metric};

/// The files `compare` writes.
pub const FILES: &[&str] = &[
    "differences.csv",
    "summary.json",
    "report.md",
    output::CHARTS_DIR,
    output::folder::MANIFEST,
];

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario files; the first is the reference (A) and each other is compared with it.
    #[arg(required = true)]
    pub scenarios: Vec<PathBuf>,
    /// Add the first scenario with this change as another scenario to compare
    /// (repeatable; all changes go into one variant), e.g. --variant levy.resident_share=0.
    #[arg(long, value_name = "KEY=VALUE")]
    pub variant: Vec<String>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
}

pub fn compare(args: CompareArgs, sets: &[String]) -> Result<(), CliError> {
    let started = Instant::now();
    let mut scenarios = Vec::new();
    for path in &args.scenarios {
        scenarios.push(load_scenario(Some(path), sets)?);
    }
    if !args.variant.is_empty() {
        let mut changes = sets.to_vec();
        changes.extend(args.variant.iter().cloned());
        let base = crate::scenario::load_path(&args.scenarios[0])?;
        let variant = with_overrides(base, &changes)?;
        scenarios.push(variant);
    }
    if scenarios.len() < 2 {
        return Err(CliError::usage(
            "compare needs at least two scenarios\n  = help: give two files (burden compare A.toml B.toml), or one file and a change: burden compare A.toml --variant levy.resident_share=0",
        ));
    }
    let reference = &scenarios[0];
    let settings = args.sim.settings(reference);

    let mut warnings = Vec::new();
    for sc in &scenarios[1..] {
        if sc.seed() != reference.seed() || sc.iterations() != reference.iterations() {
            warnings.push(format!(
                "{} is run with seed {} and {} iterations like the reference, not its own, so that both share their random numbers",
                sc.name(),
                settings.seed,
                settings.iterations
            ));
        }
        if !same_structure(reference, sc) {
            warnings.push(format!(
                "{} and {} have different districts or wealth groups, so only their totals are compared",
                reference.name(),
                sc.name()
            ));
        }
    }
    let labels = unique_labels(&scenarios, !args.variant.is_empty());
    let dest = args.sim.out.clone().unwrap_or_else(|| {
        let names: Vec<String> = labels.iter().map(|l| slug(l)).collect();
        PathBuf::from("output").join(format!("compare-{}", names.join("-vs-")))
    });
    let mut staging = Staging::begin(&dest, FILES, args.sim.force)?;

    let total = settings.iterations * scenarios.len() as u64;
    let bar = progress(total, "comparing", args.sim.quiet);
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let mut arms: Vec<Arm> = Vec::new();
    for (sc, label) in scenarios.into_iter().zip(labels) {
        arms.push(analysis::run_arm(label, sc, &settings, &tick)?);
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let a = &arms[0];
    let mut differences = Vec::new();
    for b in &arms[1..] {
        let totals_only = !same_structure(&a.scenario, &b.scenario);
        differences.extend(paired_differences(
            &a.label,
            &a.values,
            &b.label,
            &b.values,
            totals_only,
        ));
    }

    let charts = compare_charts(&arms, &differences, &settings)?;
    let reproduce = reproduce_command(&args, sets, &settings);
    super::write_charts(&mut staging, &charts)?;
    staging.write("differences.csv", &differences_csv(&differences))?;
    staging.write(
        "summary.json",
        &summary_json(&arms, &differences, &settings, &warnings, &reproduce),
    )?;
    staging.write(
        "report.md",
        report_md(
            &arms,
            &differences,
            &settings,
            &warnings,
            &reproduce,
            &charts,
        )
        .as_bytes(),
    )?;
    let manifest = serde_json::json!({
        "tool": "burden",
        "version": env!("CARGO_PKG_VERSION"),
        "command": "compare",
        "scenarios": arms.iter().map(scenario_block).collect::<Vec<_>>(),
        "seed": settings.seed,
        "iterations": settings.iterations,
        "reproduce": reproduce,
        "command_line": std::env::args().collect::<Vec<_>>().join(" "),
        "elapsed_seconds": started.elapsed().as_secs_f64(),
        "files": FILES.iter().filter(|f| **f != output::folder::MANIFEST).collect::<Vec<_>>(),
    });
    staging.write(output::folder::MANIFEST, &pretty(&manifest))?;
    let dest = staging.commit()?;

    for w in &warnings {
        eprintln!("warning: {w}");
    }
    if !args.sim.quiet {
        super::say(&terminal_table(&arms, &differences, &settings));
        super::say(&format!(
            "Outputs written to {}/ in {:.1} s.\n",
            dest.display(),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}

/// The letters of the scenarios in charts and tables: A, then B (or B1, B2, ...).
fn letters(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match (i, n) {
            (0, _) => "A".to_string(),
            (_, 2) => "B".to_string(),
            _ => format!("B{i}"),
        })
        .collect()
}

/// The comparison's charts: no stock by day per scenario, the headline figures per
/// scenario, and the paired differences B − A.
fn compare_charts(
    arms: &[Arm],
    differences: &[Difference],
    settings: &RunSettings,
) -> Result<Vec<Chart>, ChartError> {
    let footer = charts::style::footer(
        &arms
            .iter()
            .map(|a| a.label.as_str())
            .collect::<Vec<_>>()
            .join(" vs "),
        settings.seed,
        settings.iterations,
        env!("CARGO_PKG_VERSION"),
    );
    let letters = letters(arms.len());
    let figures: Vec<ScenarioFigures> = arms
        .iter()
        .zip(&letters)
        .map(|(a, letter)| {
            let district = charts::district_labels(&a.scenario)
                .into_iter()
                .next()
                .unwrap_or(Scope::Total);
            ScenarioFigures {
                letter: letter.clone(),
                label: a.label.clone(),
                no_stock: charts::series(&a.summary, &district, "no_stock_share_with")
                    .unwrap_or(&[]),
                headline: HEADLINES
                    .iter()
                    .map(|h| a.summary.total().get(h).map(Value::from))
                    .collect(),
            }
        })
        .collect();
    let mut out = Vec::new();
    let x_desc = charts::day_axis(&arms[0].scenario);
    if let Some(f) = CompareNoStock::new(&figures, x_desc, settings.iterations as usize) {
        out.push(charts::render(&f, &footer)?);
    }
    if let Some(f) = HeadlineBars::new(&figures, HEADLINES) {
        out.push(charts::render(&f, &footer)?);
    }
    let by_metric: Vec<Vec<Option<&crate::stats::Estimate>>> = HEADLINES
        .iter()
        .map(|h| {
            arms[1..]
                .iter()
                .map(|b| {
                    differences
                        .iter()
                        .find(|d| d.scenario == b.label && is_headline_total(d) && d.metric == *h)
                        .map(|d| &d.difference)
                })
                .collect()
        })
        .collect();
    let compared = letters[1..]
        .iter()
        .cloned()
        .zip(arms[1..].iter().map(|a| a.label.clone()))
        .collect();
    if let Some(f) = HeadlineDifference::new(&arms[0].label, compared, HEADLINES, by_metric) {
        out.push(charts::render(&f, &footer)?);
    }
    Ok(out)
}

/// Scenario names as labels, made unique; a `--variant` (the last scenario) is
/// labelled "<name> variant".
fn unique_labels(scenarios: &[crate::scenario::Scenario], has_variant: bool) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let last = scenarios.len() - 1;
    for (i, sc) in scenarios.iter().enumerate() {
        let mut label = if has_variant && i == last {
            format!("{} variant", sc.name())
        } else {
            sc.name().to_string()
        };
        let base = label.clone();
        let mut k = 2;
        while labels.contains(&label) {
            label = format!("{base} #{k}");
            k += 1;
        }
        labels.push(label);
    }
    labels
}

fn reproduce_command(args: &CompareArgs, sets: &[String], settings: &RunSettings) -> String {
    let mut parts = vec!["burden".to_string(), "compare".to_string()];
    parts.extend(
        args.scenarios
            .iter()
            .map(|p| shell_quote(&p.display().to_string())),
    );
    for v in &args.variant {
        parts.push(format!("--variant {}", shell_quote(v)));
    }
    for s in sets {
        parts.push(format!("--set {}", shell_quote(s)));
    }
    parts.push(format!(
        "--seed {} --iterations {}",
        settings.seed, settings.iterations
    ));
    parts.join(" ")
}

fn scenario_block(arm: &Arm) -> serde_json::Value {
    serde_json::json!({
        "label": arm.label,
        "name": arm.scenario.name(),
        "title": arm.scenario.file.scenario.title,
        "file": arm.scenario.origin,
        "sha256": arm.scenario.sha256,
        "overrides": arm.scenario.overrides,
    })
}

fn pretty(v: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn is_headline_total(d: &Difference) -> bool {
    d.scope.is_total() && HEADLINES.contains(&d.metric)
}

/// `summary.json`: the scenarios, the settings, the headline differences on the
/// total, and every difference.
pub fn summary_json(
    arms: &[Arm],
    differences: &[Difference],
    settings: &RunSettings,
    warnings: &[String],
    reproduce: &str,
) -> Vec<u8> {
    let mut headline: Vec<&Difference> = differences
        .iter()
        .filter(|d| is_headline_total(d))
        .collect();
    headline.sort_by_key(|d| HEADLINES.iter().position(|h| *h == d.metric));
    pretty(&serde_json::json!({
        "comparison": {
            "reference": arms[0].label,
            "seed": settings.seed,
            "iterations": settings.iterations,
            "common_random_numbers": true,
            "difference": "scenario minus reference, per iteration",
            "worse": "higher is worse for every metric except deficit_band_none_* (the share of persons with no survival deficit), where lower is worse",
            "reproduce": reproduce,
        },
        "scenarios": arms.iter().map(scenario_block).collect::<Vec<_>>(),
        "headline": headline,
        "differences": differences,
        "warnings": warnings,
    }))
}

/// `differences.csv`: one row per compared scenario, district, wealth group and metric.
pub fn differences_csv(differences: &[Difference]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "scenario",
        "reference",
        scope::CSV_COLUMNS[0],
        scope::CSV_COLUMNS[1],
        scope::CSV_COLUMNS[2],
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
    ];
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for d in differences {
        let e = &d.difference;
        let mut row = vec![
            d.scenario.clone(),
            d.reference.clone(),
            d.metric.to_string(),
            d.unit.to_string(),
            d.worse_if.word().to_string(),
        ];
        row.splice(2..2, d.scope.csv_fields());
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
        rows.push(row);
    }
    for r in rows {
        // Writing to memory cannot fail for I/O reasons.
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

struct Row {
    cells: Vec<String>,
}

fn table(header: &[&str], rows: &[Row], markdown: bool) -> String {
    let n = header.len();
    let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in width.iter_mut().zip(&r.cells) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&width)
            .map(|(c, w)| format!("{c:w$}"))
            .collect();
        if markdown {
            format!("| {} |\n", padded.join(" | "))
        } else {
            format!("{}\n", padded.join("  ").trim_end())
        }
    };
    let mut out = line(header.to_vec());
    if markdown {
        out.push_str(&format!(
            "|{}|\n",
            width
                .iter()
                .map(|w| "-".repeat(w + 2))
                .collect::<Vec<_>>()
                .join("|")
        ));
    }
    for r in rows {
        out.push_str(&line(r.cells.iter().take(n).map(String::as_str).collect()));
    }
    out
}

fn headline_rows(differences: &[Difference], scenario: &str, markdown: bool) -> Vec<Row> {
    HEADLINES
        .iter()
        .filter_map(|h| {
            let d = differences
                .iter()
                .find(|d| d.scenario == scenario && is_headline_total(d) && d.metric == *h)?;
            let m = metric(h)?;
            let e = &d.difference;
            let label = if markdown {
                m.label.to_string()
            } else {
                m.label.chars().take(58).collect()
            };
            Some(Row {
                cells: vec![
                    label,
                    format::value(m.unit, d.reference_median),
                    format::value(m.unit, d.scenario_median),
                    format!(
                        "{} ({} to {})",
                        format::difference(m.unit, e.median),
                        format::difference(m.unit, e.p05),
                        format::difference(m.unit, e.p95)
                    ),
                    format!(
                        "{} ± {}",
                        format::difference(m.unit, e.mean),
                        format::error(m.unit, e.mc_se)
                    ),
                    format::probability(d.p_worse),
                ],
            })
        })
        .collect()
}

const HEADER: [&str; 6] = [
    "Figure (all districts)",
    "A: median",
    "B: median",
    "B − A: median (90%)",
    "B − A: mean ± MC error",
    "P(B worse)",
];

fn terminal_table(arms: &[Arm], differences: &[Difference], settings: &RunSettings) -> String {
    let mut out = String::new();
    for b in &arms[1..] {
        out.push_str(&format!(
            "B − A: {} minus {}\n{} paired iterations on common random numbers, seed {}\n\n",
            b.label, arms[0].label, settings.iterations, settings.seed
        ));
        out.push_str(&table(
            &HEADER,
            &headline_rows(differences, &b.label, false),
            false,
        ));
        out.push('\n');
    }
    out.push_str("The interval is the spread of the paired difference across iterations; ± is its Monte Carlo error.\nP(B worse): share of iterations in which B is worse (higher, except for the share with no deficit).\n");
    out
}

/// `report.md`: the comparison as a reader of a paper needs it.
pub fn report_md(
    arms: &[Arm],
    differences: &[Difference],
    settings: &RunSettings,
    warnings: &[String],
    reproduce: &str,
    charts: &[Chart],
) -> String {
    let mut out = format!(
        "# Comparison: {}\n\n",
        arms.iter()
            .map(|a| a.label.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    );
    out.push_str(&format!(
        "Every scenario ran the same {} iterations with seed {} (common random numbers): iteration *i* of each is the same world wherever the scenarios agree, so each difference is formed iteration by iteration. The reference (A) is **{}**.\n\n",
        settings.iterations, settings.seed, arms[0].label
    ));
    out.push_str("## Scenarios\n\n");
    let rows: Vec<Row> = arms
        .iter()
        .enumerate()
        .map(|(i, a)| Row {
            cells: vec![
                if i == 0 {
                    "A (reference)".into()
                } else {
                    letters(arms.len())[i].clone()
                },
                a.label.clone(),
                a.scenario.origin.clone(),
                if a.scenario.overrides.is_empty() {
                    "none".into()
                } else {
                    a.scenario
                        .overrides
                        .iter()
                        .map(|o| format!("`{o}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                format!(
                    "`{}`",
                    &a.scenario.sha256[..a.scenario.sha256.len().min(12)]
                ),
            ],
        })
        .collect();
    out.push_str(&table(
        &["", "scenario", "file", "changes (--set)", "file SHA-256"],
        &rows,
        true,
    ));
    if !warnings.is_empty() {
        out.push_str("\n**Warnings**\n\n");
        for w in warnings {
            out.push_str(&format!("- {w}\n"));
        }
    }
    for b in &arms[1..] {
        out.push_str(&format!("\n## {} minus {}\n\n", b.label, arms[0].label));
        out.push_str(&table(
            &HEADER,
            &headline_rows(differences, &b.label, true),
            true,
        ));
    }
    out.push('\n');
    out.push_str(&crate::report::markdown::charts_section(charts));
    out.push_str("## How to read this\n\n");
    out.push_str("- **B − A: median (90%)** is the median of the per-iteration difference and the interval from its 5th to 95th percentile: the spread of the difference across the worlds the inputs allow.\n");
    out.push_str("- **± MC error** is the Monte Carlo standard error of the mean difference: the precision of the simulation, which more iterations shrink.\n");
    out.push_str("- **P(B worse)** is the share of iterations in which B is worse than A. Higher is worse for every figure except the share of people with no survival deficit. Ties (no difference) count as neither.\n");
    out.push_str("- Every district, wealth group and metric is in `differences.csv`.\n");
    out.push_str(&format!("\nReproduce: `{reproduce}`\n"));
    out
}
