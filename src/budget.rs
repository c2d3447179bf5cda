//! Before computing: how much memory and work a run needs, and whether it fits.
//!
//! The engine keeps every iteration's results (per district: one cell per wealth group
//! and five day-by-day series) until the summary is made, and the summary and the
//! outputs hold about two more copies. Each worker thread also holds, for one
//! iteration, the released people of a district and the households of the inminban it
//! simulates. A run that would not fit in the memory available is refused before any
//! computing, with a sentence saying what to change.

use crate::scenario::world::{Domain, ParamVisitor, resolve};
use crate::scenario::{Allocation, Param, Scenario};

/// Bytes of one f64.
const F64: f64 = 8.0;
/// Numbers kept per wealth group per district and iteration (a results cell, with slack).
const CELL_NUMBERS: f64 = 30.0;
/// Numbers kept per district and iteration besides cells and series.
const DISTRICT_NUMBERS: f64 = 20.0;
/// Day-by-day series kept per district and iteration.
const SERIES: f64 = 5.0;
/// Copies of the results alive at once: the results, the summary's values, the output text.
const COPIES: f64 = 3.0;
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
    /// Memory kept across iterations (results and their summaries), bytes.
    pub kept_bytes: f64,
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
    pub fn bytes(&self) -> f64 {
        self.kept_bytes + self.threads as f64 * self.per_thread_bytes
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

/// The arithmetic of [`estimate`], separate so that it can be checked by hand.
pub fn estimate_shapes(
    districts: &[DistrictShape],
    horizon: usize,
    uncertain_inputs: usize,
    iterations: u64,
    threads: usize,
    unit_sample: f64,
    household_sample: f64,
) -> RunEstimate {
    let h = horizon as f64;
    let per_iteration: f64 = districts
        .iter()
        .map(|d| (SERIES * h + CELL_NUMBERS * d.groups as f64 + DISTRICT_NUMBERS) * F64)
        .sum::<f64>()
        + uncertain_inputs as f64 * F64;
    let kept_bytes = iterations as f64 * per_iteration * COPIES;
    let per_thread_bytes = districts
        .iter()
        .map(|d| {
            d.released * BYTES_PER_RELEASED
                + d.unit_households * BYTES_PER_UNIT_HOUSEHOLD
                + d.groups as f64 * household_sample * BYTES_PER_SAMPLED_HOUSEHOLD
                + SERIES * h * F64
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
        kept_bytes,
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
        uncertain,
        iterations,
        threads,
        *sc.file.engine.unit_sample.get_ref() as f64,
        *sc.file.engine.household_sample.get_ref() as f64,
    )
}

/// Memory available to a new run, in bytes: MemAvailable on Linux, else a fixed cap.
pub fn available_memory() -> u64 {
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
pub fn check(
    est: &RunEstimate,
    iterations: u64,
    horizon: usize,
    available: u64,
) -> Result<(), TooBig> {
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
        let per_iteration = est.kept_bytes / iterations.max(1) as f64;
        let fits = ((usable - per_thread) / per_iteration).floor().max(0.0) as u64;
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

    #[test]
    fn estimate_worked_by_hand() {
        // One district, 3 groups, horizon 120, 10 uncertain inputs, 1000 iterations:
        // per iteration (5 x 120 + 30 x 3 + 20) x 8 + 10 x 8 = 710 x 8 + 80 = 5,760 bytes;
        // kept: 1000 x 5,760 x 3 = 17,280,000 bytes.
        // Per thread: 100 released x 48 + 30 x 200 + 3 x 64 x 100 + 5 x 120 x 8
        //   = 4,800 + 6,000 + 19,200 + 4,800 = 34,800 bytes; 2 threads: 69,600.
        // Work: 1000 x (min(100, 64) x 30 x 120 + 3 x 64 x 2 + 100)
        //   = 1000 x (230,400 + 384 + 100) = 230,884,000 household-days.
        let d = DistrictShape {
            groups: 3,
            released: 100.0,
            unit_households: 30.0,
        };
        let e = estimate_shapes(&[d], 120, 10, 1000, 2, 64.0, 64.0);
        assert_eq!(e.kept_bytes, 17_280_000.0);
        assert_eq!(e.per_thread_bytes, 34_800.0);
        assert_eq!(e.bytes(), 17_349_600.0);
        assert_eq!(e.household_days, 230_884_000.0);
        assert_eq!(e.peak_released, 100.0);
    }

    #[test]
    fn too_many_iterations_are_refused_with_a_count_that_fits() {
        let d = DistrictShape {
            groups: 3,
            released: 100.0,
            unit_households: 30.0,
        };
        let e = estimate_shapes(&[d], 120, 10, 1000, 2, 64.0, 64.0);
        // 10 MB available, 8 MB usable: (8,000,000 - 69,600) / 17,280 = 458.9 -> 458.
        let err = check(&e, 1000, 120, 10_000_000).unwrap_err();
        assert_eq!(
            err.message,
            "this run would need about 17.3 MB of memory, but only 10.0 MB is available"
        );
        assert!(err.help.contains("--iterations 458"), "{}", err.help);
        assert!(check(&e, 1000, 120, 30_000_000).is_ok());
    }

    #[test]
    fn meminfo_is_read() {
        let text = "MemTotal:       24000000 kB\nMemFree:  1000 kB\nMemAvailable:   2000 kB\n";
        assert_eq!(mem_available(text), Some(2_048_000));
        assert_eq!(mem_available("nothing"), None);
    }
}
