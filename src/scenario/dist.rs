//! Probability distributions for uncertain inputs, and their shorthand.
//!
//! A scenario input is either a fixed number or one of these distributions. The
//! shorthand `"a to b"` is a lognormal with `a` and `b` as its 5th and 95th
//! percentiles (Squiggle's convention); it needs `0 < a < b`, because a bound at or
//! below zero cannot be a lognormal percentile and silently turning it into a
//! normal is the trap this tool refuses to fall into.

use rand::Rng;
use rand_distr::{Beta, Distribution, LogNormal, Normal, Pert, Triangular};
use serde::Serialize;

use crate::model::rng::normal_quantile;

/// The z-score of the 95th percentile of a standard normal.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// A distribution (or a fixed value) for one numeric input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dist {
    Fixed {
        value: f64,
    },
    Uniform {
        min: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    Pert {
        min: f64,
        mode: f64,
        max: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    /// Lognormal in terms of the underlying normal's `mu` and `sigma`.
    Lognormal {
        mu: f64,
        sigma: f64,
    },
    Beta {
        alpha: f64,
        beta: f64,
    },
}

/// Parameters that make no lognormal.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DistError {
    /// A range with a bound at or below zero; the loader adds how to write such a
    /// range, which depends on the input's domain.
    #[error(
        "`{} to {}` is a range, which \"a to b\" makes a lognormal, whose percentiles must both be above zero",
        fmt_num(*low),
        fmt_num(*high)
    )]
    LognormalFromZero { low: f64, high: f64 },
    #[error(
        "in `{low} to {high}` the first number (the 5th percentile) must be smaller than the second (the 95th percentile)"
    )]
    RangeReversed { low: f64, high: f64 },
    #[error(
        "a lognormal given by median and p95 needs 0 < median < p95 (got median = {median}, p95 = {p95})"
    )]
    MedianAboveP95 { median: f64, p95: f64 },
    #[error(
        "a lognormal given by mean and sd needs both above zero (got mean = {mean}, sd = {sd})"
    )]
    MeanSdNotPositive { mean: f64, sd: f64 },
}

impl Dist {
    /// A lognormal whose 5th and 95th percentiles are `p05` and `p95`.
    pub fn lognormal_from_p05_p95(p05: f64, p95: f64) -> Result<Dist, DistError> {
        if !(p05 > 0.0 && p95 > 0.0) {
            return Err(DistError::LognormalFromZero {
                low: p05,
                high: p95,
            });
        }
        if p05 >= p95 {
            return Err(DistError::RangeReversed {
                low: p05,
                high: p95,
            });
        }
        let mu = (p05.ln() + p95.ln()) / 2.0;
        let sigma = (p95.ln() - p05.ln()) / (2.0 * Z95);
        Ok(Dist::Lognormal { mu, sigma })
    }

    /// A lognormal with the given median and 95th percentile.
    pub fn lognormal_from_median_p95(median: f64, p95: f64) -> Result<Dist, DistError> {
        if !(median > 0.0 && p95 > median) {
            return Err(DistError::MedianAboveP95 { median, p95 });
        }
        Ok(Dist::Lognormal {
            mu: median.ln(),
            sigma: (p95 / median).ln() / Z95,
        })
    }

    /// A lognormal with the given mean and standard deviation.
    pub fn lognormal_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, DistError> {
        if !(mean > 0.0 && sd > 0.0) {
            return Err(DistError::MeanSdNotPositive { mean, sd });
        }
        let sigma2 = (1.0 + (sd / mean).powi(2)).ln();
        Ok(Dist::Lognormal {
            mu: mean.ln() - sigma2 / 2.0,
            sigma: sigma2.sqrt(),
        })
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Dist::Fixed { .. })
    }

    /// Draws one value. Parameters were checked when the scenario was loaded, so
    /// construction cannot fail here; a degenerate case falls back to the centre.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            Dist::Fixed { value } => value,
            Dist::Uniform { min, max } => {
                let u: f64 = unit(rng);
                min + (max - min) * u
            }
            Dist::Triangular { min, mode, max } => match Triangular::new(min, max, mode) {
                Ok(d) => d.sample(rng),
                Err(_) => mode,
            },
            Dist::Pert { min, mode, max } => match Pert::new(min, max).with_mode(mode) {
                Ok(d) => d.sample(rng),
                Err(_) => mode,
            },
            Dist::Normal { mean, sd } => match Normal::new(mean, sd) {
                Ok(d) => d.sample(rng),
                Err(_) => mean,
            },
            Dist::Lognormal { mu, sigma } => match LogNormal::new(mu, sigma) {
                Ok(d) => d.sample(rng),
                Err(_) => mu.exp(),
            },
            Dist::Beta { alpha, beta } => match Beta::new(alpha, beta) {
                Ok(d) => d.sample(rng),
                Err(_) => alpha / (alpha + beta),
            },
        }
    }

    /// The inverse distribution function: the value below which a share `u` of draws
    /// falls (`u` in (0, 1)). A Gaussian copula feeds correlated uniforms through it, so
    /// each input keeps its own distribution exactly.
    pub fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON / 2.0);
        match *self {
            Dist::Fixed { value } => value,
            Dist::Uniform { min, max } => min + (max - min) * u,
            Dist::Triangular { min, mode, max } => {
                let range = max - min;
                if range.is_nan() || range <= 0.0 {
                    return mode;
                }
                let left = (mode - min) / range;
                if u < left {
                    min + (u * range * (mode - min)).sqrt()
                } else {
                    max - ((1.0 - u) * range * (max - mode)).sqrt()
                }
            }
            Dist::Pert { min, mode, max } => {
                let range = max - min;
                if range.is_nan() || range <= 0.0 {
                    return mode;
                }
                // rand_distr's PERT: a beta on [min, max] with shape 4.
                let alpha = 1.0 + 4.0 * (mode - min) / range;
                let beta = 1.0 + 4.0 * (max - mode) / range;
                min + range * beta_quantile(alpha, beta, u)
            }
            Dist::Normal { mean, sd } => mean + sd * normal_quantile(u),
            Dist::Lognormal { mu, sigma } => (mu + sigma * normal_quantile(u)).exp(),
            Dist::Beta { alpha, beta } => beta_quantile(alpha, beta, u),
        }
    }

    /// The central value: the fixed value, the median of a lognormal, otherwise the mean.
    pub fn centre(&self) -> f64 {
        match *self {
            Dist::Fixed { value } => value,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert { min, mode, max } => (min + 4.0 * mode + max) / 6.0,
            Dist::Normal { mean, .. } => mean,
            Dist::Lognormal { mu, .. } => mu.exp(),
            Dist::Beta { alpha, beta } => alpha / (alpha + beta),
        }
    }

    /// A value from the far upper tail (about 1 draw in 30,000 exceeds it for a normal),
    /// used to plan memory before a run.
    pub fn high(&self) -> f64 {
        match *self {
            Dist::Fixed { value } => value,
            Dist::Uniform { max, .. } | Dist::Triangular { max, .. } | Dist::Pert { max, .. } => {
                max
            }
            Dist::Normal { mean, sd } => mean + 4.0 * sd,
            Dist::Lognormal { mu, sigma } => (mu + 4.0 * sigma).exp(),
            Dist::Beta { .. } => 1.0,
        }
    }

    /// The smallest and largest values the distribution can take.
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Dist::Fixed { value } => (value, value),
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Pert { min, max, .. } => (min, max),
            Dist::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Dist::Lognormal { .. } => (0.0, f64::INFINITY),
            Dist::Beta { .. } => (0.0, 1.0),
        }
    }

    /// A short human description, as the report's assumptions table shows it.
    pub fn describe(&self) -> String {
        match *self {
            Dist::Fixed { value } => fmt_num(value),
            Dist::Uniform { min, max } => format!("uniform {} to {}", fmt_num(min), fmt_num(max)),
            Dist::Triangular { min, mode, max } => format!(
                "triangular {} / {} / {} (min / mode / max)",
                fmt_num(min),
                fmt_num(mode),
                fmt_num(max)
            ),
            Dist::Pert { min, mode, max } => format!(
                "PERT {} / {} / {} (min / mode / max)",
                fmt_num(min),
                fmt_num(mode),
                fmt_num(max)
            ),
            Dist::Normal { mean, sd } => {
                format!("normal mean {} sd {}", fmt_num(mean), fmt_num(sd))
            }
            Dist::Lognormal { mu, sigma } => format!(
                "lognormal {} to {} (5th to 95th percentile)",
                fmt_num((mu - Z95 * sigma).exp()),
                fmt_num((mu + Z95 * sigma).exp())
            ),
            Dist::Beta { alpha, beta } => format!("beta({}, {})", fmt_num(alpha), fmt_num(beta)),
        }
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction
/// (Numerical Recipes, 3rd ed., section 6.4).
pub fn beta_cdf(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front =
        libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_fraction(a, b, x) / a
    } else {
        1.0 - ln_front.exp() * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / if d.abs() < TINY { TINY } else { d };
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        for num in [
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0)),
        ] {
            d = 1.0 + num * d;
            d = 1.0 / if d.abs() < TINY { TINY } else { d };
            c = 1.0 + num / c;
            c = if c.abs() < TINY { TINY } else { c };
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The inverse of [`beta_cdf`] in x, by bisection (the function is increasing).
fn beta_quantile(a: f64, b: f64, u: f64) -> f64 {
    if a.is_nan() || b.is_nan() || a <= 0.0 || b <= 0.0 {
        return a / (a + b);
    }
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..64 {
        let mid = (lo + hi) / 2.0;
        if beta_cdf(a, b, mid) < u {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// A uniform draw in [0, 1).
pub fn unit<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    // 53 random bits, the standard construction; avoids depending on `RngExt` here.
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Formats a number compactly: integers without decimals, others with up to 4 significant digits.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    if x.abs() >= 1e15 || (x != 0.0 && x.abs() < 1e-8) {
        return format!("{x:e}");
    }
    let digits = if x.abs() >= 100.0 {
        1
    } else if x.abs() >= 1.0 {
        2
    } else {
        (4 - x.abs().log10().floor() as i32 - 1).clamp(2, 8) as usize
    };
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn shorthand_percentiles_are_the_bounds() {
        let Dist::Lognormal { mu, sigma } = Dist::lognormal_from_p05_p95(5.0, 10.0).unwrap() else {
            panic!("not a lognormal")
        };
        assert!(((mu - Z95 * sigma).exp() - 5.0).abs() < 1e-9);
        assert!(((mu + Z95 * sigma).exp() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn shorthand_refuses_zero_bound() {
        let err = Dist::lognormal_from_p05_p95(0.0, 10.0).unwrap_err();
        assert_eq!(
            err,
            DistError::LognormalFromZero {
                low: 0.0,
                high: 10.0
            }
        );
        assert_eq!(
            err.to_string(),
            "`0 to 10` is a range, which \"a to b\" makes a lognormal, whose percentiles must both be above zero"
        );
    }

    #[test]
    fn lognormal_mean_sd_round_trips_by_sampling() {
        let d = Dist::lognormal_from_mean_sd(10.0, 3.0).unwrap();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
        assert!((mean - 10.0).abs() < 0.05, "{mean}");
        assert!((sd - 3.0).abs() < 0.05, "{sd}");
    }

    #[test]
    fn quantiles_by_hand() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-8;
        assert!(close(
            Dist::Uniform { min: 2.0, max: 6.0 }.quantile(0.25),
            3.0
        ));
        // Triangular 0 / 1 / 2: F(x) = x²/2 below the mode, so F(0.5) = 0.125; by symmetry F(1.5) = 0.875.
        let t = Dist::Triangular {
            min: 0.0,
            mode: 1.0,
            max: 2.0,
        };
        assert!(close(t.quantile(0.125), 0.5));
        assert!(close(t.quantile(0.875), 1.5));
        // Beta(2, 2): F(x) = 3x² − 2x³, so F(0.2) = 0.104.
        assert!(close(
            Dist::Beta {
                alpha: 2.0,
                beta: 2.0
            }
            .quantile(0.104),
            0.2
        ));
        // PERT 0 / 5 / 10 is 10 · Beta(3, 3); the median is 5 by symmetry; Beta(3,3) has
        // F(x) = 10x³ − 15x⁴ + 6x⁵, so F(0.3) = 0.27 − 0.1215 + 0.01458 = 0.16308.
        let p = Dist::Pert {
            min: 0.0,
            mode: 5.0,
            max: 10.0,
        };
        assert!(close(p.quantile(0.5), 5.0));
        assert!(close(p.quantile(0.16308), 3.0));
        // Normal: the 97.5th percentile is mean + 1.959964 sd.
        assert!(
            (Dist::Normal {
                mean: 10.0,
                sd: 2.0
            }
            .quantile(0.975)
                - 13.919_928)
                .abs()
                < 1e-5
        );
        // The shorthand's lognormal: its 5th and 95th percentiles are the bounds.
        let l = Dist::lognormal_from_p05_p95(5.0, 10.0).unwrap();
        assert!((l.quantile(0.05) - 5.0).abs() < 1e-6);
        assert!((l.quantile(0.95) - 10.0).abs() < 1e-6);
        assert_eq!(Dist::Fixed { value: 3.0 }.quantile(0.9), 3.0);
    }

    #[test]
    fn numbers_format_compactly() {
        assert_eq!(fmt_num(7000.0), "7000");
        assert_eq!(fmt_num(3.97), "3.97");
        assert_eq!(fmt_num(0.35), "0.35");
        assert_eq!(fmt_num(1234.56), "1234.6");
    }
}
