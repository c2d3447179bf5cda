//! The seasons and coping of one district in one world: what changes from day to day.
//!
//! A scenario's `[calendar]` gives, for each month, multipliers on the three sources of
//! acquisition (ration, market, work), on KPW prices and on the starting stock, and
//! monthly temperatures that shape the cold adjustment; `calendar.strength` scales every
//! multiplier's distance from 1. `[coping]` gives the steps by which households cut
//! their consumption before their stock runs out (MODEL.md section 5a).
//!
//! A scenario with neither section gets a *flat* season: every multiplier exactly 1 and
//! no coping step, and the engine keeps its closed forms (MODEL.md section 5), so its
//! figures are exactly those it gave before these sections existed.

use crate::output::date;
use crate::scenario::ScenarioFile;
use crate::scenario::types::Monthly;
use crate::scenario::world::{DistrictValues, WorldParams, groups_of};

/// One coping step, ready for the daily loop: below `reserve_days` of own need a
/// household eats at most `share` of its need, and scores `points` on the rCSI that day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CopingStep {
    pub reserve_days: f64,
    pub share: f64,
    pub points: f64,
}

/// The rCSI bands: 0 to 3, 4 to 18, 19 and above (a week's score).
pub const RCSI_BANDS: usize = 3;
/// The lowest score of each band above the first.
pub const RCSI_EDGES: [f64; RCSI_BANDS - 1] = [4.0, 19.0];
/// The rCSI recalls the last seven days.
pub const RCSI_WINDOW: usize = 7;

/// The rCSI band of a week's score.
#[inline]
pub fn rcsi_band(score: f64) -> usize {
    // The count of edges at or below the score, written out so that it compiles to two
    // comparisons without branches (it runs once per household and day).
    let [low, high] = RCSI_EDGES;
    usize::from(score >= low - 1e-9) + usize::from(score >= high - 1e-9)
}

/// What changes by day in one district.
#[derive(Debug, Clone)]
pub struct Season {
    /// Need on each day as a multiple of the horizon's mean daily need.
    pub need: Vec<f64>,
    /// For each wealth group, acquisition on each day as a multiple of its mean.
    pub acquisition: Vec<Vec<f64>>,
    /// KPW prices on each day as a multiple of the listed prices.
    pub price: Vec<f64>,
    /// The starting stock as a multiple of `stock_days`.
    pub stock: f64,
    /// Mean daily need per person over the horizon (kcal).
    pub need_per_person: f64,
    /// Coping steps from the mildest (largest reserve) to the most severe; shares
    /// never rise from one step to the next, and never pass 1.
    pub coping: Vec<CopingStep>,
    /// No calendar and no coping: the closed forms apply.
    pub flat: bool,
    /// Running sums of `need` and of each group's `acquisition` over the days.
    pub need_cum: Vec<f64>,
    pub acquisition_cum: Vec<Vec<f64>>,
}

/// Running sums of a series: the total up to and including each day.
fn running(v: &[f64]) -> Vec<f64> {
    let mut total = 0.0;
    v.iter()
        .map(|x| {
            total += x;
            total
        })
        .collect()
}

/// The month (0 = January) of each day of the horizon, from the start date.
pub fn months_of_horizon(start: Option<&str>, horizon: usize) -> Vec<usize> {
    let Some(Ok((y, m, d))) = start.map(date::parse) else {
        return vec![0; horizon];
    };
    let day0 = date::days_from_civil(y, m, d);
    (0..horizon)
        .map(|t| date::civil_from_days(day0 + t as i64).1 as usize - 1)
        .collect()
}

impl Season {
    /// The season of district `d` (the file's district number `district`) in world `w`:
    /// each wealth group's acquisition follows its own `[wealth_group.calendar]` where it
    /// has one, the scenario's `[calendar]` otherwise.
    pub fn new<'a>(
        sc: &'a ScenarioFile,
        w: &WorldParams,
        district: usize,
        d: &DistrictValues,
    ) -> Season {
        let horizon = (*sc.scenario.horizon_days.get_ref()).max(1) as usize;
        let flat_need = vec![1.0; horizon];
        let coping = coping_steps(w);
        let (Some(cal), Some(strength)) = (sc.calendar.as_ref(), w.calendar_strength) else {
            return Season {
                need_cum: running(&flat_need),
                acquisition_cum: vec![running(&flat_need); d.groups.len()],
                need: flat_need,
                acquisition: vec![vec![1.0; horizon]; d.groups.len()],
                price: vec![1.0; horizon],
                stock: 1.0,
                need_per_person: d.need_per_person,
                flat: coping.is_empty(),
                coping,
            };
        };
        let cal = cal.get_ref();
        let start = sc
            .scenario
            .start_date
            .as_ref()
            .map(|s| s.get_ref().as_str());
        let months = months_of_horizon(start, horizon);
        let scaled = |m: &Option<Monthly>, month: usize| {
            m.as_ref()
                .map_or(1.0, |m| (1.0 + strength * (m.get(month) - 1.0)).max(0.0))
        };
        let specs = groups_of(sc, district).0;
        let acquisition = d
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                let total: f64 = g.sources.iter().sum();
                let own = specs
                    .get(gi)
                    .and_then(|s| s.get_ref().calendar.as_ref())
                    .map(|c| c.get_ref());
                // A group's own month list replaces the scenario's for that source only.
                let pick = |scenario: &'a Option<Monthly>, group: Option<&'a Option<Monthly>>| {
                    group.filter(|m| m.is_some()).unwrap_or(scenario)
                };
                let ration = pick(&cal.ration, own.map(|c| &c.ration));
                let market = pick(&cal.market, own.map(|c| &c.market));
                let work = pick(&cal.work, own.map(|c| &c.work));
                months
                    .iter()
                    .map(|&m| {
                        if total <= 0.0 {
                            return 1.0;
                        }
                        let [r, k, w] = g.sources;
                        (r * scaled(ration, m) + k * scaled(market, m) + w * scaled(work, m))
                            / total
                    })
                    .collect()
            })
            .collect();
        let price = months.iter().map(|&m| scaled(&cal.price, m)).collect();
        let stock = scaled(&cal.stock, months.first().copied().unwrap_or(0));
        let (need, need_per_person) = match (&cal.temperature_c, w.cold) {
            (Some(t), Some((kcal, step, base))) => {
                // The calendar's monthly temperatures replace the district's mean.
                let per_day: Vec<f64> = months
                    .iter()
                    .map(|&m| w.need_kcal + kcal * ((base - t.get(m)) / step).max(0.0))
                    .collect();
                let mean = per_day.iter().sum::<f64>() / horizon as f64;
                (per_day.iter().map(|x| x / mean).collect(), mean)
            }
            _ => (flat_need, d.need_per_person),
        };
        let acquisition: Vec<Vec<f64>> = acquisition;
        Season {
            need_cum: running(&need),
            acquisition_cum: acquisition.iter().map(|a| running(a)).collect(),
            need,
            acquisition,
            price,
            stock,
            need_per_person,
            coping,
            flat: false,
        }
    }
}

impl Season {
    /// Whether day `t`'s need or any group's acquisition multiplier differs from day
    /// `t - 1`'s (day 0 always does): on the other days yesterday's products still hold.
    pub fn changes(&self, t: usize) -> bool {
        t == 0
            || self.need[t] != self.need[t - 1]
            || self.acquisition.iter().any(|g| g[t] != g[t - 1])
    }

    /// The district as the households see it under this season: the mean need over
    /// the horizon, and the starting stock of the start date's month.
    pub fn adjust(&self, d: &DistrictValues) -> DistrictValues {
        let mut d = d.clone();
        d.need_per_person = self.need_per_person;
        for g in &mut d.groups {
            g.stock_days *= self.stock;
        }
        d
    }
}

/// The world's coping steps, mildest first, with shares made never to rise.
fn coping_steps(w: &WorldParams) -> Vec<CopingStep> {
    let mut steps: Vec<CopingStep> = w
        .coping
        .iter()
        .map(|c| CopingStep {
            reserve_days: c.below_days,
            share: c.eat_share,
            points: c.points,
        })
        .collect();
    steps.sort_by(|a, b| b.reserve_days.total_cmp(&a.reserve_days));
    let mut share: f64 = 1.0;
    for s in &mut steps {
        share = share.min(s.share);
        s.share = share;
    }
    steps
}

/// What a household eats in a day from `avail` (stock plus the day's acquisition),
/// when it needs `demand` (its own need, plus its guests' if it hosts) and keeps
/// reserves in days of its own need `own`.
///
/// Without coping steps it eats `min(demand, avail)`. With steps (reserves
/// R₁ > R₂ > … > R_K, shares 1 = c₀ ≥ c₁ ≥ … ≥ c_K) it eats
/// `max over k of min(c_k·demand, (avail − R_{k+1}·own)⁺)` with R_{K+1} = 0: it
/// eats its full need while that keeps R₁ days in reserve, then only what keeps the
/// reserve but never less than c₁ of its need; once even that dips into the reserve,
/// c₁ until the next reserve, and so on; below the last it eats c_K while food lasts.
/// What is eaten and what is left both rise with `avail`, so a household with more food
/// is never worse off on any later day (the untouched households' grid relies on it).
#[inline]
pub fn coping_eat(avail: f64, demand: f64, own: f64, steps: &[CopingStep]) -> f64 {
    let avail = greater(avail, 0.0);
    let Some(first) = steps.first() else {
        return lesser(demand, avail);
    };
    // The common day: the full demand still leaves the first reserve. The first term
    // below is then exactly `demand` and no later one exceeds it (shares never pass 1),
    // so this returns what the loop would, without waiting for it.
    if keeps_first_reserve(avail, demand, own, first) {
        return demand;
    }
    let mut share = 1.0;
    let mut eat: f64 = 0.0;
    for s in steps {
        eat = greater(
            eat,
            lesser(share * demand, greater(avail - s.reserve_days * own, 0.0)),
        );
        share = s.share;
    }
    greater(eat, lesser(share * demand, avail))
}

/// The lesser of two numbers, neither of them NaN (no input is: the loader refuses
/// NaN), as one comparison: `f64::min` also tests for NaN. Equal numbers give `b`.
#[inline]
pub fn lesser(a: f64, b: f64) -> f64 {
    if a < b { a } else { b }
}

/// The greater of two numbers, neither of them NaN, as one comparison (see [`lesser`]).
#[inline]
pub fn greater(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}

/// Whether a household with `avail` (stock plus the day's acquisition) eats its full
/// `need` under [`coping_eat`] with no guests: the test of its common day, the same
/// comparison in the same arithmetic, so that `coping_eat` then returns `need`.
#[inline]
pub fn eats_full_need(avail: f64, need: f64, steps: &[CopingStep]) -> bool {
    let avail = greater(avail, 0.0);
    match steps.first() {
        Some(first) => keeps_first_reserve(avail, need, need, first),
        None => avail >= need,
    }
}

/// Whether eating the full `demand` from `avail` (at least 0) still leaves the first
/// step's reserve of `own` need: the common day of [`coping_eat`].
#[inline]
fn keeps_first_reserve(avail: f64, demand: f64, own: f64, first: &CopingStep) -> bool {
    avail - first.reserve_days * own >= demand && demand >= 0.0
}

/// The rCSI points of a day on which a household ate `eat` of `demand`: those of the
/// most severe step whose share it fell below (0 when it ate its need).
#[inline]
pub fn coping_points(eat: f64, demand: f64, steps: &[CopingStep]) -> f64 {
    let tol = 1e-9 * demand;
    let mut share = 1.0;
    let mut points = 0.0;
    for s in steps {
        if eat < share * demand - tol {
            points = s.points;
        } else {
            break;
        }
        share = s.share;
    }
    points
}

/// A week's score after one more day: yesterday's `sum`, plus today's `points`, less
/// the points of the day that left the window (`dropped`).
#[inline]
pub fn week_sum(sum: f64, points: f64, dropped: f64) -> f64 {
    let sum = sum + (points - dropped);
    // Sums of small whole numbers: exact, but keep rounding from creeping in.
    if sum.abs() < 1e-9 { 0.0 } else { sum }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps() -> Vec<CopingStep> {
        vec![
            CopingStep {
                reserve_days: 10.0,
                share: 0.8,
                points: 2.0,
            },
            CopingStep {
                reserve_days: 4.0,
                share: 0.5,
                points: 7.0,
            },
        ]
    }

    #[test]
    fn eats_in_steps_worked_by_hand() {
        let s = steps();
        // Need 100 a day, own 100: R1 = 1,000, R2 = 400.
        assert_eq!(coping_eat(5_000.0, 100.0, 100.0, &s), 100.0); // far above
        assert_eq!(coping_eat(1_050.0, 100.0, 100.0, &s), 80.0); // keeps 1,000 but not below 80
        assert_eq!(coping_eat(1_090.0, 100.0, 100.0, &s), 90.0); // keeps the 1,000 reserve
        assert_eq!(coping_eat(700.0, 100.0, 100.0, &s), 80.0); // between reserves: 0.8
        assert_eq!(coping_eat(460.0, 100.0, 100.0, &s), 60.0); // keeps 400, not below 50
        assert_eq!(coping_eat(300.0, 100.0, 100.0, &s), 50.0); // below the last reserve: 0.5
        assert_eq!(coping_eat(30.0, 100.0, 100.0, &s), 30.0); // what is left
        assert_eq!(coping_points(100.0, 100.0, &s), 0.0);
        assert_eq!(coping_points(90.0, 100.0, &s), 2.0);
        assert_eq!(coping_points(80.0, 100.0, &s), 2.0);
        assert_eq!(coping_points(60.0, 100.0, &s), 7.0);
        assert_eq!(coping_points(30.0, 100.0, &s), 7.0);
        assert_eq!(coping_eat(30.0, 100.0, 100.0, &[]), 30.0);
        assert_eq!(coping_eat(300.0, 100.0, 100.0, &[]), 100.0);
    }

    #[test]
    fn eating_and_what_is_left_never_fall_with_more_food() {
        let s = steps();
        let mut last = (0.0, 0.0);
        for i in 0..20_000 {
            let avail = i as f64 * 0.1;
            let eat = coping_eat(avail, 100.0, 100.0, &s);
            let left = avail - eat;
            assert!(
                eat >= last.0 - 1e-12 && left >= last.1 - 1e-12,
                "at {avail}"
            );
            last = (eat, left);
        }
    }

    /// The shortcut for a day on which the full demand leaves the first reserve gives
    /// bit for bit what the documented rule does: max over k of min(c_k·demand,
    /// (avail − R_{k+1}·own)⁺), and min(c_K·demand, avail) below the last reserve.
    #[test]
    fn the_full_need_shortcut_is_the_rule_bit_for_bit() {
        let s = steps();
        let rule = |avail: f64, demand: f64, own: f64| {
            let avail = avail.max(0.0);
            let shares = [1.0, 0.8, 0.5];
            let reserves = [10.0, 4.0, 0.0];
            (0..3)
                .map(|k| (shares[k] * demand).min((avail - reserves[k] * own).max(0.0)))
                .fold(0.0, f64::max)
        };
        for i in 0..4_000 {
            let avail = i as f64 * 0.37 - 5.0;
            // Own need, and a host's need with its guests' on top.
            for (demand, own) in [(100.0, 100.0), (130.0, 100.0), (97.3, 97.3)] {
                let eat = coping_eat(avail, demand, own, &s);
                assert_eq!(eat.to_bits(), rule(avail, demand, own).to_bits(), "{avail}");
            }
        }
    }

    #[test]
    fn a_week_sums_seven_days() {
        // Three points a day: the ring of the last seven days fills, then holds 21.
        let (mut ring, mut week) = ([0.0; RCSI_WINDOW], 0.0);
        let scores: Vec<f64> = (0..10)
            .map(|d| {
                week = week_sum(week, 3.0, ring[d % RCSI_WINDOW]);
                ring[d % RCSI_WINDOW] = 3.0;
                week
            })
            .collect();
        assert_eq!(scores[0], 3.0);
        assert_eq!(scores[6], 21.0);
        assert_eq!(scores[9], 21.0);
        assert_eq!(rcsi_band(3.0), 0);
        assert_eq!(rcsi_band(4.0), 1);
        assert_eq!(rcsi_band(18.0), 1);
        assert_eq!(rcsi_band(19.0), 2);
    }

    /// Every input at its fixed value.
    struct Fixed;

    impl crate::scenario::world::ParamVisitor for Fixed {
        fn value(
            &mut self,
            _path: &str,
            param: &crate::scenario::types::Param,
            _domain: crate::scenario::world::Domain,
        ) -> f64 {
            param.get_ref().dist.centre()
        }
    }

    /// Two groups with sources [r, k, w] = [0.2, 0.5, 0.1]; the scenario's October
    /// multipliers 1.4 (ration), 1.2 (market), 1.3 (work) at strength 0.5; the first
    /// group's own market multiplier for October is 0.6. Worked by hand on day 0
    /// (10 October): ration 1 + 0.5 × 0.4 = 1.2, work 1 + 0.5 × 0.3 = 1.15, market
    /// 1 + 0.5 × (0.6 − 1) = 0.8 for the first group and 1 + 0.5 × 0.2 = 1.1 for the
    /// second; acquisition (0.2 × 1.2 + 0.5 × 0.8 + 0.1 × 1.15) / 0.8 = 0.755 / 0.8 =
    /// 0.94375 and (0.24 + 0.55 + 0.115) / 0.8 = 0.905 / 0.8 = 1.13125. On day 22
    /// (1 November, every multiplier 1 but the first group's market 0.5): market
    /// 1 + 0.5 × (0.5 − 1) = 0.75, so (0.2 + 0.375 + 0.1) / 0.8 = 0.84375, and 1.
    #[test]
    fn a_group_calendar_replaces_its_sources_multipliers_worked_by_hand() {
        let months = |oct: f64, nov: f64| {
            let mut m = [1.0; 12];
            m[9] = oct;
            m[10] = nov;
            let m: Vec<String> = m.iter().map(|x| x.to_string()).collect();
            format!("{{ months = [{}] }}", m.join(", "))
        };
        let group = |name: &str| {
            format!(
                "[[wealth_group]]\nname = \"{name}\"\nshare = 0.5\nstock_days = 10\n\
                 ration_share = 0.2\nmarket_share = 0.5\nwork_share = 0.1\n"
            )
        };
        let text = format!(
            "[scenario]\nname = \"t\"\nstart_date = \"2020-10-10\"\nhorizon_days = 25\n\
             [release]\ntotal = 10\nshare_homeless = 0.5\nrecovery_extra_kcal = 0\nrecovery_days = 0\n\
             [[package.item]]\nname = \"corn\"\nquantity = 10\nunit = \"kg\"\nkcal_per_unit = 3650\nprice_kpw_per_unit = 1500\n\
             [calendar]\nstrength = 0.5\nration = {}\nmarket = {}\nwork = {}\n\
             {}[wealth_group.calendar]\nmarket = {}\n{}\
             [[district]]\nname = \"A\"\nhouseholds = 100\npersons_per_household = 4\n\
             households_per_inminban = 20\nmaize_price_kpw = 1500\n",
            months(1.4, 1.0),
            months(1.2, 1.0),
            months(1.3, 1.0),
            group("poor"),
            months(0.6, 0.5),
            group("better-off"),
        );
        let sc = crate::scenario::load_str("t", &text).expect("the test scenario loads");
        let w = crate::scenario::world::resolve(&sc.file, &mut Fixed);
        let season = Season::new(&sc.file, &w, 0, &w.districts[0]);
        // (group, day, worked by hand)
        for (g, t, want) in [
            (0, 0, 0.94375),
            (1, 0, 1.13125),
            (0, 22, 0.84375),
            (1, 22, 1.0),
        ] {
            let got = season.acquisition[g][t];
            assert!((got - want).abs() < 1e-12, "group {g}, day {t}: {got}");
        }
    }

    #[test]
    fn months_follow_the_start_date() {
        let m = months_of_horizon(Some("2020-10-30"), 4);
        assert_eq!(m, vec![9, 9, 10, 10]);
        let m = months_of_horizon(Some("2021-12-31"), 2);
        assert_eq!(m, vec![11, 0]);
    }
}
