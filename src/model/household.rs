//! Households: how they are drawn, and how a household's stock evolves when nothing
//! but lump-sum levies happens to it (a closed form, used for the counterfactual and
//! for households the release does not reach directly).

use rand::Rng;
use rand_distr::{Distribution, Poisson, StandardNormal};

use super::results::{BANDS, Cell};
use crate::scenario::dist::unit;
use crate::scenario::world::{DistrictValues, GroupValues};

/// One household at the start of the horizon.
#[derive(Debug, Clone)]
pub struct Household {
    pub group: usize,
    pub persons: f64,
    /// Own members' energy need per day (kcal).
    pub need: f64,
    /// Food stock at the start (kcal).
    pub stock: f64,
    /// Food acquired per day from rations, market and work (kcal).
    pub acquisition: f64,
    /// Willing to share with released people at inns.
    pub willing: bool,
}

/// A lump-sum levy a household is asked for on one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LevyCall {
    pub day: u32,
    /// kcal of maize equivalent.
    pub kcal: f64,
    pub kpw: f64,
}

/// What happened to a household over the horizon in one branch (with or without the release).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Path {
    /// The first day at whose end the stock was gone.
    pub out_day: Option<u32>,
    /// Own members' need not met (kcal).
    pub deficit: f64,
    /// Asked to pay a levy (whether or not it could).
    pub levy_asked: bool,
    /// Levy asked for and levy paid (kcal of maize equivalent); the office covers the difference.
    pub levy_owed: f64,
    pub levy_kcal: f64,
    /// The part of `levy_kcal` paid to levies called in the household's own unit (the rest
    /// went to district-wide levies).
    pub levy_unit_kcal: f64,
    pub levy_kpw: f64,
    /// Sum over levies of the levy as a share of the stock held just before it.
    pub levy_stock_share: f64,
}

/// Stock below this share of a day's need counts as gone (guards against rounding).
pub const EMPTY: f64 = 1e-9;

/// Pays a levy from stock; returns (paid kcal, paid KPW, share of the stock it took).
pub fn pay_levy(stock: &mut f64, call_kcal: f64, call_kpw: f64) -> (f64, f64, f64) {
    let before = stock.max(0.0);
    let paid = call_kcal.min(before);
    *stock -= paid;
    let kpw = if call_kcal > 0.0 {
        call_kpw * paid / call_kcal
    } else {
        0.0
    };
    let share = if before > 0.0 { paid / before } else { 0.0 };
    (paid, kpw, share)
}

/// The household's path when its only events are lump-sum levies, in closed form.
///
/// Each day the household acquires, then eats its need from stock plus acquisition.
/// Between levies the stock moves linearly by `acquisition - need` and stops at zero, so
/// each stretch is solved at once; this agrees with the day-by-day loop in `unit.rs`.
pub fn closed_form(h: &Household, levies: &[LevyCall], horizon: u32) -> Path {
    let mut path = Path::default();
    let tol = EMPTY * h.need;
    let mut stock = h.stock;
    let mut day = 0u32;
    let mut next = 0usize;
    while day < horizon {
        while next < levies.len() && levies[next].day == day {
            let c = levies[next];
            if c.kcal > 0.0 {
                let (paid, kpw, share) = pay_levy(&mut stock, c.kcal, c.kpw);
                path.levy_asked = true;
                path.levy_owed += c.kcal;
                path.levy_kcal += paid;
                path.levy_kpw += kpw;
                path.levy_stock_share += share;
            }
            next += 1;
        }
        let end = levies.get(next).map_or(horizon, |c| c.day.min(horizon));
        let m = (end - day) as f64;
        let net = h.acquisition - h.need;
        if net >= 0.0 {
            if path.out_day.is_none() && stock + net <= tol {
                path.out_day = Some(day);
            }
            stock += m * net;
        } else {
            let drain = -net;
            if path.out_day.is_none() {
                // First j >= 1 with stock - j * drain <= tol.
                let j = ((stock - tol) / drain).ceil().max(1.0);
                if j <= m {
                    path.out_day = Some(day + j as u32 - 1);
                }
            }
            path.deficit += (m * drain - stock).max(0.0);
            stock = (stock - m * drain).max(0.0);
        }
        day = end;
    }
    path
}

/// Draws households of one district.
pub struct HouseholdFactory<'a> {
    district: &'a DistrictValues,
    cumulative: Vec<f64>,
    persons_extra: Option<Poisson<f64>>,
    propensity: f64,
}

impl<'a> HouseholdFactory<'a> {
    pub fn new(district: &'a DistrictValues, propensity: f64) -> Self {
        let mut acc = 0.0;
        let cumulative = district
            .groups
            .iter()
            .map(|g| {
                acc += g.share;
                acc
            })
            .collect();
        let persons_extra = Poisson::new(district.persons_per_household - 1.0).ok();
        HouseholdFactory {
            district,
            cumulative,
            persons_extra,
            propensity,
        }
    }

    fn persons<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        1.0 + self.persons_extra.as_ref().map_or(0.0, |p| p.sample(rng))
    }

    fn build<R: Rng + ?Sized>(
        &self,
        group: usize,
        z_stock: f64,
        z_acq: f64,
        rng: &mut R,
    ) -> Household {
        let g: &GroupValues = &self.district.groups[group];
        let persons = self.persons(rng);
        let need = persons * self.district.need_per_person;
        let stock_days = g.stock_days * (g.stock_spread * z_stock).exp();
        let s = g.acquisition_spread;
        let acq_share = g.acquisition * (s * z_acq - s * s / 2.0).exp();
        let willing = unit(rng) < self.propensity;
        Household {
            group,
            persons,
            need,
            stock: stock_days * need,
            acquisition: acq_share * need,
            willing,
        }
    }

    /// One household of a random wealth group.
    pub fn random<R: Rng + ?Sized>(&self, rng: &mut R) -> Household {
        let u = unit(rng);
        let group = self
            .cumulative
            .iter()
            .position(|c| u < *c)
            .unwrap_or(self.cumulative.len() - 1);
        let z1: f64 = StandardNormal.sample(rng);
        let z2: f64 = StandardNormal.sample(rng);
        self.build(group, z1, z2, rng)
    }
}

/// The survival-deficit band of a household: 0 none (IPC-style phase 1–2), 1 under 20%
/// (3), 2 from 20% to under 50% (4), 3 at or above 50% (5).
pub fn band(deficit_share: f64) -> usize {
    if deficit_share <= 1e-9 {
        0
    } else if deficit_share < 0.2 {
        1
    } else if deficit_share < 0.5 {
        2
    } else {
        BANDS - 1
    }
}

/// What the release took from one household, beyond its path.
#[derive(Debug, Clone, Default)]
pub struct Losses {
    pub shared: f64,
    pub taken: f64,
    pub host_fed: f64,
}

/// Food the release took from a household: levy paid, shared, taken, fed to guests (kcal).
pub fn food_lost(with: &Path, losses: &Losses) -> f64 {
    with.levy_kcal + losses.shared + losses.taken + losses.host_fed
}

/// Adds one household (standing for `weight` real ones) to its cell.
pub fn record(
    cell: &mut Cell,
    h: &Household,
    with: &Path,
    without: &Path,
    losses: &Losses,
    weight: f64,
    horizon: u32,
) {
    let need_total = h.need * horizon as f64;
    cell.households += weight;
    cell.persons += weight * h.persons;
    cell.need_total += weight * need_total;
    cell.out_with += weight * f64::from(u8::from(with.out_day.is_some()));
    cell.out_without += weight * f64::from(u8::from(without.out_day.is_some()));
    cell.deficit_with += weight * with.deficit;
    cell.deficit_without += weight * without.deficit;
    if with.levy_asked {
        cell.levy_asked_households += weight;
        cell.levy_owed_kcal += weight * with.levy_owed;
    }
    // A levied household is one that paid something; one asked with nothing left to
    // give is counted only as asked (its levy is uncollected).
    if with.levy_kcal > 0.0 {
        cell.levied_households += weight;
        cell.levy_kcal += weight * with.levy_kcal;
        cell.levy_kpw += weight * with.levy_kpw;
        cell.levy_days += weight * with.levy_kcal / h.need;
        cell.levy_stock_share += weight * with.levy_stock_share;
    }
    let lost = food_lost(with, losses);
    if lost > 0.0 {
        cell.affected_households += weight;
        cell.food_lost_kcal += weight * lost;
        cell.food_lost_days += weight * lost / h.need;
    }
    cell.shared_kcal += weight * losses.shared;
    cell.taken_kcal += weight * losses.taken;
    cell.host_fed_kcal += weight * losses.host_fed;
    cell.band_with[band(with.deficit / need_total)] += weight * h.persons;
    cell.band_without[band(without.deficit / need_total)] += weight * h.persons;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hh(stock: f64, acq: f64) -> Household {
        Household {
            group: 0,
            persons: 1.0,
            need: 2000.0,
            stock,
            acquisition: acq,
            willing: false,
        }
    }

    /// The same household stepped day by day, as the unit simulation does.
    fn brute(h: &Household, levies: &[LevyCall], horizon: u32) -> Path {
        let mut p = Path::default();
        let mut s = h.stock;
        for day in 0..horizon {
            for c in levies.iter().filter(|c| c.day == day && c.kcal > 0.0) {
                let (paid, kpw, share) = pay_levy(&mut s, c.kcal, c.kpw);
                p.levy_asked = true;
                p.levy_owed += c.kcal;
                p.levy_kcal += paid;
                p.levy_kpw += kpw;
                p.levy_stock_share += share;
            }
            s += h.acquisition;
            let eat = h.need.min(s);
            p.deficit += h.need - eat;
            s -= eat;
            if p.out_day.is_none() && s <= EMPTY * h.need {
                p.out_day = Some(day);
            }
        }
        p
    }

    #[test]
    fn runs_out_on_the_day_worked_by_hand() {
        // 10,000 kcal stock, 1,000 acquired, 2,000 needed: 1,000 a day drain, gone at the end of day 9.
        let p = closed_form(&hh(10_000.0, 1000.0), &[], 30);
        assert_eq!(p.out_day, Some(9));
        // 30 days x 1,000 short, minus the 10,000 stock.
        assert!((p.deficit - 20_000.0).abs() < 1e-6);
    }

    #[test]
    fn levy_brings_run_out_forward() {
        let levy = [LevyCall {
            day: 2,
            kcal: 4_000.0,
            kpw: 400.0,
        }];
        let p = closed_form(&hh(10_000.0, 1000.0), &levy, 30);
        // After day 1: 8,000 left; levy 4,000 leaves 4,000; gone after 4 more days (day 5).
        assert_eq!(p.out_day, Some(5));
        assert!((p.levy_kcal - 4000.0).abs() < 1e-9);
        assert!((p.levy_stock_share - 0.5).abs() < 1e-12);
        assert!((p.deficit - 24_000.0).abs() < 1e-6);
    }

    #[test]
    fn closed_form_matches_day_by_day() {
        let cases = [
            (5_000.0, 0.0, vec![]),
            (
                12_345.0,
                1999.0,
                vec![LevyCall {
                    day: 0,
                    kcal: 300.0,
                    kpw: 30.0,
                }],
            ),
            (
                100.0,
                2500.0,
                vec![LevyCall {
                    day: 3,
                    kcal: 1e6,
                    kpw: 10.0,
                }],
            ),
            (0.0, 2000.0, vec![]),
            (
                50_000.0,
                500.0,
                vec![
                    LevyCall {
                        day: 5,
                        kcal: 7000.0,
                        kpw: 1.0,
                    },
                    LevyCall {
                        day: 40,
                        kcal: 7000.0,
                        kpw: 1.0,
                    },
                ],
            ),
        ];
        for (stock, acq, levies) in cases {
            let h = hh(stock, acq);
            let a = closed_form(&h, &levies, 60);
            let b = brute(&h, &levies, 60);
            assert_eq!(a.out_day, b.out_day, "stock {stock} acq {acq}");
            assert!((a.deficit - b.deficit).abs() < 1e-6 * (1.0 + b.deficit));
            assert!((a.levy_kcal - b.levy_kcal).abs() < 1e-9);
        }
    }

    #[test]
    fn bands_follow_ipc_hea_thresholds() {
        assert_eq!(band(0.0), 0);
        assert_eq!(band(0.1), 1);
        assert_eq!(band(0.2), 2);
        assert_eq!(band(0.49), 2);
        assert_eq!(band(0.5), 3);
    }
}
