//! Summaries across iterations: quantiles, the mean and the Monte Carlo error.
//!
//! Two different uncertainties are reported for every figure: the *spread* of
//! outcomes across iterations (the 5th to 95th percentile) and the *precision* of
//! the estimate itself (the Monte Carlo standard error of the mean, and an
//! order-statistic confidence interval for the median). More iterations shrink the
//! second, never the first.

use serde::Serialize;

/// z for a two-sided 95% interval.
pub const Z975: f64 = 1.959_963_984_540_054;

/// A figure summarised across iterations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
    /// Monte Carlo standard error of the mean: sd / sqrt(n).
    pub mc_se: f64,
    pub median: f64,
    /// 95% confidence interval of the median from order statistics.
    pub median_ci_low: f64,
    pub median_ci_high: f64,
    pub p05: f64,
    pub p25: f64,
    pub p75: f64,
    pub p95: f64,
}

/// Quantile of sorted values by linear interpolation between order statistics
/// (Hyndman and Fan type 7, the default of R and NumPy).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Mean, standard deviation (n - 1) and the mean's standard error, summed in order.
pub fn mean_sd(values: &[f64]) -> (f64, f64, f64) {
    let n = values.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return (mean, 0.0, 0.0);
    }
    let var = values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let sd = var.sqrt();
    (mean, sd, sd / (n as f64).sqrt())
}

/// Summarises values given in iteration order. Non-finite values are treated as 0 so
/// that no NaN or infinity reaches an output (the model produces none by design).
pub fn estimate(values: &[f64]) -> Estimate {
    let clean: Vec<f64> = values
        .iter()
        .map(|x| if x.is_finite() { *x } else { 0.0 })
        .collect();
    let (mean, sd, mc_se) = mean_sd(&clean);
    let mut sorted = clean;
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let (lo, hi) = median_ci_ranks(n);
    let at = |r: usize| {
        if n == 0 {
            0.0
        } else {
            sorted[r.clamp(1, n) - 1]
        }
    };
    Estimate {
        n,
        mean,
        sd,
        mc_se,
        median: quantile_sorted(&sorted, 0.5),
        median_ci_low: at(lo),
        median_ci_high: at(hi),
        p05: quantile_sorted(&sorted, 0.05),
        p25: quantile_sorted(&sorted, 0.25),
        p75: quantile_sorted(&sorted, 0.75),
        p95: quantile_sorted(&sorted, 0.95),
    }
}

/// 1-based ranks of the order statistics bounding a 95% interval for the median
/// (normal approximation to the binomial).
pub fn median_ci_ranks(n: usize) -> (usize, usize) {
    let half = Z975 * (n as f64).sqrt() / 2.0;
    let lo = ((n as f64) / 2.0 - half).floor().max(1.0) as usize;
    let hi = ((n as f64) / 2.0 + half + 1.0).ceil().min(n as f64) as usize;
    (lo, hi.max(lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_r_type_7() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        // R: quantile(1:10, c(.05, .25, .5, .95)) = 1.45 3.25 5.5 9.55
        assert!((quantile_sorted(&v, 0.05) - 1.45).abs() < 1e-12);
        assert!((quantile_sorted(&v, 0.25) - 3.25).abs() < 1e-12);
        assert!((quantile_sorted(&v, 0.5) - 5.5).abs() < 1e-12);
        assert!((quantile_sorted(&v, 0.95) - 9.55).abs() < 1e-12);
    }

    #[test]
    fn mean_and_standard_error_by_hand() {
        // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7.
        let (m, sd, se) = mean_sd(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert!((m - 5.0).abs() < 1e-12);
        assert!((sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        assert!((se - sd / 8f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn median_interval_covers_the_median() {
        let v: Vec<f64> = (0..1000).map(f64::from).collect();
        let e = estimate(&v);
        assert!(e.median_ci_low < e.median && e.median < e.median_ci_high);
        // For n = 1000 the ranks are about 469 and 532.
        let (lo, hi) = median_ci_ranks(1000);
        assert!(
            (468..=470).contains(&lo) && (531..=533).contains(&hi),
            "{lo} {hi}"
        );
    }

    #[test]
    fn nan_never_reaches_a_summary() {
        let e = estimate(&[f64::NAN, 1.0, f64::INFINITY]);
        assert!(e.mean.is_finite() && e.median.is_finite());
    }
}
