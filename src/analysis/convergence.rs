//! `run --precision X`: enough iterations for every headline figure.
//!
//! The run proceeds in blocks; after each block the Monte Carlo standard error of
//! each headline figure's mean (on the total) is compared with X times the mean's
//! size. A figure has converged when se ≤ X·|mean|; a figure that is exactly zero in
//! every iteration (se = 0 and mean = 0) has converged too. Because the error
//! shrinks as 1/√n, a figure at relative error r after n iterations needs about
//! n·(r/X)² in all. Iterations are numbered from 0 whatever the blocks, so the run
//! is reproduced exactly by `burden run --iterations N` with the N it stopped at.

use serde::Serialize;

use crate::stats::{Z975, mean_sd};

/// Iterations in the first block (and the smallest later block).
pub const BLOCK: u64 = 100;

/// Where one figure stands.
#[derive(Debug, Clone, Serialize)]
pub struct FigureStatus {
    pub metric: String,
    pub iterations: u64,
    pub mean: f64,
    pub mc_se: f64,
    /// mc_se / |mean|; None when the mean is zero.
    pub relative_error: Option<f64>,
    pub converged: bool,
    /// Estimated iterations in all for the target (None when converged or unknown).
    pub iterations_needed: Option<u64>,
}

/// The status of one figure from its per-iteration values.
pub fn status(metric: &str, values: &[f64], target: f64) -> FigureStatus {
    let (mean, _, se) = mean_sd(values);
    let n = values.len() as u64;
    let relative_error = (mean != 0.0).then(|| se / mean.abs());
    let converged = match relative_error {
        Some(r) => r <= target,
        None => se == 0.0,
    };
    let iterations_needed = match relative_error {
        Some(r) if !converged => Some(((n as f64) * (r / target).powi(2)).ceil() as u64),
        _ => None,
    };
    FigureStatus {
        metric: metric.to_string(),
        iterations: n,
        mean,
        mc_se: se,
        relative_error,
        converged,
        iterations_needed,
    }
}

/// The size of the next block: the most any unconverged figure still needs, at
/// least [`BLOCK`], at most doubling the run, never beyond `max`.
pub fn next_block(done: u64, statuses: &[FigureStatus], max: u64) -> u64 {
    if done == 0 {
        return BLOCK.min(max);
    }
    let wanted = statuses
        .iter()
        .filter(|s| !s.converged)
        .map(|s| s.iterations_needed.unwrap_or(2 * done))
        .max()
        .unwrap_or(done);
    wanted
        .saturating_sub(done)
        .clamp(BLOCK, done.max(BLOCK))
        .min(max.saturating_sub(done))
}

/// One point of the convergence chart: the running estimate and its 95% band.
#[derive(Debug, Clone, Serialize)]
pub struct Checkpoint {
    pub iterations: u64,
    pub metric: String,
    pub mean: f64,
    pub mc_se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

impl Checkpoint {
    pub fn from_status(s: &FigureStatus) -> Checkpoint {
        Checkpoint {
            iterations: s.iterations,
            metric: s.metric.clone(),
            mean: s.mean,
            mc_se: s.mc_se,
            ci_low: s.mean - Z975 * s.mc_se,
            ci_high: s.mean + Z975 * s.mc_se,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_by_hand() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sd sqrt(32/7), se = sd / sqrt(8) = 0.756.
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let s = status("x", &v, 0.1);
        let r = (32.0f64 / 7.0).sqrt() / 8f64.sqrt() / 5.0;
        assert!((s.relative_error.unwrap() - r).abs() < 1e-12);
        assert!(!s.converged);
        // 8 x (0.1512 / 0.1)^2 = 18.3 -> 19 iterations in all.
        assert_eq!(s.iterations_needed, Some(19));
        assert!(status("x", &v, 0.2).converged);
    }

    #[test]
    fn zero_everywhere_has_converged() {
        let s = status("incidents", &[0.0; 10], 0.01);
        assert!(s.converged && s.relative_error.is_none());
        let s = status("balanced", &[1.0, -1.0], 0.01);
        assert!(!s.converged);
    }

    #[test]
    fn blocks_grow_but_at_most_double() {
        let s = status("x", &[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], 0.001);
        assert_eq!(next_block(0, &[], 1000), 100);
        assert_eq!(next_block(100, std::slice::from_ref(&s), 100_000), 100);
        assert_eq!(next_block(400, std::slice::from_ref(&s), 100_000), 400);
        assert_eq!(next_block(400, std::slice::from_ref(&s), 500), 100);
        assert_eq!(next_block(500, std::slice::from_ref(&s), 500), 0);
    }
}
