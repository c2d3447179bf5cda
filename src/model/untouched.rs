//! Households the release does not reach in person, as an expectation.
//!
//! Outside the inminban that receive released people, a district's households differ
//! only by their own stock, size and daily acquisition (MODEL.md section 2), and their
//! only possible event is a district-wide levy, so their paths have a closed form
//! (`household::closed_form`). Every figure for them is the **expectation** over the
//! within-group distribution rather than a random sample, so that the engine adds no
//! noise of its own to the spread across iterations:
//!
//! * the stock (lognormal, in days of need) is integrated exactly: each figure is a
//!   probability or a partial expectation of the stock below a threshold that the
//!   closed form gives;
//! * the acquisition (lognormal) by the trapezoidal rule on `engine.household_sample`
//!   evenly spaced normal scores over [−6, 6];
//! * the household size (1 + Poisson) exactly over its support. It matters only under
//!   a district-wide levy, which is the same kcal for every household and so more days
//!   of food for a small one.
//!
//! With stock x days, drain r = 1 − acquisition share (days of need per day) and levies
//! ℓᵢ (days) on days tᵢ, let cᵢ = tᵢ·r + Σⱼ<ᵢ ℓⱼ: the stock needed to reach levy i
//! with every earlier levy paid. For r > 0 the household pays clamp(x − cᵢ, 0, ℓᵢ) of
//! levy i, its deficit is max(0, T·r − x + paid), and it runs out by the end of day t
//! when x ≤ (t + 1)·r + Σ_{tᵢ ≤ t} ℓᵢ. These are the closed form's own results (a
//! unit test checks them against it), written as thresholds on x.

use super::household::{LevyCall, PROTECTION_BANDS, PROTECTION_EDGES};
use super::results::{BANDS, Burden, Cell, Role, RoleSums, Roles, Series};
use super::rng::{normal_cdf, normal_cdfs};
use super::roles::RoleAccumulator;
use crate::scenario::world::GroupValues;

/// Deficit shares at which the IPC-style bands start (phase 3, 4, 5); see `household::band`.
pub(super) const BAND_EDGES: [f64; BANDS - 1] = [1e-9, 0.2, 0.5];

/// Household size 1 + Poisson(λ) below this tail mass is left out (and its mass given to the largest size kept).
const PERSONS_TAIL: f64 = 1e-9;

/// Gauss–Legendre points for the levy-share integral (smooth in the normal score).
const SHARE_POINTS: usize = 16;

/// Gauss–Legendre nodes and weights on [−1, 1] (Newton's method on Legendre polynomials).
fn gauss_legendre() -> &'static [(f64, f64)] {
    static NODES: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    NODES.get_or_init(|| {
        let n = SHARE_POINTS;
        (0..n)
            .map(|i| {
                let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (n as f64 + 0.5)).cos();
                let mut dp = 1.0;
                for _ in 0..100 {
                    let (mut p0, mut p1) = (1.0, x);
                    for k in 2..=n {
                        let k = k as f64;
                        let p2 = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    dp = n as f64 * (x * p1 - p0) / (x * x - 1.0);
                    let dx = p1 / dp;
                    x -= dx;
                    if dx.abs() < 1e-15 {
                        break;
                    }
                }
                (x, 2.0 / ((1.0 - x * x) * dp * dp))
            })
            .collect()
    })
}

/// A lognormal stock, in days of need, with median `median` and log-sd `sigma`.
#[derive(Debug, Clone, Copy)]
struct Stock {
    median: f64,
    ln_median: f64,
    sigma: f64,
    /// E[x] = median · exp(σ²/2), for partial expectations.
    mean: f64,
}

impl Stock {
    fn new(median: f64, sigma: f64) -> Stock {
        let sigma = sigma.max(0.0);
        Stock {
            median,
            ln_median: median.max(f64::MIN_POSITIVE).ln(),
            sigma,
            mean: median * (0.5 * sigma * sigma).exp(),
        }
    }

    fn degenerate(&self) -> bool {
        self.sigma < 1e-12
    }

    /// The share of households out of stock by the end of each day without a levy,
    /// for households drawing `r` days of need a day more than they acquire
    /// (`ln_day[t]` is ln(t + 1)): P(x ≤ r (t + 1)), worked out for all days at once.
    fn out_by_day(&self, r: f64, ln_day: &[f64]) -> Vec<f64> {
        if self.degenerate() {
            return ln_day
                .iter()
                .map(|lt| f64::from(u8::from(r * lt.exp() >= self.median)))
                .collect();
        }
        let shift = r.ln() - self.ln_median;
        let mut z: Vec<f64> = ln_day.iter().map(|lt| (lt + shift) / self.sigma).collect();
        normal_cdfs(&mut z);
        z
    }

    /// P(x ≤ v).
    fn cdf(&self, v: f64) -> f64 {
        if self.median <= 0.0 {
            // Every household starts with nothing.
            return f64::from(u8::from(v >= 0.0));
        }
        if v <= 0.0 {
            return 0.0;
        }
        if self.degenerate() {
            return f64::from(u8::from(v >= self.median));
        }
        normal_cdf((v.ln() - self.ln_median) / self.sigma)
    }

    /// E[x; x ≤ v].
    fn partial_mean(&self, v: f64) -> f64 {
        if v <= 0.0 || self.median <= 0.0 {
            return 0.0;
        }
        if self.degenerate() {
            return if v >= self.median { self.median } else { 0.0 };
        }
        self.mean * normal_cdf((v.ln() - self.ln_median) / self.sigma - self.sigma)
    }

    /// E[(c − x)⁺].
    fn shortfall(&self, c: f64) -> f64 {
        if c <= 0.0 {
            return 0.0;
        }
        (c * self.cdf(c) - self.partial_mean(c)).max(0.0)
    }

    /// E[h(x); x > v] for a smooth h, by Gauss–Legendre on the normal score of x.
    fn expect_above(&self, v: f64, h: impl Fn(f64) -> f64) -> f64 {
        if self.degenerate() {
            return if self.median > v { h(self.median) } else { 0.0 };
        }
        let low = if v > 0.0 {
            (v.ln() - self.ln_median) / self.sigma
        } else {
            -9.0
        };
        let high = low.max(0.0) + 9.0;
        let (mid, half) = (0.5 * (low + high), 0.5 * (high - low));
        let density = |z: f64| (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
        gauss_legendre()
            .iter()
            .map(|&(t, w)| {
                let z = mid + half * t;
                w * half * h(self.median * (self.sigma * z).exp()) * density(z)
            })
            .sum()
    }
}

/// Household sizes and their probabilities: 1 + Poisson(persons per household − 1).
pub fn persons_distribution(persons_per_household: f64) -> Vec<(f64, f64)> {
    let lambda = persons_per_household - 1.0;
    if !(lambda > 0.0 && lambda.is_finite()) {
        return vec![(1.0, 1.0)];
    }
    let mut out = Vec::new();
    let mut p = (-lambda).exp();
    let mut cumulative = 0.0;
    let mut k = 0u32;
    // Start from the mode when e^{-λ} underflows (very large households).
    if p == 0.0 {
        return vec![(1.0 + lambda.round(), 1.0)];
    }
    loop {
        cumulative += p;
        out.push((1.0 + f64::from(k), p));
        if 1.0 - cumulative < PERSONS_TAIL || k > 10_000 {
            break;
        }
        k += 1;
        p *= lambda / f64::from(k);
    }
    if let Some(last) = out.last_mut() {
        last.1 += (1.0 - cumulative).max(0.0);
    }
    out
}

/// What every untouched household of a district shares, prepared once per district.
pub struct Untouched<'a> {
    horizon: u32,
    need_per_person: f64,
    /// Household sizes and their probabilities ([`persons_distribution`]).
    persons: &'a [(f64, f64)],
    /// District-wide levies within the horizon (kcal and KPW per household), in day order.
    calls: Vec<LevyCall>,
    /// Points of the grid over the acquisition's normal score.
    strata: usize,
    /// ln(t + 1) for each day t, for the day-by-day run-out series.
    ln_day: Vec<f64>,
    /// Livelihoods-protection spending over the horizon, in days of need (0 without
    /// `[livelihoods]`).
    protection_days: f64,
}

/// Where one group's expectation is added.
pub struct Sinks<'a> {
    pub cell: &'a mut Cell,
    pub series: &'a mut Series,
    pub roles: &'a mut RoleAccumulator,
}

impl<'a> Untouched<'a> {
    pub fn new(
        horizon: u32,
        need_per_person: f64,
        persons: &'a [(f64, f64)],
        calls: &[LevyCall],
        strata: usize,
    ) -> Untouched<'a> {
        Untouched {
            horizon,
            need_per_person,
            persons,
            calls: calls
                .iter()
                .copied()
                .filter(|c| c.day < horizon && c.kcal > 0.0)
                .collect(),
            strata,
            ln_day: (0..horizon).map(|t| f64::from(t + 1).ln()).collect(),
            protection_days: 0.0,
        }
    }

    /// With livelihoods-protection spending of `per_person` kcal per person per day.
    pub fn with_protection(mut self, per_person: f64) -> Self {
        if per_person > 0.0 && self.need_per_person > 0.0 {
            self.protection_days = per_person / self.need_per_person * f64::from(self.horizon);
        }
        self
    }

    /// Adds the expected figures of `households` households of group `g` to the sinks.
    pub fn expect_group(&self, g: &GroupValues, households: f64, out: &mut Sinks) {
        if households <= 0.0 {
            return;
        }
        let stock = Stock::new(g.stock_days, g.stock_spread);
        let s = g.acquisition_spread.max(0.0);
        let strata = if s < 1e-12 { 1 } else { self.strata.max(1) };
        let (calls, ln_day) = (&self.calls, &self.ln_day);
        let mean_persons: f64 = self.persons.iter().map(|(p, w)| p * w).sum();
        for (z, share) in normal_grid(strata) {
            let drain = 1.0 - g.acquisition * (s * z - 0.5 * s * s).exp();
            let weight = households * share;
            if calls.is_empty() {
                self.node_without_levy(&stock, drain, mean_persons, weight, ln_day, out);
            } else {
                for &(persons, p) in self.persons {
                    let node = Node {
                        drain,
                        persons,
                        weight: weight * p,
                    };
                    self.node_with_levy(&stock, calls, &node, ln_day, out);
                }
            }
        }
    }

    /// Households with no levy at all: the same with and without the release.
    fn node_without_levy(
        &self,
        stock: &Stock,
        r: f64,
        persons: f64,
        weight: f64,
        ln_day: &[f64],
        out: &mut Sinks,
    ) {
        let t = f64::from(self.horizon);
        let (p_out, deficit_days, bands) = if r > 0.0 {
            let mut at_least = [0.0; BANDS - 1];
            for (a, b) in at_least.iter_mut().zip(BAND_EDGES) {
                *a = if r > b { stock.cdf(t * (r - b)) } else { 0.0 };
            }
            (stock.cdf(t * r), stock.shortfall(t * r), at_least)
        } else {
            (0.0, 0.0, [0.0; BANDS - 1])
        };
        let lp = self.protection(stock, None, t * r, bands[0]);
        self.add_unlevied(persons, weight, p_out, deficit_days, bands, lp, out);
        if r > 0.0 {
            let out_by_day = stock.out_by_day(r, ln_day);
            let mut before = 0.0;
            for (day, &now) in out_by_day.iter().enumerate() {
                let newly = weight * (now - before);
                out.series.out_with[day] += newly;
                out.series.out_without[day] += newly;
                before = now;
                if now >= 1.0 {
                    break; // everyone of this node is out
                }
            }
        }
    }

    /// The livelihoods-protection figures of households whose stock less the levies
    /// they paid is `net` (their stock x itself when `None`), who draw `drawn` days of
    /// need more than they acquire over the horizon, and of whom `survival` have a
    /// survival deficit. By the identity stock left − survival deficit = x + acquired −
    /// need − paid, a household's shortfall against the whole threshold is
    /// (drawn + s − net)⁺ with s the spending (days), and its livelihoods-protection
    /// deficit is that capped at s: (drawn + s − net)⁺ − (drawn − net)⁺. Its share
    /// reaches an edge e when net ≤ drawn + s·(1 − e), a threshold on x.
    fn protection(
        &self,
        stock: &Stock,
        net: Option<&NetStock>,
        drawn: f64,
        survival: f64,
    ) -> Protection {
        let s = self.protection_days;
        if s <= 0.0 {
            return Protection::default();
        }
        let shortfall = |w: f64| net.map_or_else(|| stock.shortfall(w), |n| n.shortfall(stock, w));
        let at_most = |w: f64| net.map_or_else(|| stock.cdf(w), |n| n.at_most(stock, w));
        let deficit_days = (shortfall(drawn + s) - shortfall(drawn)).max(0.0);
        // Households at or past each edge, counting those with a survival deficit.
        let [any, severe] = PROTECTION_EDGES.map(|e| at_most(drawn + s * (1.0 - e)).max(survival));
        Protection {
            spending_days: s,
            deficit_days,
            bands: [
                1.0 - any,
                (any - severe).max(0.0),
                (severe - survival).max(0.0),
            ],
        }
    }

    /// Adds households with no levy (the same with and without the release): `p_out`
    /// run out, `deficit_days` expected deficit (days of need), `bands` the shares at
    /// or past each band edge, `lp` their livelihoods-protection figures.
    #[allow(clippy::too_many_arguments)]
    fn add_unlevied(
        &self,
        persons: f64,
        weight: f64,
        p_out: f64,
        deficit_days: f64,
        bands: [f64; BANDS - 1],
        lp: Protection,
        out: &mut Sinks,
    ) {
        let t = f64::from(self.horizon);
        let need = persons * self.need_per_person;
        let band = band_shares(&bands);
        let cell = &mut *out.cell;
        cell.households += weight;
        cell.persons += weight * persons;
        cell.need_total += weight * need * t;
        cell.out_with += weight * p_out;
        cell.out_without += weight * p_out;
        cell.deficit_with += weight * need * deficit_days;
        cell.deficit_without += weight * need * deficit_days;
        for (b, share) in band.iter().enumerate() {
            cell.band_with[b] += weight * persons * share;
            cell.band_without[b] += weight * persons * share;
        }
        lp.add(cell, weight, persons, need, true);
        lp.add(cell, weight, persons, need, false);
        let phase3 = bands[0] + lp.bands[PROTECTION_BANDS - 1];
        out.roles.add(
            Role::Untouched,
            &RoleSums {
                households: weight,
                persons: weight * persons,
                need_total: weight * need * t,
                out_with: weight * p_out,
                out_without: weight * p_out,
                deficit_with: weight * need * deficit_days,
                deficit_without: weight * need * deficit_days,
                phase3_with: weight * persons * phase3,
                phase3_without: weight * persons * phase3,
                ..RoleSums::default()
            },
        );
    }

    /// Adds the expected figures of `households` households of group `g` under a
    /// calendar without coping steps or district levies, in closed form: with need
    /// and acquisition multipliers νⱼ and Aⱼ by day, a household of stock x days and
    /// acquisition share α has drawn Cₜ = Σⱼ≤ₜ (νⱼ − α·Aⱼ) days of need by the end of
    /// day t; it has run out by then when x ≤ Mₜ = max(0, maxⱼ≤ₜ Cⱼ), and its deficit
    /// over the horizon is (M_T − x)⁺ days (the reflected walk of a stock that cannot
    /// go below zero). With ν = A = 1 this is `expect_group`'s T·r.
    pub fn expect_group_calendar(
        &self,
        g: &GroupValues,
        need_by_day: &[f64],
        acquisition_by_day: &[f64],
        households: f64,
        out: &mut Sinks,
    ) {
        if households <= 0.0 {
            return;
        }
        let stock = Stock::new(g.stock_days, g.stock_spread);
        let s = g.acquisition_spread.max(0.0);
        let strata = if s < 1e-12 { 1 } else { self.strata.max(1) };
        let persons: f64 = self.persons.iter().map(|(p, w)| p * w).sum();
        let t = f64::from(self.horizon);
        let mut reach = vec![0.0; self.horizon as usize];
        for (z, share) in normal_grid(strata) {
            let alpha = g.acquisition * (s * z - 0.5 * s * s).exp();
            let weight = households * share;
            let (mut drawn, mut most) = (0.0_f64, 0.0_f64);
            for ((m, nu), a) in reach.iter_mut().zip(need_by_day).zip(acquisition_by_day) {
                drawn += nu - alpha * a;
                most = most.max(drawn);
                *m = most;
            }
            let m_total = most;
            let mut at_least = [0.0; BANDS - 1];
            for (a, b) in at_least.iter_mut().zip(BAND_EDGES) {
                *a = stock.cdf(m_total - b * t);
            }
            let p_out = stock.cdf(m_total);
            let lp = self.protection(&stock, None, drawn, at_least[0]);
            self.add_unlevied(
                persons,
                weight,
                p_out,
                stock.shortfall(m_total),
                at_least,
                lp,
                out,
            );
            // The running maximum often stays put for days: then no household newly
            // runs out (adding 0.0 would change no sum), and the cdf need not be taken.
            let (mut before, mut last) = (0.0, f64::NAN);
            for (day, &m) in reach.iter().enumerate() {
                if m == last {
                    continue;
                }
                last = m;
                let now = stock.cdf(m);
                let newly = weight * (now - before);
                out.series.out_with[day] += newly;
                out.series.out_without[day] += newly;
                before = now;
            }
        }
    }

    /// Households of one size and acquisition stratum under a district-wide levy.
    fn node_with_levy(
        &self,
        stock: &Stock,
        calls: &[LevyCall],
        node: &Node,
        ln_day: &[f64],
        out: &mut Sinks,
    ) {
        let t = f64::from(self.horizon);
        let r = node.drain;
        let need = node.persons * self.need_per_person;
        let weight = node.weight;
        let levies = levies_in_days(calls, need, r);
        let total_days: f64 = levies.iter().map(|l| l.days).sum();

        // The levy paid, E[min(ℓᵢ, stock just before)], and the share of that stock it took.
        let mut paid_days = 0.0;
        let mut paid_kpw = 0.0;
        let mut stock_share = 0.0;
        for l in &levies {
            let paid = l.expected_paid(stock);
            paid_days += paid;
            paid_kpw += l.kpw * paid / l.days;
            stock_share += l.expected_share(stock);
        }
        // Who pays something: everyone if some levy finds a stock built up since the last
        // one; otherwise those whose stock reaches the earliest levy they can.
        let p_pays = if levies.iter().any(|l| l.floor > 0.0) {
            1.0
        } else {
            1.0 - stock.cdf(levies.iter().map(|l| l.start).fold(f64::INFINITY, f64::min))
        };
        let full = 1.0
            - stock.cdf(
                levies
                    .iter()
                    .filter(|l| l.floor < l.days)
                    .map(|l| l.start + l.days)
                    .fold(f64::NEG_INFINITY, f64::max),
            );
        let first = levies[0].start;

        // Running out, deficits and bands, with and without the release.
        let (out_with, out_without, deficit_with, deficit_without, unpaid_deficit) = if r > 0.0 {
            let tr = t * r;
            let mut deficit = 0.0;
            let mut carried = 0.0;
            let mut lo = 0.0;
            for l in &levies {
                let c = l.start;
                deficit += (tr + carried) * (stock.cdf(c) - stock.cdf(lo))
                    - (stock.partial_mean(c) - stock.partial_mean(lo));
                deficit += (t - l.day) * r * (stock.cdf(c + l.days) - stock.cdf(c));
                carried += l.days;
                lo = c + l.days;
            }
            let hi = tr + carried;
            deficit += hi * (stock.cdf(hi) - stock.cdf(lo))
                - (stock.partial_mean(hi) - stock.partial_mean(lo));
            let unpaid = (tr * stock.cdf(first) - stock.partial_mean(first)).max(0.0);
            (
                stock.cdf(tr + total_days),
                stock.cdf(tr),
                deficit.max(0.0),
                stock.shortfall(tr),
                unpaid,
            )
        } else {
            (0.0, 0.0, 0.0, 0.0, 0.0)
        };
        let mut with_at_least = [0.0; BANDS - 1];
        let mut without_at_least = [0.0; BANDS - 1];
        for (k, b) in BAND_EDGES.into_iter().enumerate() {
            let y = t * (r - b);
            if y > 0.0 {
                let crossed: f64 = levies
                    .iter()
                    .filter(|l| l.day * r <= y)
                    .map(|l| l.days)
                    .sum();
                with_at_least[k] = stock.cdf(y + crossed);
                without_at_least[k] = stock.cdf(y);
            }
        }
        let band_with = band_shares(&with_at_least);
        let band_without = band_shares(&without_at_least);
        let lp_with = self.protection(
            stock,
            Some(&NetStock::new(&levies)),
            t * r,
            with_at_least[0],
        );
        let lp_without = self.protection(stock, None, t * r, without_at_least[0]);

        let cell = &mut *out.cell;
        cell.households += weight;
        cell.persons += weight * node.persons;
        cell.need_total += weight * need * t;
        cell.out_with += weight * out_with;
        cell.out_without += weight * out_without;
        cell.deficit_with += weight * need * deficit_with;
        cell.deficit_without += weight * need * deficit_without;
        for b in 0..BANDS {
            cell.band_with[b] += weight * node.persons * band_with[b];
            cell.band_without[b] += weight * node.persons * band_without[b];
        }
        lp_with.add(cell, weight, node.persons, need, true);
        lp_without.add(cell, weight, node.persons, need, false);
        let phase3_with = with_at_least[0] + lp_with.bands[PROTECTION_BANDS - 1];
        let phase3_without = without_at_least[0] + lp_without.bands[PROTECTION_BANDS - 1];
        cell.levy_asked_households += weight;
        cell.levy_owed_kcal += weight * need * total_days;
        cell.levied_households += weight * p_pays;
        cell.levy_kcal += weight * need * paid_days;
        cell.levy_kpw += weight * paid_kpw;
        cell.levy_days += weight * paid_days;
        cell.levy_stock_share += weight * stock_share;
        cell.affected_households += weight * p_pays;
        cell.food_lost_kcal += weight * need * paid_days;
        cell.food_lost_days += weight * paid_days;

        // Who paid (district-levied, affected) and who ran out before the levy (untouched).
        let f_first = 1.0 - p_pays;
        debug_assert!(r <= 0.0 || (f_first - stock.cdf(first)).abs() < 1e-12);
        let payers = RoleSums {
            households: weight * p_pays,
            persons: weight * node.persons * p_pays,
            need_total: weight * need * t * p_pays,
            food_lost_kcal: weight * need * paid_days,
            food_lost_days: weight * paid_days,
            out_with: weight * (out_with - f_first).max(0.0),
            out_without: weight * (out_without - f_first).max(0.0),
            deficit_with: weight * need * (deficit_with - unpaid_deficit).max(0.0),
            deficit_without: weight * need * (deficit_without - unpaid_deficit).max(0.0),
            phase3_with: weight * node.persons * (phase3_with - f_first).max(0.0),
            phase3_without: weight * node.persons * (phase3_without - f_first).max(0.0),
        };
        let unpaid_out = if r > 0.0 { f_first } else { 0.0 };
        let nonpayers = RoleSums {
            households: weight * f_first,
            persons: weight * node.persons * f_first,
            need_total: weight * need * t * f_first,
            out_with: weight * unpaid_out,
            out_without: weight * unpaid_out,
            deficit_with: weight * need * unpaid_deficit,
            deficit_without: weight * need * unpaid_deficit,
            phase3_with: weight * node.persons * unpaid_out,
            phase3_without: weight * node.persons * unpaid_out,
            ..RoleSums::default()
        };
        out.roles.add(Role::DistrictLevied, &payers);
        out.roles.add(Role::Affected, &payers);
        out.roles.add(Role::Untouched, &nonpayers);
        let roles = Roles::of(false, false, false, false, true, true);
        let partial = (p_pays - full).max(0.0);
        if full > 0.0 {
            out.roles.point(Burden {
                roles,
                weight: weight * full,
                days: total_days,
            });
        }
        if partial > 1e-15 {
            let days = ((paid_days - total_days * full) / partial).clamp(0.0, total_days);
            out.roles.point(Burden {
                roles,
                weight: weight * partial,
                days,
            });
        }

        // Out of stock by the end of each day.
        if r > 0.0 {
            let out_by_day = stock.out_by_day(r, ln_day);
            let (mut before_with, mut before_without) = (0.0, 0.0);
            let mut next = 0;
            let mut levied = 0.0;
            for (day, &without) in out_by_day.iter().enumerate() {
                while next < levies.len() && levies[next].day as usize <= day {
                    levied += levies[next].days;
                    next += 1;
                }
                let with = if levied > 0.0 {
                    stock.cdf(r * f64::from(day as u32 + 1) + levied)
                } else {
                    without
                };
                out.series.out_with[day] += weight * (with - before_with);
                out.series.out_without[day] += weight * (without - before_without);
                before_with = with;
                before_without = without;
            }
        }
    }
}

/// Livelihoods-protection figures of one node, per household: spending and deficit in
/// days of need, and the shares of households in each band (those without a survival
/// deficit only).
#[derive(Debug, Clone, Copy, Default)]
struct Protection {
    spending_days: f64,
    deficit_days: f64,
    bands: [f64; PROTECTION_BANDS],
}

impl Protection {
    /// Adds `weight` households of `persons` persons and daily need `need` (kcal) to
    /// the cell's figures with (`with`) or without the release.
    fn add(&self, cell: &mut Cell, weight: f64, persons: f64, need: f64, with: bool) {
        if self.spending_days <= 0.0 {
            return;
        }
        let (deficit, bands) = if with {
            cell.protection_total += weight * need * self.spending_days;
            (
                &mut cell.protection_deficit_with,
                &mut cell.protection_band_with,
            )
        } else {
            (
                &mut cell.protection_deficit_without,
                &mut cell.protection_band_without,
            )
        };
        *deficit += weight * need * self.deficit_days;
        for (b, share) in bands.iter_mut().zip(self.bands) {
            *b += weight * persons * share;
        }
    }
}

/// A household's stock less the district-wide levies it paid, n(x) = x − Σᵢ
/// min(ℓᵢ, max(floorᵢ, x − cᵢ)), as a function of its starting stock x (days): piecewise
/// linear and never falling, with knots where a levy starts or stops being paid in part.
struct NetStock {
    /// Knots (x, n(x)), from x = 0 up; past the last every levy is paid in full and the
    /// slope is 1.
    knots: Vec<(f64, f64)>,
}

impl NetStock {
    fn new(levies: &[Levy]) -> NetStock {
        let net = |x: f64| {
            x - levies
                .iter()
                .map(|l| l.days.min((x - l.start).max(l.floor)))
                .sum::<f64>()
        };
        let mut xs: Vec<f64> = std::iter::once(0.0)
            .chain(
                levies
                    .iter()
                    .flat_map(|l| [l.start + l.floor, l.start + l.days]),
            )
            .filter(|x| *x >= 0.0 && x.is_finite())
            .collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        NetStock {
            knots: xs.into_iter().map(|x| (x, net(x))).collect(),
        }
    }

    /// The pieces (from, to, n(from), slope), the last one unbounded.
    fn pieces(&self) -> impl Iterator<Item = (f64, f64, f64, f64)> + '_ {
        self.knots
            .iter()
            .enumerate()
            .map(|(k, &(x, n))| match self.knots.get(k + 1) {
                Some(&(x1, n1)) => (x, x1, n, ((n1 - n) / (x1 - x)).max(0.0)),
                None => (x, f64::INFINITY, n, 1.0),
            })
    }

    /// E[(w − n(x))⁺] over the lognormal stock.
    fn shortfall(&self, stock: &Stock, w: f64) -> f64 {
        let (x0, n0) = self.knots[0];
        // The households with no stock at all (every one when the median is 0).
        let mut total = (w - n0).max(0.0) * stock.cdf(x0);
        for (lo, hi, n, slope) in self.pieces() {
            if w <= n {
                break;
            }
            let top = if slope > 0.0 {
                hi.min(lo + (w - n) / slope)
            } else {
                hi
            };
            let cdf = |v: f64| if v.is_finite() { stock.cdf(v) } else { 1.0 };
            let partial = |v: f64| {
                if v.is_finite() {
                    stock.partial_mean(v)
                } else {
                    stock.mean
                }
            };
            total +=
                (w - n + slope * lo) * (cdf(top) - cdf(lo)) - slope * (partial(top) - partial(lo));
        }
        total.max(0.0)
    }

    /// P(n(x) ≤ w).
    fn at_most(&self, stock: &Stock, w: f64) -> f64 {
        if self.knots[0].1 > w {
            return 0.0;
        }
        for (k, &(x, n)) in self.knots.iter().enumerate() {
            match self.knots.get(k + 1) {
                Some(&(_, n1)) if n1 <= w => continue,
                Some(&(x1, n1)) => return stock.cdf(x + (w - n) * (x1 - x) / (n1 - n)),
                None => return stock.cdf(x + (w - n)),
            }
        }
        1.0
    }
}

/// One household size and acquisition stratum.
struct Node {
    drain: f64,
    persons: f64,
    weight: f64,
}

/// One district-wide levy as days of a household's need, and the household's stock
/// just before it as a function of its starting stock x: max(`floor`, x − `start`).
struct Levy {
    day: f64,
    days: f64,
    kpw: f64,
    /// cᵢ: the stock (days) needed to reach it with every earlier levy paid in full.
    start: f64,
    /// The least stock just before it whatever x (acquisition since an earlier levy
    /// emptied the stock); 0 for a household that draws its stock down.
    floor: f64,
}

/// The levies in days of need for a household with drain `r` (days of need per day).
///
/// Between levies the stock moves by −r a day and stops at zero; a levy takes
/// min(ℓ, stock). Starting from stock x, the stock after each step keeps the form
/// max(floor, x − start), so each levy's payment is a clamp of x.
fn levies_in_days(calls: &[LevyCall], need: f64, r: f64) -> Vec<Levy> {
    let mut floor = f64::NEG_INFINITY;
    let mut shift = 0.0; // the stock's x − start line
    let mut day = 0.0;
    calls
        .iter()
        .map(|c| {
            let when = f64::from(c.day);
            let days = c.kcal / need;
            // The stock just before this levy.
            floor = (floor - (when - day) * r).max(0.0);
            shift -= (when - day) * r;
            day = when;
            let levy = Levy {
                day: when,
                days,
                kpw: c.kpw,
                start: -shift,
                floor,
            };
            // After paying: max(0, before − ℓ).
            floor = (floor - days).max(0.0);
            shift -= days;
            levy
        })
        .collect()
}

impl Levy {
    /// E[min(ℓ, max(floor, x − start))].
    fn expected_paid(&self, stock: &Stock) -> f64 {
        let (floor, l) = (self.floor, self.days);
        if floor >= l {
            return l;
        }
        let (lo, hi) = (self.start + floor, self.start + l);
        let (f_lo, f_hi) = (stock.cdf(lo), stock.cdf(hi));
        floor * f_lo + stock.partial_mean(hi) - stock.partial_mean(lo) - self.start * (f_hi - f_lo)
            + l * (1.0 - f_hi)
    }

    /// E[paid / stock just before; stock just before > 0].
    fn expected_share(&self, stock: &Stock) -> f64 {
        let (floor, l, c) = (self.floor, self.days, self.start);
        let beyond = |v: f64| stock.expect_above(v, |x| l / (x - c));
        if floor >= l {
            l / floor * stock.cdf(c + floor) + beyond(c + floor)
        } else if floor > 0.0 {
            stock.cdf(c + l) + beyond(c + l)
        } else {
            stock.cdf(c + l) - stock.cdf(c) + beyond(c + l)
        }
    }
}

/// Half-width of the grid of normal scores for the acquisition.
const GRID_HALF_WIDTH: f64 = 6.0;

/// `n` evenly spaced normal scores over [−6, 6] with weights proportional to the
/// normal density (the trapezoidal rule, which converges faster than any power of the
/// spacing for the smooth integrands here); one point at 0 when n is 1.
pub(super) fn normal_grid(n: usize) -> Vec<(f64, f64)> {
    if n <= 1 {
        return vec![(0.0, 1.0)];
    }
    let step = 2.0 * GRID_HALF_WIDTH / (n - 1) as f64;
    let points: Vec<(f64, f64)> = (0..n)
        .map(|k| {
            let z = -GRID_HALF_WIDTH + k as f64 * step;
            (z, (-0.5 * z * z).exp())
        })
        .collect();
    let total: f64 = points.iter().map(|p| p.1).sum();
    points.into_iter().map(|(z, w)| (z, w / total)).collect()
}

/// Band shares from P(deficit share ≥ each band edge).
pub(super) fn band_shares(at_least: &[f64; BANDS - 1]) -> [f64; BANDS] {
    let mut out = [0.0; BANDS];
    out[0] = 1.0 - at_least[0];
    for b in 1..BANDS - 1 {
        out[b] = (at_least[b - 1] - at_least[b]).max(0.0);
    }
    out[BANDS - 1] = at_least[BANDS - 2];
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::household::{Household, closed_form};
    use crate::model::rng::normal_quantile;

    /// The same figures by brute force: the closed form of `n` households at the
    /// midpoints of equal-probability strata of the stock (one size, one acquisition).
    fn brute(g: &GroupValues, need: f64, calls: &[LevyCall], horizon: u32, n: usize) -> Cell {
        brute_with(g, need, calls, horizon, n, PROTECTION, None)
    }

    /// Livelihoods-protection spending of the test households, kcal per person per day
    /// (0.3 of a need of 2,000).
    const PROTECTION: f64 = 600.0;

    /// [`brute`] with `protection` kcal of livelihoods-protection spending per day and,
    /// when given, a calendar (no levy) in place of the flat year.
    fn brute_with(
        g: &GroupValues,
        need: f64,
        calls: &[LevyCall],
        horizon: u32,
        n: usize,
        protection: f64,
        season: Option<&crate::model::season::Season>,
    ) -> Cell {
        let mut cell = Cell::default();
        for k in 0..n {
            let z = normal_quantile((k as f64 + 0.5) / n as f64);
            let h = Household {
                group: 0,
                persons: 1.0,
                need,
                stock: g.stock_days * (g.stock_spread * z).exp() * need,
                acquisition: g.acquisition * need,
                willing: false,
                protection,
            };
            let (with, without) = match season {
                Some(s) => {
                    let p = crate::model::household::calendar_path(&h, s, horizon);
                    (p.clone(), p)
                }
                None => (
                    closed_form(&h, calls, horizon),
                    closed_form(&h, &[], horizon),
                ),
            };
            crate::model::household::record(
                &mut cell,
                &h,
                &with,
                &without,
                &Default::default(),
                1.0 / n as f64,
                horizon,
            );
        }
        cell
    }

    /// The livelihoods-protection figures of an expectation `e` and a brute force `x`.
    fn protection_pairs(e: &Cell, x: &Cell) -> [(&'static str, f64, f64); 9] {
        let (bw, bx) = (e.protection_band_with, x.protection_band_with);
        let (ow, ox) = (e.protection_band_without, x.protection_band_without);
        [
            ("lp_total", e.protection_total, x.protection_total),
            (
                "lp_with",
                e.protection_deficit_with,
                x.protection_deficit_with,
            ),
            (
                "lp_without",
                e.protection_deficit_without,
                x.protection_deficit_without,
            ),
            ("lp_band_with_0", bw[0], bx[0]),
            ("lp_band_with_1", bw[1], bx[1]),
            ("lp_band_with_2", bw[2], bx[2]),
            ("lp_band_without_0", ow[0], ox[0]),
            ("lp_band_without_1", ow[1], ox[1]),
            ("lp_band_without_2", ow[2], ox[2]),
        ]
    }

    fn group(stock_days: f64, acquisition: f64) -> GroupValues {
        GroupValues {
            share: 1.0,
            stock_days,
            stock_spread: 0.6,
            acquisition,
            sources: [acquisition, 0.0, 0.0],
            acquisition_spread: 0.0,
        }
    }

    #[test]
    fn expectation_agrees_with_the_closed_form_household_by_household() {
        let need = 2000.0;
        let horizon = 60;
        // Two district-wide levies of 3 and 1.5 days of need, on days 5 and 6; a group that
        // runs down its stock (acquisition 0.6 of need) and one that does not (1.2).
        let calls = [
            LevyCall {
                day: 5,
                kcal: 6000.0,
                kpw: 600.0,
            },
            LevyCall {
                day: 6,
                kcal: 3000.0,
                kpw: 300.0,
            },
        ];
        for (stock_days, acquisition) in [(12.0, 0.6), (30.0, 0.6), (5.0, 1.2)] {
            let g = group(stock_days, acquisition);
            for levies in [&calls[..], &[]] {
                let persons = [(1.0, 1.0)];
                let u =
                    Untouched::new(horizon, need, &persons, levies, 1).with_protection(PROTECTION);
                let mut cell = Cell::default();
                let mut series = Series::new(horizon as usize);
                let mut roles = RoleAccumulator::new();
                u.expect_group(
                    &g,
                    1.0,
                    &mut Sinks {
                        cell: &mut cell,
                        series: &mut series,
                        roles: &mut roles,
                    },
                );
                let b = brute(&g, need, levies, horizon, 400_000);
                let pairs = [
                    ("out_with", cell.out_with, b.out_with),
                    ("out_without", cell.out_without, b.out_without),
                    ("deficit_with", cell.deficit_with, b.deficit_with),
                    ("deficit_without", cell.deficit_without, b.deficit_without),
                    ("levied", cell.levied_households, b.levied_households),
                    ("levy_kcal", cell.levy_kcal, b.levy_kcal),
                    ("levy_kpw", cell.levy_kpw, b.levy_kpw),
                    (
                        "levy_stock_share",
                        cell.levy_stock_share,
                        b.levy_stock_share,
                    ),
                    ("band_with_0", cell.band_with[0], b.band_with[0]),
                    ("band_with_1", cell.band_with[1], b.band_with[1]),
                    ("band_with_2", cell.band_with[2], b.band_with[2]),
                    ("band_with_3", cell.band_with[3], b.band_with[3]),
                    ("band_without_1", cell.band_without[1], b.band_without[1]),
                ];
                for (name, e, x) in pairs.into_iter().chain(protection_pairs(&cell, &b)) {
                    // 400,000 strata leave an error of a few in 10^6.
                    let tol = 2e-5;
                    assert!(
                        (e - x).abs() <= tol * (1.0 + x.abs()),
                        "stock {stock_days} acquisition {acquisition} levies {}: {name} {e} vs {x}",
                        levies.len()
                    );
                }
                // Series: run out by the last day equals run out before the horizon.
                series.accumulate();
                let last = horizon as usize - 1;
                assert!((series.out_with[last] - cell.out_with).abs() < 1e-9);
                assert!((series.out_without[last] - cell.out_without).abs() < 1e-9);
            }
        }
    }

    /// The calendar's closed form (a reflected walk) against `calendar_path` household by
    /// household, livelihoods-protection figures included: a lean stretch in which
    /// households run short and a harvest after it in which some rebuild a stock.
    #[test]
    fn calendar_expectation_agrees_with_the_closed_form_household_by_household() {
        use crate::model::season::Season;
        let (need, horizon) = (2000.0, 60u32);
        let acquisition: Vec<f64> = (0..horizon)
            .map(|d| if d < 30 { 0.5 } else { 1.5 })
            .collect();
        let running = |v: &[f64]| {
            let mut t = 0.0;
            v.iter()
                .map(|x| {
                    t += x;
                    t
                })
                .collect::<Vec<f64>>()
        };
        let ones = vec![1.0; horizon as usize];
        let season = Season {
            need: ones.clone(),
            acquisition: vec![acquisition.clone()],
            price: ones.clone(),
            stock: 1.0,
            need_per_person: need,
            need_cum: running(&ones),
            acquisition_cum: vec![running(&acquisition)],
            coping: Vec::new(),
            flat: false,
        };
        for (stock_days, acq) in [(12.0, 0.6), (30.0, 0.9), (5.0, 1.2)] {
            let g = group(stock_days, acq);
            let persons = [(1.0, 1.0)];
            let u = Untouched::new(horizon, need, &persons, &[], 1).with_protection(PROTECTION);
            let mut cell = Cell::default();
            let mut series = Series::new(horizon as usize);
            let mut roles = RoleAccumulator::new();
            let need_by_day = &season.need;
            let acq_by_day = &season.acquisition[0];
            u.expect_group_calendar(
                &g,
                need_by_day,
                acq_by_day,
                1.0,
                &mut Sinks {
                    cell: &mut cell,
                    series: &mut series,
                    roles: &mut roles,
                },
            );
            let b = brute_with(&g, need, &[], horizon, 400_000, PROTECTION, Some(&season));
            let pairs = [
                ("out", cell.out_with, b.out_with),
                ("deficit", cell.deficit_with, b.deficit_with),
                ("band_0", cell.band_with[0], b.band_with[0]),
            ];
            for (name, e, x) in pairs.into_iter().chain(protection_pairs(&cell, &b)) {
                assert!(
                    (e - x).abs() <= 2e-5 * (1.0 + x.abs()),
                    "stock {stock_days} acquisition {acq}: {name} {e} vs {x}"
                );
            }
        }
    }

    #[test]
    fn household_sizes_sum_to_one_with_the_right_mean() {
        let d = persons_distribution(3.97);
        let total: f64 = d.iter().map(|x| x.1).sum();
        let mean: f64 = d.iter().map(|x| x.0 * x.1).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert!((mean - 3.97).abs() < 1e-6);
        assert_eq!(persons_distribution(1.0), vec![(1.0, 1.0)]);
    }
}
