//! Named random streams.
//!
//! Every random quantity draws from a stream keyed by *what* it is (the input's
//! path, the district, the inminban) and by the iteration. A scenario that changes
//! one thing therefore leaves every other draw untouched, which is what makes paired
//! comparisons (common random numbers) sharp; and no stream depends on which thread
//! ran the iteration.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// What a stream is for; part of its key.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub enum Purpose {
    Input = 1,
    Allocation = 2,
    Arrivals = 3,
    UnitHouseholds = 4,
    UnitEvents = 5,
    UnitChoice = 7,
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator for `purpose` and `keys`, positioned on the iteration's stream.
pub fn stream(seed: u64, purpose: Purpose, keys: &[u64], iteration: u64) -> ChaCha8Rng {
    let mut state = seed ^ 0xB0_2D_E1;
    let mut mix = splitmix(&mut state) ^ (purpose as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    for k in keys {
        state ^= mix;
        mix = splitmix(&mut state) ^ k.wrapping_mul(0xA076_1D64_78BD_642F);
    }
    state ^= mix;
    let mut key = [0u8; 32];
    for chunk in key.chunks_mut(8) {
        chunk.copy_from_slice(&splitmix(&mut state).to_le_bytes());
    }
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(iteration);
    rng
}

/// A stable 64-bit key for a text (FNV-1a).
pub fn text_key(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The standard normal quantile function (Acklam's rational approximation, |error| < 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e1,
        2.209460984245205e2,
        -2.759285104469687e2,
        1.383_577_518_672_69e2,
        -3.066479806614716e1,
        2.506628277459239,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e1,
        1.615858368580409e2,
        -1.556989798598866e2,
        6.680131188771972e1,
        -1.328068155288572e1,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-3,
        -3.223964580411365e-1,
        -2.400758277161838,
        -2.549732539343734,
        4.374664141464968,
        2.938163982698783,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-3,
        3.224671290700398e-1,
        2.445134137142996,
        3.754408661907416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// The standard normal distribution function Φ(z).
///
/// Read from a table of Φ and its density at steps of 1/256 over [−9, 9] by cubic
/// Hermite interpolation (error below 10⁻¹¹), so that the expectations over households
/// in `untouched.rs` cost a few nanoseconds each. Beyond ±9 it is 0 or 1.
pub fn normal_cdf(z: f64) -> f64 {
    cdf_from(cdf_table(), z)
}

/// [`normal_cdf`] of every value of `z`, in place, with the table looked up once: the
/// loop has no branches, so the compiler can take several values at once (the
/// untouched households' days, in `untouched.rs`).
pub fn normal_cdfs(z: &mut [f64]) {
    let table = cdf_table();
    for x in z.iter_mut() {
        *x = cdf_from(table, *x);
    }
}

/// Φ(z) from the table, without branches. Inside [−9, 9] (NaN taken to −9) the table's
/// index is the whole part of (z + 9) · 256, read from the bits of that whole number
/// plus 2⁵² rather than by converting to an integer (which must check for numbers out
/// of range); at 9 itself it is held at the last interval and the value is not used.
#[inline(always)]
fn cdf_from(table: &[(f64, f64); CDF_POINTS], z: f64) -> f64 {
    #[allow(clippy::manual_clamp)] // clamp would keep NaN, which has no index
    let inside = z.max(-CDF_RANGE).min(CDF_RANGE);
    let at = (inside + CDF_RANGE) * CDF_STEPS_PER_UNIT;
    let whole = at.floor();
    let i = (((whole + TWO_52).to_bits() & 0xffff) as usize).min(CDF_POINTS - 2);
    let v = hermite(table, i, at - whole);
    // Not above −9 (or not a number): 0; from 9 up: 1; else the table's value.
    if z > -CDF_RANGE {
        if z >= CDF_RANGE { 1.0 } else { v }
    } else {
        0.0
    }
}

const CDF_STEPS_PER_UNIT: f64 = 256.0;
const CDF_RANGE: f64 = 9.0;

/// Points in the table of Φ: steps of 1/256 over [−9, 9], both ends included.
const CDF_POINTS: usize = (2.0 * CDF_RANGE * CDF_STEPS_PER_UNIT) as usize + 1;
// `cdf_from` reads an index from the low 16 bits.
const _: () = assert!(CDF_POINTS <= 1 << 16);

/// Φ and its density at steps of 1/256 over [−9, 9]. A fixed length, so that indices
/// held below its last point need no check.
fn cdf_table() -> &'static [(f64, f64); CDF_POINTS] {
    static TABLE: std::sync::OnceLock<[(f64, f64); CDF_POINTS]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let z = -CDF_RANGE + i as f64 / CDF_STEPS_PER_UNIT;
            let cdf = 0.5 * libm::erfc(-z / std::f64::consts::SQRT_2);
            let pdf = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
            (cdf, pdf)
        })
    })
}

/// 2⁵²: adding it to a whole number below 2⁵² leaves that number in the low bits.
const TWO_52: f64 = 4_503_599_627_370_496.0;

/// The cubic Hermite interpolation between table points `i` and `i + 1` at `t` in [0, 1].
#[inline(always)]
fn hermite(table: &[(f64, f64); CDF_POINTS], i: usize, t: f64) -> f64 {
    let h = 1.0 / CDF_STEPS_PER_UNIT;
    let (y0, d0) = table[i];
    let (y1, d1) = table[i + 1];
    let t2 = t * t;
    let t3 = t2 * t;
    (2.0 * t3 - 3.0 * t2 + 1.0) * y0
        + (t3 - 2.0 * t2 + t) * h * d0
        + (-2.0 * t3 + 3.0 * t2) * y1
        + (t3 - t2) * h * d1
}

/// A Poisson count with mean `rate`, drawn exactly as `rand_distr::Poisson` (0.6, pinned
/// in Cargo.toml) draws it: the same uniforms from `rng` and the same count, so no
/// figure moves. `None` where that library refuses the mean (not positive, not finite,
/// or beyond its largest).
///
/// Below a mean of 12 the library uses Knuth's method: multiply uniforms until the
/// product falls to e^(−rate) or below; the count is the number of uniforms less one.
/// Most days in the model have a small mean and so a count of 0, decided by the first
/// uniform alone; since e^(−x) ≥ 1 − x, a first uniform below (1 − rate), less a margin
/// far wider than the exponential's rounding, is below e^(−rate) too, and the
/// exponential need not be computed at all.
pub fn poisson<R: rand::Rng + ?Sized>(rate: f64, rng: &mut R) -> Option<u64> {
    use rand::RngExt;
    use rand_distr::{Distribution, Poisson};
    if !rate.is_finite() || rate <= 0.0 {
        return None;
    }
    if rate >= 12.0 {
        return Poisson::new(rate).ok().map(|p| p.sample(rng) as u64);
    }
    let first: f64 = rng.random();
    if first <= (1.0 - rate) * (1.0 - 1e-12) {
        return Some(0);
    }
    let threshold = (-rate).exp();
    let (mut product, mut count) = (first, 1.0f64);
    while product > threshold {
        product *= rng.random::<f64>();
        count += 1.0;
    }
    Some((count - 1.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn normal_cdf_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-12);
        assert!((normal_cdf(1.6448536269514722) - 0.95).abs() < 1e-11);
        assert!((normal_cdf(-1.959963984540054) - 0.025).abs() < 1e-11);
        assert!((normal_cdf(-3.090232306167813) - 0.001).abs() < 1e-11);
        // Between table points, against erfc directly.
        for k in 0..2000 {
            let z = -8.9 + k as f64 * 0.00891;
            let exact = 0.5 * libm::erfc(-z / std::f64::consts::SQRT_2);
            assert!((normal_cdf(z) - exact).abs() < 1e-11, "z = {z}");
        }
        assert_eq!(normal_cdf(-40.0), 0.0);
        assert_eq!(normal_cdf(40.0), 1.0);
    }

    #[test]
    fn normal_cdfs_is_normal_cdf_value_by_value() {
        let mut z: Vec<f64> = (0..4000).map(|k| -10.0 + k as f64 * 0.005_003).collect();
        z.extend([
            -9.0,
            9.0,
            -9.0 + 1e-15,
            9.0 - 1e-15,
            0.0,
            -0.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1e300,
            1e300,
        ]);
        let mut row = z.clone();
        normal_cdfs(&mut row);
        for (z, got) in z.iter().zip(&row) {
            assert_eq!(got.to_bits(), normal_cdf(*z).to_bits(), "z = {z}");
        }
    }

    #[test]
    fn streams_differ_by_key_and_iteration_and_repeat() {
        let a = stream(1, Purpose::Input, &[5], 0).next_u64();
        assert_eq!(a, stream(1, Purpose::Input, &[5], 0).next_u64());
        assert_ne!(a, stream(1, Purpose::Input, &[6], 0).next_u64());
        assert_ne!(a, stream(1, Purpose::Input, &[5], 1).next_u64());
        assert_ne!(a, stream(2, Purpose::Input, &[5], 0).next_u64());
        assert_ne!(a, stream(1, Purpose::Allocation, &[5], 0).next_u64());
    }

    #[test]
    fn normal_quantile_known_values() {
        assert!(normal_quantile(0.5).abs() < 1e-9);
        assert!((normal_quantile(0.95) - 1.6448536269514722).abs() < 1e-8);
        assert!((normal_quantile(0.025) + 1.959963984540054).abs() < 1e-8);
        assert!((normal_quantile(0.001) + 3.090232306167813).abs() < 1e-7);
    }

    #[test]
    fn poisson_draws_what_rand_distr_draws() {
        use rand_distr::{Distribution, Poisson};
        // Means across Knuth's range, its edge at 12 and the library's other method;
        // each drawn 2,000 times from the same stream both ways: the same counts, and
        // the streams left at the same place.
        let rates = [
            1e-300, 1e-9, 0.003, 0.05, 0.3, 0.9999, 1.0, 2.5, 11.999, 12.0, 40.0,
        ];
        for (k, &rate) in rates.iter().enumerate() {
            let mut ours = stream(9, Purpose::UnitEvents, &[k as u64], 0);
            let mut theirs = stream(9, Purpose::UnitEvents, &[k as u64], 0);
            let reference = Poisson::new(rate).expect("a valid mean");
            for _ in 0..2000 {
                let expected = reference.sample(&mut theirs) as u64;
                assert_eq!(poisson(rate, &mut ours), Some(expected), "rate {rate}");
            }
            assert_eq!(ours.next_u64(), theirs.next_u64(), "rate {rate}");
        }
        let mut rng = stream(9, Purpose::UnitEvents, &[99], 0);
        for refused in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e20] {
            assert_eq!(
                poisson(refused, &mut rng).is_none(),
                Poisson::new(refused).is_err()
            );
        }
    }
}
