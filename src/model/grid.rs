//! Households the release does not reach in person, under a season that is not flat.
//!
//! With a calendar (acquisition and need by month) or coping steps, a household's path
//! has no closed form on the stock, so [`untouched`](super::untouched)'s exact
//! integral gives way to a grid: `STOCK_POINTS` evenly spaced normal scores of the
//! lognormal stock (trapezoidal weights over [−6, 6]) for each point of the
//! acquisition grid and, under a district-wide levy, each household size. Every grid
//! household is stepped day by day ([`season_paths`]).
//!
//! Sums (deficits, levies, rCSI) are the grid's weighted sums. Yes-or-no figures
//! (ran out, paid a levy, IPC-style band) would move in steps of a grid weight, so
//! they are read as thresholds instead: eating and what is left both rise with the
//! stock ([`coping_eat`](super::season::coping_eat)), so each such figure is true
//! below a threshold stock, found by linear interpolation, in the stock, between the
//! two grid households on either side of it; its share is then the lognormal's CDF at
//! that threshold. The rCSI bands and the role table stay on the grid's weights.

use super::household::{
    Household, LevyCall, PROTECTION_EDGES, Path, Trace, band, food_lost, record, season_paths,
};
use super::results::{BANDS, Cell, Roles};
use super::rng::normal_cdf;
use super::season::{Season, rcsi_band};
use super::untouched::{BAND_EDGES, Sinks, normal_grid};
use crate::scenario::world::GroupValues;

/// The deficit share at which the first IPC-style band edge is drawn (`BAND_EDGES[0]`).
const EMPTY_DEFICIT: f64 = BAND_EDGES[0];

/// Points of the grid over the stock's normal score.
pub const STOCK_POINTS: usize = 24;

/// What every untouched household of a district shares under a season.
pub struct SeasonGrid<'a> {
    pub horizon: u32,
    pub need_per_person: f64,
    /// Livelihoods-protection spending per person per day (kcal; 0 without `[livelihoods]`).
    pub protection_per_person: f64,
    pub persons: &'a [(f64, f64)],
    /// District-wide levies within the horizon, in day order.
    pub calls: Vec<LevyCall>,
    pub strata: usize,
    pub season: &'a Season,
}

/// One grid household's two paths and its day-by-day records.
struct Point<'a> {
    stock: f64,
    weight: f64,
    with: &'a Path,
    without: &'a Path,
    trace_with: &'a Trace,
    trace_without: &'a Trace,
}

/// The grid households' paths and traces with the release and, under a district-wide
/// levy, without it; without a levy the two are the same and are held once.
struct Walks {
    with: Vec<Path>,
    with_traces: Vec<Trace>,
    without: Option<(Vec<Path>, Vec<Trace>)>,
}

impl Walks {
    /// The grid's points: each household with its weight, paths and traces.
    fn points<'a>(
        &'a self,
        households: &[Household],
        weights: impl Iterator<Item = f64>,
    ) -> Vec<Point<'a>> {
        let (without, without_traces) = match &self.without {
            Some((p, t)) => (p, t),
            None => (&self.with, &self.with_traces),
        };
        households
            .iter()
            .zip(weights)
            .zip(self.with.iter().zip(&self.with_traces))
            .zip(without.iter().zip(without_traces))
            .map(
                |(((h, weight), (with, trace_with)), (without, trace_without))| Point {
                    stock: h.stock,
                    weight,
                    with,
                    without,
                    trace_with,
                    trace_without,
                },
            )
            .collect()
    }
}

impl SeasonGrid<'_> {
    /// Adds the expected figures of `households` households of group `group` to the sinks.
    pub fn expect_group(&self, group: usize, g: &GroupValues, households: f64, out: &mut Sinks) {
        if households <= 0.0 {
            return;
        }
        let s = g.acquisition_spread.max(0.0);
        let strata = if s < 1e-12 { 1 } else { self.strata.max(1) };
        let sigma = g.stock_spread.max(0.0);
        let stock_grid = if sigma < 1e-12 {
            vec![(0.0, 1.0)]
        } else {
            normal_grid(STOCK_POINTS)
        };
        let sizes: Vec<(f64, f64)> = if self.calls.is_empty() {
            vec![(self.persons.iter().map(|(p, w)| p * w).sum(), 1.0)]
        } else {
            self.persons.to_vec()
        };
        for (za, share) in normal_grid(strata) {
            let acq_share = g.acquisition * (s * za - 0.5 * s * s).exp();
            for &(persons, p) in &sizes {
                let need = persons * self.need_per_person;
                let members: Vec<Household> = stock_grid
                    .iter()
                    .map(|&(z, _)| Household {
                        group,
                        persons,
                        need,
                        stock: g.stock_days * (sigma * z).exp() * need,
                        acquisition: acq_share * need,
                        willing: false,
                        protection: persons * self.protection_per_person,
                    })
                    .collect();
                let weights = stock_grid.iter().map(|&(_, w)| w * households * share * p);
                let walks = self.walks(&members);
                self.add(
                    &walks.points(&members, weights),
                    g,
                    persons,
                    need,
                    sigma,
                    out,
                );
            }
        }
    }

    /// The grid households' paths with and without the release, stepped together.
    fn walks(&self, households: &[Household]) -> Walks {
        let (season, horizon) = (self.season, self.horizon);
        let mut with_traces = vec![Trace::default(); households.len()];
        let with = season_paths(
            households,
            &self.calls,
            season,
            horizon,
            Some(&mut with_traces),
        );
        let without = (!self.calls.is_empty()).then(|| {
            let mut t = vec![Trace::default(); households.len()];
            (
                season_paths(households, &[], season, horizon, Some(&mut t)),
                t,
            )
        });
        Walks {
            with,
            with_traces,
            without,
        }
    }

    /// Adds one grid's households: sums on the grid, yes-or-no figures as thresholds.
    fn add(
        &self,
        points: &[Point],
        g: &GroupValues,
        persons: f64,
        need: f64,
        sigma: f64,
        out: &mut Sinks,
    ) {
        let total: f64 = points.iter().map(|p| p.weight).sum();
        let need_total = need * f64::from(self.horizon);
        let tol = super::household::EMPTY * need;
        let h = Household {
            group: 0,
            persons,
            need,
            stock: 0.0,
            acquisition: 0.0,
            willing: false,
            protection: persons * self.protection_per_person,
        };
        let mut cell = Cell::default();
        for p in points {
            let losses = super::household::Losses::default();
            record(
                &mut cell,
                &h,
                p.with,
                p.without,
                &losses,
                p.weight,
                self.horizon,
            );
            let lost = food_lost(p.with, &losses);
            let roles = Roles::of(
                false,
                false,
                false,
                false,
                p.with.levy_kcal > 0.0,
                lost > 0.0,
            );
            let sums = super::role_sums(&h, p.with, p.without, lost, p.weight, self.horizon);
            out.roles.household(roles, &sums);
        }
        // Yes-or-no figures as thresholds on the stock.
        let median = g.stock_days * need;
        let share_below = |f: &dyn Fn(&Point) -> f64, level: f64| {
            threshold_share(points, median, sigma, f, level)
        };
        let out_with = share_below(&|p| *p.trace_with.min_stock.last().unwrap_or(&0.0), tol);
        let out_without = share_below(&|p| *p.trace_without.min_stock.last().unwrap_or(&0.0), tol);
        cell.out_with = total * out_with;
        cell.out_without = total * out_without;
        if let Some(first) = self.calls.first() {
            // A levy is paid unless the stock ran out before the first one.
            let unpaid = match first.day.checked_sub(1) {
                Some(before) => share_below(&|p| p.trace_with.min_stock[before as usize], tol),
                None => 0.0,
            };
            cell.levied_households = total * (1.0 - unpaid);
            cell.affected_households = cell.levied_households;
        }
        let spending = h.protection * f64::from(self.horizon);
        for (path_of, bands, lp_bands) in [
            (
                (|p: &Point| p.with) as for<'a> fn(&'a Point<'a>) -> &'a Path,
                &mut cell.band_with,
                &mut cell.protection_band_with,
            ),
            (
                |p: &Point| p.without,
                &mut cell.band_without,
                &mut cell.protection_band_without,
            ),
        ] {
            let mut at_least = [0.0; BANDS - 1];
            for (a, edge) in at_least.iter_mut().zip(BAND_EDGES) {
                *a = share_below(&|p| -path_of(p).deficit / need_total, -edge);
            }
            // Any deficit at all: the household that would always eat its full need
            // dipped below its first reserve (see `Trace::min_slack`).
            let with = std::ptr::eq(path_of(&points[0]), points[0].with);
            at_least[0] = share_below(
                &|p| {
                    if with {
                        p.trace_with.min_slack
                    } else {
                        p.trace_without.min_slack
                    }
                },
                -EMPTY_DEFICIT * need_total,
            );
            let shares = super::untouched::band_shares(&at_least);
            for b in 0..BANDS {
                bands[b] = total * persons * shares[b];
            }
            if spending > 0.0 {
                // The shortfall against the whole threshold, survival deficit + spending −
                // stock left, falls as the stock rises (it is the spending less stock,
                // acquisition and levies: see `household::protection_deficit`).
                let survival = at_least[0];
                let [any, severe] = PROTECTION_EDGES.map(|e| {
                    let level = -e;
                    share_below(
                        &|p| {
                            let q = path_of(p);
                            -(q.deficit + spending - q.end_stock) / spending
                        },
                        level,
                    )
                    .max(survival)
                });
                let lp = [
                    1.0 - any,
                    (any - severe).max(0.0),
                    (severe - survival).max(0.0),
                ];
                for (b, share) in lp_bands.iter_mut().zip(lp) {
                    *b = total * persons * share;
                }
            }
        }
        out.cell.add(&cell);
        // Day by day: run out by each day (as thresholds), and rCSI of 19 or more. The
        // least stock so far never rises from one day to the next, so the points found
        // at or below `tol` on one day are still so on the next: each day's search
        // starts where the last one stopped.
        let mut before = [0.0, 0.0];
        let mut from = [0, 0];
        for day in 0..self.horizon as usize {
            let now = [
                threshold_share_from(
                    points,
                    median,
                    sigma,
                    &|p| p.trace_with.min_stock[day],
                    tol,
                    &mut from[0],
                ),
                threshold_share_from(
                    points,
                    median,
                    sigma,
                    &|p| p.trace_without.min_stock[day],
                    tol,
                    &mut from[1],
                ),
            ];
            out.series.out_with[day] += total * (now[0] - before[0]);
            out.series.out_without[day] += total * (now[1] - before[1]);
            before = now;
        }
        // Each grid household's weight on the days it is at 4 or more and at 19 or
        // more, added in grid order on each day; one not there adds 0.0, which changes
        // no sum. A household at a time, so that its days are read in a row.
        let days = self.horizon as usize;
        let series = &mut out.series;
        let (at_4_with, at_19_with, at_4_without, at_19_without) = (
            &mut series.rcsi4_with[..days],
            &mut series.rcsi19_with[..days],
            &mut series.rcsi4_without[..days],
            &mut series.rcsi19_without[..days],
        );
        for p in points {
            let (with, without) = (&p.trace_with.rcsi[..days], &p.trace_without.rcsi[..days]);
            // Without a district-wide levy the two traces are one: its bands are read once.
            let one = std::ptr::eq(p.trace_with, p.trace_without);
            let at = |yes: bool| if yes { p.weight } else { 0.0 };
            for day in 0..days {
                let with = rcsi_band(with[day]);
                let without = if one { with } else { rcsi_band(without[day]) };
                at_4_with[day] += at(with >= 1);
                at_19_with[day] += at(with == 2);
                at_4_without[day] += at(without >= 1);
                at_19_without[day] += at(without == 2);
            }
        }
        debug_assert!(band(0.0) == 0);
    }
}

/// The share of households whose `f` is at most `level`, where `f` never falls as the
/// stock rises: the lognormal CDF at the stock where `f` crosses `level`, found by
/// linear interpolation between the grid households on either side.
fn threshold_share(
    points: &[Point],
    median: f64,
    sigma: f64,
    f: &dyn Fn(&Point) -> f64,
    level: f64,
) -> f64 {
    threshold_share_from(points, median, sigma, f, level, &mut 0)
}

/// [`threshold_share`] when `f` is known to be at most `level` on the points before
/// `*from`: the search for the first point above starts there, and `*from` becomes
/// that point (or the number of points when there is none).
fn threshold_share_from(
    points: &[Point],
    median: f64,
    sigma: f64,
    f: &dyn Fn(&Point) -> f64,
    level: f64,
    from: &mut usize,
) -> f64 {
    let start = (*from).min(points.len());
    let Some(first_above) = points[start..]
        .iter()
        .position(|p| f(p) > level)
        .map(|i| start + i)
    else {
        *from = points.len();
        return 1.0;
    };
    *from = first_above;
    if first_above == 0 {
        // Even the grid's poorest household is above: only the tail beyond −6 sd is not.
        return 0.0;
    }
    if sigma < 1e-12 || median <= 0.0 {
        return 1.0;
    }
    let (a, b) = (&points[first_above - 1], &points[first_above]);
    let (fa, fb) = (f(a), f(b));
    let t = if fb > fa {
        ((level - fa) / (fb - fa)).clamp(0.0, 1.0)
    } else {
        0.5
    };
    let x = a.stock + t * (b.stock - a.stock);
    normal_cdf((x / median).ln() / sigma)
}
