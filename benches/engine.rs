//! Benchmarks: one iteration of each shipped scenario, the whole national run, and the
//! floor (the household-day update alone). Run with `cargo bench`; the figures and the
//! machine they were measured on are in the README's "Performance" section and in
//! `benches/baseline.json`.

use std::hint::black_box;

use burden::engine::{RunSettings, run};
use burden::model::{Fidelity, run_iteration};
use burden::scenario::{Scenario, load_path};

fn main() {
    divan::main();
}

fn scenario(name: &str) -> Scenario {
    let path = format!("{}/scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    load_path(std::path::Path::new(&path)).expect("shipped scenario loads")
}

/// One iteration of each shipped scenario (fast engine, one thread).
#[divan::bench(args = ["ranam-2020", "hyesan-2012", "dprk-2020"], sample_count = 30, sample_size = 5)]
fn one_iteration(bencher: divan::Bencher, name: &str) {
    let sc = scenario(name);
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        black_box(run_iteration(&sc, 1, i, Fidelity::Fast))
    });
}

/// One national iteration without the `[calendar]` section: the work model version 1's
/// `one_iteration/dprk-2020` measured (`benches/baseline.json`), for a like-for-like
/// comparison of the engine across model versions.
#[divan::bench(sample_count = 30, sample_size = 5)]
fn national_iteration_without_calendar(bencher: divan::Bencher) {
    let path = format!("{}/scenarios/dprk-2020.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("reads");
    let sc = burden::scenario::load_str("no-calendar", &without_section(&text, "[calendar]"))
        .expect("loads");
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        black_box(run_iteration(&sc, 1, i, Fidelity::Fast))
    });
}

/// A scenario's text without one `[section]` (up to the next section header).
fn without_section(text: &str, header: &str) -> String {
    let mut skipping = false;
    text.lines()
        .filter(|l| {
            if l.starts_with('[') {
                skipping = l.trim() == header;
            }
            !skipping
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The national scenario at its default 1,000 iterations, on 1 and 2 threads.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn national_run(bencher: divan::Bencher, threads: usize) {
    let sc = scenario("dprk-2020");
    let mut s = RunSettings::from_scenario(&sc);
    s.threads = threads;
    bencher.bench_local(|| black_box(run(&sc, &s, &|| {}).expect("runs")));
}

/// The national run as the commands do it: the engine with each block of iterations
/// summarised (percentiles, series, role tables) while the workers run the next block,
/// which `national_run` leaves out. No files are written.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn national_run_summarised(bencher: divan::Bencher, threads: usize) {
    let sc = scenario("dprk-2020");
    let mut s = RunSettings::from_scenario(&sc);
    s.threads = threads;
    bencher.bench_local(|| {
        black_box(burden::analysis::run::run(sc.clone(), s.clone(), &|| {}).expect("runs"))
    });
}

/// The national scenario with every province's population doubled: the cost must not
/// grow with the population.
#[divan::bench(sample_count = 30, sample_size = 5)]
fn national_iteration_double_population(bencher: divan::Bencher) {
    let path = format!("{}/scenarios/dprk-2020.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("reads");
    let doubled = double_populations(&text);
    let sc = burden::scenario::load_str("doubled", &doubled).expect("loads");
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        black_box(run_iteration(&sc, 1, i, Fidelity::Fast))
    });
}

fn double_populations(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("population = { value = ") {
            Some(rest) => {
                let (n, tail) = rest.split_once(',').expect("population line");
                format!(
                    "population = {{ value = {}, {tail}",
                    2 * n.trim().parse::<u64>().expect("number")
                )
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The floor: one household-day of the daily loop (acquire, eat, check the stock) on
/// 30 households, the least any day-by-day simulation of a unit must do.
#[divan::bench(sample_count = 50, sample_size = 200)]
fn floor_unit_day(bencher: divan::Bencher) {
    let need = [2100.0f64 * 3.97; 30];
    let acq: Vec<f64> = (0..30).map(|i| need[i] * (0.6 + 0.01 * i as f64)).collect();
    let mut stock: Vec<f64> = (0..30).map(|i| need[i] * (5.0 + i as f64)).collect();
    let mut deficit = [0.0f64; 30];
    let mut out = [u32::MAX; 30];
    let mut day = 0u32;
    bencher.bench_local(|| {
        for h in 0..30 {
            let s = stock[h] + acq[h];
            if s >= need[h] {
                stock[h] = s - need[h];
            } else {
                deficit[h] += need[h] - s.max(0.0);
                stock[h] = 0.0;
            }
            if stock[h] <= 1e-9 * need[h] && out[h] == u32::MAX {
                out[h] = day;
            }
        }
        day += 1;
        black_box((&stock, &deficit, &out));
    });
}
