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

/// Values kept exactly before a [`Stream`] switches to bins: the default run's
/// 1,000 iterations are summarised exactly.
pub const EXACT_LIMIT: usize = 1_000;
/// Equal-width bins between the smallest and largest of the first [`EXACT_LIMIT`]
/// values. A quantile past the limit is off by at most one bin width: (max − min) of
/// those values / `BINS`.
pub const BINS: usize = 2_048;

/// A figure summarised as its values arrive, in iteration order, in memory that does
/// not grow with their number (beyond values outside the first values' range).
///
/// The first [`EXACT_LIMIT`] values are kept and summarised exactly as [`estimate`]
/// does. After that, values inside the range of those first ones are counted in
/// [`BINS`] equal bins, and values outside it are kept exactly (a few: each new value
/// falls outside with probability about 2 / (EXACT_LIMIT + 1)). An order statistic
/// that falls in a bin is placed within the bin, so every quantile and the median's
/// interval are within one bin width of the exact ones; the mean is summed in
/// iteration order as before and the standard deviation from sums shifted by the
/// first values' mean (exact up to rounding).
#[derive(Debug, Clone, Default)]
pub struct Stream {
    n: usize,
    sum: f64,
    /// Every value while `n <= EXACT_LIMIT`; then empty.
    exact: Vec<f64>,
    bins: Option<Bins>,
}

#[derive(Debug, Clone)]
struct Bins {
    lo: f64,
    hi: f64,
    counts: Vec<u32>,
    /// Values below `lo` and above `hi`, kept exactly.
    below: Vec<f64>,
    above: Vec<f64>,
    /// The first values' mean, and the sums of (x − shift) and (x − shift)².
    shift: f64,
    s1: f64,
    s2: f64,
}

impl Bins {
    fn width(&self) -> f64 {
        (self.hi - self.lo) / BINS as f64
    }

    fn add(&mut self, x: f64) {
        let d = x - self.shift;
        self.s1 += d;
        self.s2 += d * d;
        if x < self.lo {
            self.below.push(x);
        } else if x > self.hi {
            self.above.push(x);
        } else {
            let w = self.width();
            let b = if w > 0.0 {
                (((x - self.lo) / w) as usize).min(BINS - 1)
            } else {
                0
            };
            self.counts[b] += 1;
        }
    }
}

impl Stream {
    pub fn new() -> Stream {
        Stream::default()
    }

    /// Adds one value; a non-finite one counts as 0, as in [`estimate`].
    pub fn push(&mut self, x: f64) {
        let x = if x.is_finite() { x } else { 0.0 };
        self.n += 1;
        self.sum += x;
        if let Some(b) = &mut self.bins {
            b.add(x);
            return;
        }
        self.exact.push(x);
        if self.exact.len() > EXACT_LIMIT {
            let values = std::mem::take(&mut self.exact);
            let (lo, hi) = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                    (l.min(v), h.max(v))
                });
            let mut b = Bins {
                lo,
                hi,
                counts: vec![0; BINS],
                below: Vec::new(),
                above: Vec::new(),
                shift: values.iter().sum::<f64>() / values.len() as f64,
                s1: 0.0,
                s2: 0.0,
            };
            for v in values {
                b.add(v);
            }
            self.bins = Some(b);
        }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Whether every value is still kept (the summary is exact).
    pub fn is_exact(&self) -> bool {
        self.bins.is_none()
    }

    /// The most a quantile of [`Stream::estimate`] may be off: 0 while exact.
    pub fn error_bound(&self) -> f64 {
        self.bins.as_ref().map_or(0.0, Bins::width)
    }

    /// The summary of the values so far.
    pub fn estimate(&self) -> Estimate {
        let Some(b) = &self.bins else {
            return estimate(&self.exact);
        };
        let n = self.n;
        let nf = n as f64;
        let mean = self.sum / nf;
        let var = ((b.s2 - b.s1 * b.s1 / nf) / (nf - 1.0)).max(0.0);
        let sd = var.sqrt();
        let mut below = b.below.clone();
        below.sort_by(f64::total_cmp);
        let mut above = b.above.clone();
        above.sort_by(f64::total_cmp);
        let inside = n - below.len() - above.len();
        // The k-th smallest value (1-based), or its place within its bin.
        let order = |k: usize| -> f64 {
            if k <= below.len() {
                return below[k - 1];
            }
            let k = k - below.len();
            if k > inside {
                return above[k - inside - 1];
            }
            let w = b.width();
            let mut before = 0usize;
            for (i, &c) in b.counts.iter().enumerate() {
                let c = c as usize;
                if before + c >= k {
                    let j = (k - before) as f64 - 0.5;
                    return b.lo + w * (i as f64 + j / c as f64);
                }
                before += c;
            }
            b.hi
        };
        let quantile = |p: f64| {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            let (a, z) = (order(lo + 1), order(hi + 1));
            a + (h - lo as f64) * (z - a)
        };
        let (lo, hi) = median_ci_ranks(n);
        Estimate {
            n,
            mean,
            sd,
            mc_se: sd / nf.sqrt(),
            median: quantile(0.5),
            median_ci_low: order(lo.clamp(1, n)),
            median_ci_high: order(hi.clamp(1, n)),
            p05: quantile(0.05),
            p25: quantile(0.25),
            p75: quantile(0.75),
            p95: quantile(0.95),
        }
    }
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
    fn a_stream_is_exact_up_to_the_limit() {
        let v: Vec<f64> = (0..EXACT_LIMIT)
            .map(|i| ((i * 7919) % 1000) as f64 / 3.0)
            .collect();
        let mut s = Stream::new();
        v.iter().for_each(|&x| s.push(x));
        assert!(s.is_exact());
        assert_eq!(s.estimate(), estimate(&v));
    }

    #[test]
    fn streamed_quantiles_are_within_one_bin_of_the_exact_ones() {
        // 50,000 values of a skewed distribution, shuffled by a multiplicative hash
        // so that the first 1,000 are a sample of the whole.
        let n = 50_000usize;
        let v: Vec<f64> = (0..n)
            .map(|i| {
                let u = ((i as u64 * 2_654_435_761) % n as u64) as f64 / n as f64;
                -(1.0 - u).ln() * 10.0
            })
            .collect();
        let mut s = Stream::new();
        v.iter().for_each(|&x| s.push(x));
        assert!(!s.is_exact());
        let exact = estimate(&v);
        let got = s.estimate();
        let pilot = &v[..=EXACT_LIMIT];
        let range = pilot.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
            - pilot.iter().cloned().fold(f64::INFINITY, f64::min);
        let bound = range / BINS as f64;
        assert!((s.error_bound() - bound).abs() < 1e-12);
        for (a, b) in [
            (got.median, exact.median),
            (got.p05, exact.p05),
            (got.p25, exact.p25),
            (got.p75, exact.p75),
            (got.p95, exact.p95),
            (got.median_ci_low, exact.median_ci_low),
            (got.median_ci_high, exact.median_ci_high),
        ] {
            assert!((a - b).abs() <= bound, "{a} vs {b}, bound {bound}");
        }
        assert_eq!(got.n, n);
        assert_eq!(got.mean, exact.mean);
        assert!((got.sd - exact.sd).abs() < 1e-9 * exact.sd);
    }

    #[test]
    fn a_stream_keeps_values_outside_the_first_range_exactly() {
        // The first 1,001 values are 0; then 1,000 values of 5: the median and p95 are
        // the exact 5 and p05 the exact 0.
        let mut s = Stream::new();
        (0..=EXACT_LIMIT).for_each(|_| s.push(0.0));
        (0..1_000).for_each(|_| s.push(5.0));
        let e = s.estimate();
        assert_eq!((e.p05, e.p95), (0.0, 5.0));
        assert_eq!(e.median, 0.0);
        assert_eq!(s.error_bound(), 0.0);
    }

    #[test]
    fn nan_never_reaches_a_summary() {
        let e = estimate(&[f64::NAN, 1.0, f64::INFINITY]);
        assert!(e.mean.is_finite() && e.median.is_finite());
    }
}
