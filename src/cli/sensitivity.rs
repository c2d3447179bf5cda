//! `burden sensitivity [FILE]`: which uncertain inputs drive each headline figure.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{Failure, load_scenario, progress};
use crate::analysis::sensitivity::{self, MIN_ITERATIONS, OutcomeSensitivity};
use crate::charts::{self, Chart, ChartError, tornado};
use crate::engine::{self, RunSettings};
use crate::output::{self, folder::Staging};
use crate::scenario::overrides::shell_quote;
use crate::scenario::{Scenario, catalog};
use crate::summary::{self, HEADLINES, metric};

/// The files `sensitivity` writes.
pub const FILES: &[&str] = &[
    "sensitivity.csv",
    "summary.json",
    "report.md",
    output::CHARTS_DIR,
    output::folder::MANIFEST,
];

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// Scenario file (TOML) or a shipped scenario's name (hyesan-2012). Without one, the built-in Ranam 2020 scenario.
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub sim: super::options::SimOptions,
    /// Bootstrap resamples for the confidence intervals of the indices.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(20..=10_000))]
    pub bootstrap: u64,
}

/// What an input is, in words: its meaning and the group, item or district it belongs to.
pub fn input_words(sc: &Scenario, path: &str) -> String {
    let (_, meaning) = catalog::describe(path);
    let mut owners = Vec::new();
    let index_of = |key: &str| -> Option<usize> {
        let start = path.find(&format!("{key}["))? + key.len() + 1;
        path[start..].split(']').next()?.parse().ok()
    };
    if let Some(d) = index_of("district") {
        if let Some(name) = sc.district_names().get(d) {
            owners.push(name.clone());
        }
    }
    if let Some(g) = index_of("wealth_group") {
        let names = match index_of("district") {
            Some(d) => sc.group_names(d),
            None => sc
                .file
                .wealth_group
                .iter()
                .map(|g| g.get_ref().name.clone())
                .collect(),
        };
        if let Some(name) = names.get(g) {
            owners.push(format!("{name} households"));
        }
    }
    if let Some(i) = index_of("item") {
        if let Some(it) = sc.file.package.item.get(i) {
            owners.push(it.get_ref().name.clone());
        }
    }
    let meaning = if meaning.is_empty() { path } else { meaning };
    if owners.is_empty() {
        meaning.to_string()
    } else {
        format!("{meaning} ({})", owners.join(", "))
    }
}

pub fn sensitivity(args: SensitivityArgs, sets: &[String]) -> Result<(), Failure> {
    let started = Instant::now();
    let sc = load_scenario(args.scenario.as_ref(), sets)?;
    let settings = args.sim.settings(&sc);
    let uncertain: Vec<String> = sc
        .inputs
        .iter()
        .filter(|i| i.input.is_uncertain())
        .map(|i| i.path.clone())
        .collect();
    if uncertain.is_empty() {
        return Err(Failure::input(format!(
            "{} has no uncertain inputs, so there is nothing to rank\n  = help: give an input a distribution, for example --set 'release.total=5000 to 9000'",
            sc.name()
        )));
    }
    if (settings.iterations as usize) < MIN_ITERATIONS {
        return Err(Failure::input(format!(
            "sensitivity needs at least {MIN_ITERATIONS} iterations (1000 or more for stable rankings); got {}",
            settings.iterations
        )));
    }
    let dest = args.sim.out.clone().unwrap_or_else(|| {
        output::folder::default_dest(Some("sensitivity"), &[(sc.name(), &sc.overrides)])
    });
    let mut staging =
        Staging::begin(&dest, FILES, args.sim.force).map_err(|e| Failure::input(e.to_string()))?;

    let bar = progress(
        settings.iterations,
        &format!("running {}", sc.name()),
        args.sim.quiet,
    );
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let iterations =
        engine::run(&sc, &settings, &tick).map_err(|e| Failure::running(e.to_string()))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let inputs: Vec<(String, Vec<f64>)> = uncertain
        .iter()
        .enumerate()
        .map(|(j, p)| {
            (
                p.clone(),
                iterations
                    .iter()
                    .map(|it| it.draws.get(j).copied().unwrap_or(0.0))
                    .collect(),
            )
        })
        .collect();
    let values = summary::entity_values(&sc, &iterations);
    drop(iterations);
    let total = values
        .iter()
        .find(|e| e.is_total())
        .ok_or_else(|| Failure::running("the total was not summarised (a bug)"))?;
    let outcomes: Vec<(String, Vec<f64>)> = HEADLINES
        .iter()
        .filter_map(|h| total.get(h).map(|v| (h.to_string(), v.to_vec())))
        .collect();
    let results = sensitivity::analyse(&inputs, &outcomes, args.bootstrap as usize);
    let sentences: Vec<String> = results
        .iter()
        .map(|o| {
            let label = metric(&o.metric).map_or(o.metric.as_str(), |m| m.label);
            sensitivity::sentence(label, o, |p| (input_words(&sc, p), sc.named_path(p)))
        })
        .chain(sensitivity::shared_credit(&sc))
        .collect();

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
            "burden sensitivity{file} --seed {} --iterations {} --bootstrap {}{s}",
            settings.seed, settings.iterations, args.bootstrap
        )
    };
    let n = settings.iterations as usize;
    let write_err = |e: output::folder::OutputError| Failure::running(e.to_string());
    staging
        .write("sensitivity.csv", &sensitivity_csv(&sc, &results, n))
        .map_err(write_err)?;
    let summary_json = serde_json::json!({
        "scenario": { "name": sc.name(), "file": sc.origin, "sha256": sc.sha256, "overrides": sc.overrides },
        "seed": settings.seed,
        "iterations": n,
        "bins": sensitivity::bins_for(n),
        "bootstrap_resamples": args.bootstrap,
        "bootstrap_seed": sensitivity::BOOTSTRAP_SEED,
        "outcomes_of": "the total (all districts and groups)",
        "sentences": sentences,
        "outcomes": results,
        "reproduce": reproduce,
    });
    staging
        .write("summary.json", &pretty(&summary_json))
        .map_err(write_err)?;
    let charts = sensitivity_charts(&sc, &results, &settings, args.bootstrap)
        .map_err(|e| Failure::running(e.to_string()))?;
    super::write_charts(&mut staging, &charts)?;
    staging
        .write(
            "report.md",
            report_md(
                &sc,
                &results,
                &sentences,
                n,
                args.bootstrap,
                &reproduce,
                &charts,
            )
            .as_bytes(),
        )
        .map_err(write_err)?;
    let manifest = serde_json::json!({
        "tool": "burden",
        "version": env!("CARGO_PKG_VERSION"),
        "command": "sensitivity",
        "scenario_file": sc.origin,
        "scenario_sha256": sc.sha256,
        "overrides": sc.overrides,
        "seed": settings.seed,
        "iterations": n,
        "reproduce": reproduce,
        "command_line": std::env::args().collect::<Vec<_>>().join(" "),
        "elapsed_seconds": started.elapsed().as_secs_f64(),
        "files": staging.written(),
    });
    staging
        .write(output::folder::MANIFEST, &pretty(&manifest))
        .map_err(write_err)?;
    let dest = staging.commit().map_err(write_err)?;
    if !args.sim.quiet {
        let mut text = format!(
            "What drives each headline figure of {} ({n} iterations, seed {}):\n\n",
            sc.name(),
            settings.seed
        );
        for s in &sentences {
            text.push_str(&format!("- {s}\n\n"));
        }
        text.push_str(&format!(
            "Shares of variance are first-order indices (what an input explains on its own), with 95% bootstrap intervals.\nOutputs written to {}/ in {:.1} s.\n",
            dest.display(),
            started.elapsed().as_secs_f64()
        ));
        super::say(&text);
    }
    Ok(())
}

/// The tornado chart of every headline figure's drivers.
fn sensitivity_charts(
    sc: &Scenario,
    results: &[OutcomeSensitivity],
    settings: &RunSettings,
    bootstrap: u64,
) -> Result<Vec<Chart>, ChartError> {
    let footer = charts::style::footer(
        sc.name(),
        settings.seed,
        settings.iterations,
        env!("CARGO_PKG_VERSION"),
    );
    let outcomes = results
        .iter()
        .map(|o| tornado::Outcome {
            metric: o.metric.clone(),
            varies: o.varies,
            drivers: o
                .drivers
                .iter()
                .map(|d| tornado::Driver {
                    input: sc.named_path(&d.input),
                    index: d.first_order,
                    ci_low: d.ci_low,
                    ci_high: d.ci_high,
                    distinguishable: d.distinguishable_from_zero,
                })
                .collect(),
        })
        .collect();
    let mut out = Vec::new();
    if let Some(f) = tornado::Tornado::new(outcomes, settings.iterations, bootstrap) {
        out.push(charts::render(&f, &footer)?);
    }
    Ok(out)
}

fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// `sensitivity.csv`: one row per headline figure and uncertain input, strongest first.
pub fn sensitivity_csv(sc: &Scenario, results: &[OutcomeSensitivity], n: usize) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
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
    ]);
    for o in results {
        for (rank, d) in o.drivers.iter().enumerate() {
            let _ = w.write_record([
                o.metric.clone(),
                (rank + 1).to_string(),
                d.input.clone(),
                input_words(sc, &d.input),
                d.first_order.to_string(),
                d.ci_low.to_string(),
                d.ci_high.to_string(),
                d.distinguishable_from_zero.to_string(),
                d.spearman.to_string(),
                n.to_string(),
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}

fn report_md(
    sc: &Scenario,
    results: &[OutcomeSensitivity],
    sentences: &[String],
    n: usize,
    bootstrap: u64,
    reproduce: &str,
    charts: &[Chart],
) -> String {
    let mut out = format!("# What drives the results: {}\n\n", sc.name());
    out.push_str(&format!(
        "From one run of {n} iterations: each iteration drew every uncertain input once, so the run is a sample of inputs and outcomes. Outcomes are for all districts together.\n\n"
    ));
    for s in sentences {
        out.push_str(&format!("- {s}\n"));
    }
    if !charts.is_empty() {
        out.push('\n');
        out.push_str(&crate::report::markdown::charts_section(charts));
    }
    for o in results {
        let label = metric(&o.metric).map_or(o.metric.as_str(), |m| m.label);
        out.push_str(&format!("\n## {label}\n\n"));
        if !o.varies {
            out.push_str("The same in every iteration.\n");
            continue;
        }
        out.push_str("| rank | input | share of variance on its own (95% interval) | rank correlation |\n|---|---|---|---|\n");
        for (rank, d) in o.drivers.iter().take(10).enumerate() {
            let share = if d.distinguishable_from_zero {
                format!(
                    "{:.1}% ({:.1}% to {:.1}%)",
                    d.first_order * 100.0,
                    d.ci_low * 100.0,
                    d.ci_high * 100.0
                )
            } else {
                format!(
                    "indistinguishable from zero ({:.1}% to {:.1}%)",
                    d.ci_low * 100.0,
                    d.ci_high * 100.0
                )
            };
            out.push_str(&format!(
                "| {} | {} (`{}`) | {share} | {:+.2} |\n",
                rank + 1,
                input_words(sc, &d.input),
                sc.named_path(&d.input),
                d.spearman
            ));
        }
        out.push_str(&format!(
            "\nThe first-order shares add up to {:.0}%; the rest is interactions between inputs, variation between households and chance.\n",
            o.sum_first_order * 100.0
        ));
    }
    out.push_str(&format!(
        "\n## Method\n\nFor each input, the iterations are sorted by its value and cut into {} bins of equal count; the share of the outcome's variance between the bins, corrected for the noise in the bin means, estimates the first-order index Var(E[Y | X]) / Var(Y). Its 95% interval comes from {bootstrap} bootstrap resamples of the iterations (fixed seed). An interval that includes zero means the input's effect cannot be told apart from chance with this many iterations. The rank correlation (Spearman) gives the direction: + means a larger input gives a larger outcome. Every input and outcome is in `sensitivity.csv`.\n\nReproduce: `{reproduce}`\n",
        sensitivity::bins_for(n)
    ));
    out
}
