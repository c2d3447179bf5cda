//! Before computing: how much memory and work a run needs, and whether it fits.
//!
//! The summary is built as iterations arrive (see [`crate::stats::Stream`]): each
//! reported figure (a metric of a district and wealth group, a day of a series, a role
//! figure, a point of a Lorenz curve) holds at most its first 1,000 values or a fixed
//! set of bins, whatever the number of iterations. What grows with the iterations is
//! the headline figures' values (a few numbers per iteration); `iterations.csv`'s rows
//! wait on disk. The engine holds one block of iterations' results at a time, and
//! each worker thread, for one iteration, the released people of a district and the
//! households of the inminban it simulates. A run that would not fit in the memory
//! available is refused before any computing, with a sentence saying what to change.

use crate::model::results::Cell;
use crate::scenario::world::{Domain, ParamVisitor, resolve};
use crate::scenario::{Allocation, Param, Scenario};
use crate::stats::{BINS, EXACT_LIMIT};
use crate::summary::{COPING_SERIES, HEADLINES, METRICS, SERIES};

/// Bytes of one f64.
const F64: f64 = 8.0;
/// Numbers in one iteration's results per wealth group per district: a results cell,
/// counted from its type so that a figure added to it is counted too.
const CELL_NUMBERS: f64 = (std::mem::size_of::<Cell>() / std::mem::size_of::<f64>()) as f64;
/// Numbers in one iteration's results per district besides cells and series.
const DISTRICT_NUMBERS: f64 = 20.0;
/// Day-by-day series in one iteration's results per district (coping's included).
const RESULT_SERIES: f64 = 11.0;
/// Role figures and Lorenz points summarised per place (7 roles x 10 figures, the
/// released people's 4, 21 points), with slack.
const ROLE_FIGURES: f64 = 100.0;
/// Numbers kept per iteration per headline figure: its value, twice over while the
/// vector that holds it grows.
const HEADLINE_NUMBERS: f64 = 2.0;
/// Bytes of one summarised figure, whatever the number of iterations: its first
/// values (a vector grown by doubling past EXACT_LIMIT) or its bins of 4 bytes,
/// whichever is larger, and the stream itself.
pub fn figure_bytes() -> f64 {
    let exact = (EXACT_LIMIT + 1).next_power_of_two() as f64 * F64;
    exact.max(BINS as f64 * 4.0) + 128.0
}
/// Bytes per released person while one iteration places them (entry, sort, cohorts).
const BYTES_PER_RELEASED: f64 = 48.0;
/// Bytes per household of a unit simulated day by day (the household and its path).
const BYTES_PER_UNIT_HOUSEHOLD: f64 = 200.0;
/// Bytes per sampled household standing for the households the release does not reach.
const BYTES_PER_SAMPLED_HOUSEHOLD: f64 = 100.0;
/// When /proc/meminfo cannot be read, assume this much memory is available.
pub const FALLBACK_AVAILABLE: u64 = 4 << 30;
/// Share of the available memory a run may plan to use.
pub const USABLE_SHARE: f64 = 0.8;

/// What a run will need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunEstimate {
    /// Memory that does not grow with the iterations: the summarised figures and one
    /// block of iterations' results, bytes.
    pub fixed_bytes: f64,
    /// Memory kept per iteration (the headline figures' values), bytes.
    pub per_iteration_bytes: f64,
    /// Iterations planned.
    pub iterations: u64,
    /// Memory each worker thread needs for one iteration, bytes.
    pub per_thread_bytes: f64,
    /// Worker threads.
    pub threads: usize,
    /// Households stepped through days, summed over iterations (a measure of work).
    pub household_days: f64,
    /// Released people in one district in one iteration, at the upper tail of the inputs.
    pub peak_released: f64,
    /// Households of the largest inminban (upper tail).
    pub peak_unit_households: f64,
}

impl RunEstimate {
    /// Memory kept across iterations, bytes.
    pub fn kept_bytes(&self) -> f64 {
        self.fixed_bytes + self.iterations as f64 * self.per_iteration_bytes
    }

    pub fn bytes(&self) -> f64 {
        self.kept_bytes() + self.threads as f64 * self.per_thread_bytes
    }

    /// The estimate of an analysis built on this run: one that holds `summaries` runs'
    /// worth of summarised figures and headline values at once (a comparison's runs and
    /// the streams of its paired differences), and keeps `numbers` more values per
    /// iteration (the inputs' draws and the figures that sensitivity and discover rank).
    pub fn holding(mut self, summaries: f64, numbers: usize) -> RunEstimate {
        self.fixed_bytes *= summaries;
        self.per_iteration_bytes =
            self.per_iteration_bytes * summaries + numbers as f64 * HEADLINE_NUMBERS * F64;
        self
    }
}

/// The shape of one district in one world, as far as memory and work go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistrictShape {
    pub groups: usize,
    /// Released people in the district (upper tail).
    pub released: f64,
    /// Households in one inminban (upper tail), at most the district's households.
    pub unit_households: f64,
}

/// What a scenario reports, as far as memory goes: the summary keeps streams only for
/// the metrics that apply to it (`coping_` ones need `[coping]`, `livelihood_` ones
/// `[livelihoods]`) and [`COPING_SERIES`] only under `[coping]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported {
    /// Metrics reported per place and wealth group.
    pub metrics: usize,
    /// Whether the scenario has `[coping]`, and so its day-by-day series.
    pub copes: bool,
}

impl Reported {
    /// What `sc` reports.
    pub fn of(sc: &Scenario) -> Reported {
        Reported {
            metrics: METRICS.iter().filter(|m| m.applies(sc)).count(),
            copes: sc.file.coping.is_some(),
        }
    }
}

/// The arithmetic of [`estimate`], separate so that it can be checked by hand.
#[allow(clippy::too_many_arguments)]
pub fn estimate_shapes(
    districts: &[DistrictShape],
    horizon: usize,
    reported: Reported,
    uncertain_inputs: usize,
    iterations: u64,
    threads: usize,
    unit_sample: f64,
    household_sample: f64,
) -> RunEstimate {
    let h = horizon as f64;
    let metrics = reported.metrics as f64;
    // One iteration's results, held BLOCK at a time: a block being run while the one
    // before it is summarised, and that block's values (`engine::for_each_block`).
    let result_bytes: f64 = districts
        .iter()
        .map(|d| {
            (RESULT_SERIES * h + (CELL_NUMBERS + metrics) * d.groups as f64 + DISTRICT_NUMBERS)
                * F64
        })
        .sum::<f64>()
        + uncertain_inputs as f64 * F64;
    let block = crate::engine::BLOCK as f64 * result_bytes * 3.0;
    // Figures per place: a wealth group's and the whole place's metrics, the series by
    // day (`[coping]`'s only when the scenario copes), the roles; all districts form one
    // more place when there are several.
    let coping_series = if reported.copes {
        COPING_SERIES.len()
    } else {
        0
    };
    let series = (SERIES.len() + coping_series) as f64;
    let place = |groups: f64| (groups + 1.0) * metrics + series * h + ROLE_FIGURES;
    let mut figures: f64 = districts.iter().map(|d| place(d.groups as f64)).sum();
    if districts.len() > 1 {
        let groups = districts.iter().map(|d| d.groups).max().unwrap_or(0);
        figures += place(groups as f64);
    }
    let fixed_bytes = figures * figure_bytes() + block;
    let per_iteration_bytes = HEADLINES.len() as f64 * HEADLINE_NUMBERS * F64;
    let per_thread_bytes = districts
        .iter()
        .map(|d| {
            d.released * BYTES_PER_RELEASED
                + d.unit_households * BYTES_PER_UNIT_HOUSEHOLD
                + d.groups as f64 * household_sample * BYTES_PER_SAMPLED_HOUSEHOLD
                + RESULT_SERIES * h * F64
        })
        .fold(0.0, f64::max);
    let household_days: f64 = iterations as f64
        * districts
            .iter()
            .map(|d| {
                let units = d.released.min(unit_sample);
                units * d.unit_households * h
                    + d.groups as f64 * household_sample * 2.0
                    + d.released
            })
            .sum::<f64>();
    RunEstimate {
        fixed_bytes,
        per_iteration_bytes,
        iterations,
        per_thread_bytes,
        threads: threads.max(1),
        household_days,
        peak_released: districts.iter().map(|d| d.released).fold(0.0, f64::max),
        peak_unit_households: districts
            .iter()
            .map(|d| d.unit_households)
            .fold(0.0, f64::max),
    }
}

/// Answers every input with a value from its upper tail (draws above it are rare).
struct UpperTail;

impl ParamVisitor for UpperTail {
    fn value(&mut self, _path: &str, param: &Param, domain: Domain) -> f64 {
        domain.clamp(param.get_ref().dist.high())
    }
}

/// Estimates a run of `iterations` on `threads` workers (0 means one per core).
pub fn estimate(sc: &Scenario, iterations: u64, threads: usize) -> RunEstimate {
    let world = resolve(&sc.file, &mut UpperTail);
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    let shapes: Vec<DistrictShape> = world
        .districts
        .iter()
        .map(|d| DistrictShape {
            groups: d.groups.len(),
            released: match world.allocation {
                Allocation::Counts => d.release_count,
                _ => world.released_total,
            },
            unit_households: d.households_per_inminban.min(d.households.max(1.0)),
        })
        .collect();
    let uncertain = sc.inputs.iter().filter(|i| i.input.is_uncertain()).count();
    estimate_shapes(
        &shapes,
        sc.horizon(),
        Reported::of(sc),
        uncertain,
        iterations,
        threads,
        *sc.file.engine.unit_sample.get_ref() as f64,
        *sc.file.engine.household_sample.get_ref() as f64,
    )
}

/// The environment variable that caps the memory a run may plan for, in bytes (for a
/// machine whose limit /proc/meminfo does not show, such as a container's).
pub const MEMORY_LIMIT_VAR: &str = "BURDEN_MEMORY_LIMIT";

/// Memory available to a new run, in bytes: [`MEMORY_LIMIT_VAR`] when set to a whole
/// number, else MemAvailable on Linux, else a fixed cap.
pub fn available_memory() -> u64 {
    if let Some(limit) = std::env::var(MEMORY_LIMIT_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return limit;
    }
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| mem_available(&text))
        .unwrap_or(FALLBACK_AVAILABLE)
}

/// Reads `MemAvailable:   123456 kB` from the text of /proc/meminfo.
pub fn mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// A run that would not fit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}\n  = help: {help}")]
pub struct TooBig {
    pub message: String,
    pub help: String,
}

/// Refuses a run whose estimate exceeds the usable share of `available` bytes.
pub fn check(est: &RunEstimate, horizon: usize, available: u64) -> Result<(), TooBig> {
    let usable = available as f64 * USABLE_SHARE;
    let need = est.bytes();
    if need <= usable {
        return Ok(());
    }
    let message = format!(
        "this run would need about {} of memory, but only {} is available",
        human_bytes(need),
        human_bytes(available as f64)
    );
    let per_thread = est.threads as f64 * est.per_thread_bytes;
    let help = if per_thread > usable {
        format!(
            "one iteration holds up to {} released people in a district at once (the upper tail of the release) and inminban of up to {} households; \
             narrow the release's distribution, use fewer threads (--threads 1), or check population, households and households_per_inminban for a mistake",
            crate::format::thousands(est.peak_released.round()),
            crate::format::thousands(est.peak_unit_households.round())
        )
    } else {
        let fits = ((usable - per_thread - est.fixed_bytes) / est.per_iteration_bytes)
            .floor()
            .max(0.0) as u64;
        if fits >= 1 {
            format!(
                "use fewer iterations (about {} fit: --iterations {}) or a shorter horizon_days (now {horizon})",
                crate::format::thousands(fits as f64),
                fits
            )
        } else {
            format!(
                "use a shorter horizon_days (now {horizon}) or fewer districts; not even one iteration fits"
            )
        }
    };
    Err(TooBig { message, help })
}

/// 1.5 GB, 230 MB, 12 kB.
pub fn human_bytes(b: f64) -> String {
    let units = [("GB", 1e9), ("MB", 1e6), ("kB", 1e3)];
    for (name, size) in units {
        if b >= size {
            return format!("{:.1} {name}", b / size);
        }
    }
    format!("{} bytes", b.round())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every metric and series: a scenario with `[coping]` and `[livelihoods]`.
    const ALL: Reported = Reported {
        metrics: 73,
        copes: true,
    };

    /// One district of 3 wealth groups, 100 released people, inminban of 30 households.
    fn one_district() -> DistrictShape {
        DistrictShape {
            groups: 3,
            released: 100.0,
            unit_households: 30.0,
        }
    }

    #[test]
    fn estimate_worked_by_hand() {
        // The arithmetic below assumes 73 metrics, 11 headline figures, 6 + 7 series,
        // blocks of 256 and figures of 1,024 first values or 2,048 bins.
        assert_eq!(
            (
                METRICS.len(),
                HEADLINES.len(),
                SERIES.len(),
                COPING_SERIES.len()
            ),
            (ALL.metrics, 11, 6, 7)
        );
        assert_eq!((crate::engine::BLOCK, EXACT_LIMIT, BINS), (256, 1000, 2048));
        // A figure: max(1,024 x 8, 2,048 x 4) + 128 = 8,320 bytes.
        assert_eq!(figure_bytes(), 8_320.0);
        // One district, 3 groups, horizon 120, 10 uncertain inputs, 1000 iterations.
        // Figures: (3 + 1) x 73 + 13 x 120 + 100 = 1,952; 1,952 x 8,320 = 16,240,640 bytes.
        // A results cell holds 45 numbers: 20 figures, two sets of 4 IPC-style bands,
        // two of 3 rCSI bands, 2 rCSI sums, 3 livelihoods figures and two sets of 3
        // livelihoods bands (20 + 8 + 6 + 2 + 3 + 6).
        // One iteration's results (11 series): (11 x 120 + (45 + 73) x 3 + 20) x 8 + 10 x 8
        // = 13,632; three blocks' worth (one run, one summarised, its values):
        // 256 x 13,632 x 3 = 10,469,376. Fixed: 16,240,640 + 10,469,376 = 26,710,016 bytes.
        // Per iteration: 11 x 2 x 8 = 176 bytes; kept: 26,710,016 + 176,000 = 26,886,016.
        // Per thread: 100 released x 48 + 30 x 200 + 3 x 64 x 100 + 11 x 120 x 8
        //   = 4,800 + 6,000 + 19,200 + 10,560 = 40,560 bytes; 2 threads: 81,120.
        // Work: 1000 x (min(100, 64) x 30 x 120 + 3 x 64 x 2 + 100)
        //   = 1000 x (230,400 + 384 + 100) = 230,884,000 household-days.
        let d = one_district();
        let e = estimate_shapes(&[d], 120, ALL, 10, 1000, 2, 64.0, 64.0);
        assert_eq!(CELL_NUMBERS, 45.0);
        assert_eq!(e.fixed_bytes, 26_710_016.0);
        assert_eq!(e.per_iteration_bytes, 176.0);
        assert_eq!(e.kept_bytes(), 26_886_016.0);
        assert_eq!(e.per_thread_bytes, 40_560.0);
        assert_eq!(e.bytes(), 26_967_136.0);
        assert_eq!(e.household_days, 230_884_000.0);
        assert_eq!(e.peak_released, 100.0);
    }

    /// A scenario without `[coping]` or `[livelihoods]` is charged neither for the 9
    /// `coping_` metrics (19+, 4+ and mean rCSI, each with, without and attributable)
    /// and the 12 `livelihood_` ones (deficit with, without, attributable; threshold;
    /// resources with and without; none, under 80% and 80% or more, with and without),
    /// nor for the 7 coping series: 73 − 9 − 12 = 52 metrics and 6 series.
    #[test]
    fn a_scenario_without_coping_is_not_charged_for_its_figures() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/dprk-2020.toml");
        let sc = crate::scenario::load::load_path(&path).expect("the shipped scenario loads");
        let plain = Reported {
            metrics: 52,
            copes: false,
        };
        assert_eq!(Reported::of(&sc), plain);
        // As estimate_worked_by_hand, with 52 metrics and 6 series. Figures:
        // (3 + 1) x 52 + 6 x 120 + 100 = 1,028; 1,028 x 8,320 = 8,552,960 bytes.
        // One iteration's results: (11 x 120 + (45 + 52) x 3 + 20) x 8 + 10 x 8 = 13,128;
        // three blocks' worth: 256 x 13,128 x 3 = 10,082,304. Fixed: 18,635,264 bytes; with
        // 1000 iterations of 176 bytes and 2 threads of 40,560: 18,892,384.
        let e = estimate_shapes(&[one_district()], 120, plain, 10, 1000, 2, 64.0, 64.0);
        assert_eq!(e.fixed_bytes, 18_635_264.0);
        assert_eq!(e.bytes(), 18_892_384.0);
    }

    #[test]
    fn an_analysis_holds_its_summaries_and_its_numbers_per_iteration() {
        // A comparison of two scenarios holds 2 runs' figures and 3 streams per paired
        // figure: 5 summaries. Fixed: 26,710,016 x 5 = 133,550,080 bytes (see
        // estimate_worked_by_hand). Per iteration: 176 x 5 = 880 bytes.
        let d = one_district();
        let e = estimate_shapes(&[d], 120, ALL, 10, 1000, 2, 64.0, 64.0).holding(5.0, 0);
        assert_eq!(e.fixed_bytes, 133_550_080.0);
        assert_eq!(e.per_iteration_bytes, 880.0);
        // Sensitivity on 10 inputs and 11 figures, 2 threads each sorting 5 columns:
        // 10 + 11 + 10 = 31 numbers x 2 x 8 = 496 more bytes per iteration.
        let e = estimate_shapes(&[d], 120, ALL, 10, 1000, 2, 64.0, 64.0).holding(1.0, 31);
        assert_eq!(e.fixed_bytes, 26_710_016.0);
        assert_eq!(e.per_iteration_bytes, 176.0 + 496.0);
        assert_eq!(e.kept_bytes(), 26_710_016.0 + 672_000.0);
    }

    #[test]
    fn memory_grows_by_the_headline_figures_only() {
        let d = one_district();
        let a = estimate_shapes(&[d], 120, ALL, 10, 10_000, 1, 64.0, 64.0);
        let b = estimate_shapes(&[d], 120, ALL, 10, 1_000_000, 1, 64.0, 64.0);
        // 990,000 more iterations x 176 bytes.
        assert_eq!(b.bytes() - a.bytes(), 174_240_000.0);
    }

    #[test]
    fn too_many_iterations_are_refused_with_a_count_that_fits() {
        let d = one_district();
        // 1,000,000 iterations: 26,710,016 + 176,000,000 + 81,120 = 202,791,136 bytes.
        let e = estimate_shapes(&[d], 120, ALL, 10, 1_000_000, 2, 64.0, 64.0);
        // 100 MB available, 80 MB usable: (80,000,000 - 81,120 - 26,710,016) / 176
        // = 302,323.1 -> 302,323.
        let err = check(&e, 120, 100_000_000).unwrap_err();
        assert_eq!(
            err.message,
            "this run would need about 202.8 MB of memory, but only 100.0 MB is available"
        );
        assert!(err.help.contains("--iterations 302323"), "{}", err.help);
        assert!(check(&e, 120, 300_000_000).is_ok());
        // 10 MB: not even the figures fit, whatever the iterations.
        let err = check(&e, 120, 10_000_000).unwrap_err();
        assert!(
            err.help.contains("not even one iteration fits"),
            "{}",
            err.help
        );
    }

    #[test]
    fn a_million_national_iterations_fit_in_500_mb() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/dprk-2020.toml");
        let sc = crate::scenario::load::load_path(&path).expect("the shipped scenario loads");
        let e = estimate(&sc, 1_000_000, 2);
        assert!(e.bytes() < 500e6, "{}", human_bytes(e.bytes()));
        // Ten times the iterations add only the headline figures' values.
        let small = estimate(&sc, 100_000, 2);
        assert_eq!(e.bytes() - small.bytes(), 900_000.0 * e.per_iteration_bytes);
    }

    #[test]
    fn meminfo_is_read() {
        let text = "MemTotal:       24000000 kB\nMemFree:  1000 kB\nMemAvailable:   2000 kB\n";
        assert_eq!(mem_available(text), Some(2_048_000));
        assert_eq!(mem_available("nothing"), None);
    }
}
