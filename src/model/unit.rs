//! One inminban with released people, day by day.
//!
//! This is where the release meets households: the levy on the day people arrive,
//! hosts feeding their guests, informal sharing with people at inns, and incidents
//! when the released go unfed. Households of the unit interact only here.

use rand::Rng;

use super::household::{EMPTY, Household, LevyCall, Losses, Path, pay_levy};
use super::results::{ReleasedTotals, Series};
use super::rng::poisson;
use super::season::{
    CopingStep, RCSI_WINDOW, Season, coping_eat, coping_points, greater, lesser, rcsi_band,
    week_sum,
};
use crate::scenario::LevyBase;
use crate::scenario::dist::unit as uniform01;

/// Above this many incidents per household in a day, incidents are spread evenly
/// instead of one by one (the loop would otherwise grow with an absurd incident rate).
const MANY_INCIDENTS_PER_HOUSEHOLD: u64 = 64;

/// Released people who arrive in a unit on the same day and live in the same place.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    pub day: u32,
    pub count: f64,
    /// The host household (index within the unit), or `None` for people at inns.
    pub host: Option<usize>,
}

/// Everything a unit needs to know about its district and world.
#[derive(Debug, Clone)]
pub struct UnitRules<'a> {
    pub horizon: u32,
    pub need_per_person: f64,
    pub recovery_extra: f64,
    pub recovery_days: f64,
    /// Food energy in one person's package (kcal).
    pub package_food: f64,
    /// The residents' share of one package, in kcal of maize equivalent and KPW.
    pub levy_kcal: f64,
    pub levy_kpw: f64,
    pub levy_base: LevyBase,
    /// Levies every household of the district pays (district-wide base).
    pub district_calls: &'a [LevyCall],
    pub share_floor_days: f64,
    pub share_max: f64,
    pub incident_rate: f64,
    pub take_kcal: f64,
    pub threshold_kcal: f64,
    pub floor_kcal: f64,
    /// Need, acquisition and prices by day, and the coping steps.
    pub season: &'a Season,
}

impl UnitRules<'_> {
    fn person_need(&self, day: u32, arrival: u32) -> f64 {
        let recovering = f64::from(day - arrival) < self.recovery_days;
        self.need_per_person * self.season.need[day as usize]
            + if recovering { self.recovery_extra } else { 0.0 }
    }
}

/// What the unit's households went through, in household order (held in the
/// [`Scratch`] until the next unit).
pub struct UnitRun<'a> {
    pub paths: &'a [Path],
    pub losses: &'a [Losses],
    /// Each cohort's unmet need over the horizon (kcal, all its people).
    pub cohort_unmet: &'a [f64],
}

/// The working space of [`simulate`], kept from one unit to the next so that a
/// district's units reuse the same memory. Every buffer is cleared and filled anew for
/// each unit, so nothing of one unit reaches the next.
#[derive(Debug, Default)]
pub struct Scratch {
    stock: Vec<f64>,
    need: Vec<f64>,
    acquisition: Vec<f64>,
    /// The unit's households in working order (the willing first), and where each
    /// household (in the unit's order) is in it.
    order: Vec<usize>,
    at: Vec<usize>,
    /// The households that host, in working order, listed in the unit's order.
    host_list: Vec<usize>,
    /// The stock above which each household shares (infinite if it is not willing).
    floor: Vec<f64>,
    max_give: Vec<f64>,
    empty: Vec<f64>,
    deficit: Vec<f64>,
    out_day: Vec<u32>,
    guest_need: Vec<f64>,
    guest_fill: Vec<f64>,
    pantry: Vec<f64>,
    unmet: Vec<f64>,
    eaten: Vec<f64>,
    /// Each cohort's need per person today.
    person_need: Vec<f64>,
    calls: Vec<f64>,
    shared: Vec<f64>,
    gave: Vec<f64>,
    hosts: Vec<(usize, f64, f64, u32)>,
    need_d: Vec<f64>,
    acq_d: Vec<f64>,
    ate: Vec<f64>,
    points: Vec<f64>,
    rings: Vec<[f64; RCSI_WINDOW]>,
    weeks: Vec<f64>,
    days_4: Vec<u32>,
    days_19: Vec<u32>,
    rcsi: Vec<f64>,
    group: Vec<usize>,
    acq_by_group: Vec<f64>,
    host_from: Vec<u32>,
    paths: Vec<Path>,
    losses: Vec<Losses>,
    cohort_unmet: Vec<f64>,
}

/// `v` made `n` copies of `x`, in the memory it already has.
fn fill<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}

/// Households `eat_day` takes at once: four lanes of 64-bit floats in the 256-bit vector
/// instructions of current x86-64 processors, twice over as the compiler unrolls it.
const LANES: usize = 8;

/// `v` made the items of `items`, in the memory it already has.
fn refill<T>(v: &mut Vec<T>, items: impl Iterator<Item = T>) {
    v.clear();
    v.extend(items);
}

/// Simulates a unit over the horizon. Released totals and series are added with `weight`.
#[allow(clippy::too_many_arguments)]
pub fn simulate<'a, R: Rng + ?Sized>(
    rules: &UnitRules,
    households: &[Household],
    cohorts: &[Cohort],
    rng: &mut R,
    weight: f64,
    released: &mut ReleasedTotals,
    series: &mut Series,
    scratch: &'a mut Scratch,
) -> UnitRun<'a> {
    let n = households.len();
    let k = cohorts.len();
    let Scratch {
        stock,
        need,
        acquisition,
        order,
        at,
        host_list,
        floor,
        max_give,
        empty,
        deficit,
        out_day,
        guest_need,
        guest_fill,
        pantry,
        unmet,
        eaten,
        person_need,
        calls,
        shared,
        gave,
        hosts,
        need_d,
        acq_d,
        ate,
        points,
        rings,
        weeks,
        days_4,
        days_19,
        rcsi,
        group,
        acq_by_group,
        host_from,
        paths,
        losses,
        cohort_unmet,
    } = scratch;
    // The households are worked on with the willing first (each group in the unit's
    // order), so that the sharing pass runs over the willing alone. Households do not
    // interact within a day except through sharing and incidents, which keep the
    // unit's order (as do the sums over hosts), so the order changes no figure. Paths
    // and losses are kept in the unit's order.
    refill(order, (0..n).filter(|&h| households[h].willing));
    let willing = order.len();
    order.extend((0..n).filter(|&h| !households[h].willing));
    fill(at, n, 0);
    for (i, &h) in order.iter().enumerate() {
        at[h] = i;
    }
    let (order, at) = (&order[..], &at[..]);
    // A cohort's host in working order.
    let host_of = |co: &Cohort| co.host.map(|h| at[h]);
    // `eat_day` takes the households LANES at a time with vector instructions; its
    // arrays (and `share_day`'s) run on to a whole number of such blocks with empty
    // households (no stock, need or acquisition, an infinite sharing floor), so that no
    // real household is left to the slow one-at-a-time tail. They change nothing:
    // nothing else reads past `n`.
    let width = n.next_multiple_of(LANES);
    // The sharing pass: the willing, run on to a whole number of blocks.
    let share_width = willing.next_multiple_of(LANES);
    // The working arrays, in one pass over the households in working order. The
    // padding is an empty household that never shares.
    fill(stock, width, 0.0);
    fill(need, n, 0.0);
    fill(acquisition, n, 0.0);
    fill(floor, width, f64::INFINITY);
    fill(max_give, width, 0.0);
    fill(empty, width, 0.0);
    fill(group, n, 0);
    // Today's need and acquisition (the year's mean until a season changes them).
    fill(need_d, width, 0.0);
    fill(acq_d, width, 0.0);
    for (i, x) in order.iter().map(|&h| &households[h]).enumerate() {
        stock[i] = x.stock;
        need[i] = x.need;
        acquisition[i] = x.acquisition;
        // The stock above which a household shares: its reserve if it is willing,
        // and infinity if not, so that the daily passes need no test of willingness.
        if x.willing {
            floor[i] = rules.share_floor_days * x.need;
        }
        max_give[i] = rules.share_max * x.need;
        empty[i] = EMPTY * x.need;
        group[i] = x.group;
        need_d[i] = x.need;
        acq_d[i] = x.acquisition;
    }
    // The hot loop keeps deficits and run-out days in flat arrays; paths are filled at the end.
    fill(deficit, width, 0.0);
    fill(out_day, width, u32::MAX);
    fill(paths, n, Path::default());
    fill(losses, n, Losses::default());
    fill(guest_need, n, 0.0);
    fill(guest_fill, n, 0.0);
    fill(pantry, k, 0.0);
    fill(unmet, k, 0.0);
    fill(eaten, k, 0.0);
    fill(person_need, k, 0.0);
    fill(cohort_unmet, k, 0.0);
    fill(calls, n, 0.0);
    // What each household gave to people at inns (kcal), kept flat for the hot loop.
    fill(shared, width, 0.0);
    fill(gave, width, 0.0);
    // Hosts whose guests are hungry today, with what they held before eating.
    hosts.clear();
    let mut rel = ReleasedTotals::default();
    let mut next_call = 0;
    // Under a season that is not flat: today's need and acquisition, what each
    // household ate and its rCSI points, and who hosts.
    let season = rules.season;
    let steps: &[CopingStep] = &season.coping;
    fill(ate, n, 0.0);
    fill(points, n, 0.0);
    // The week's rCSI of each household: the last seven days' points in a ring, and
    // their sum. Every household scores once a day, so one slot serves them all.
    fill(rings, n, [0.0; RCSI_WINDOW]);
    fill(weeks, n, 0.0);
    let mut slot = 0usize;
    // Days in the rCSI bands 4-18 and 19+ (whole numbers; the first band is the rest)
    // and the rCSI summed over days, by household.
    fill(days_4, n, 0);
    fill(days_19, n, 0);
    fill(rcsi, n, 0.0);
    fill(acq_by_group, season.acquisition.len(), 0.0);
    // The day each household's first guest arrives (u32::MAX for none): a household
    // counts as a host in the series from that day on.
    fill(host_from, n, u32::MAX);
    for co in cohorts {
        if let Some(h) = host_of(co) {
            host_from[h] = host_from[h].min(co.day);
        }
    }
    // The hosts' sums of the day are added in the unit's order.
    refill(
        host_list,
        (0..n).map(|h| at[h]).filter(|&i| host_from[i] != u32::MAX),
    );

    for day in 0..rules.horizon {
        let price = season.price[day as usize];
        // Multipliers change by month, so today's need and acquisition are worked out
        // again only on a day whose multipliers differ from yesterday's (the same
        // products, so no figure moves).
        if !season.flat && season.changes(day as usize) {
            let m = season.need[day as usize];
            for (a, g) in acq_by_group.iter_mut().zip(&season.acquisition) {
                *a = g[day as usize];
            }
            let (need_d, acq_d) = (&mut need_d[..n], &mut acq_d[..n]);
            for (h, &g) in group[..n].iter().enumerate() {
                need_d[h] = need[h] * m;
                acq_d[h] = acquisition[h] * acq_by_group[g];
            }
        }
        // Arrivals: packages are handed out and the levy is called.
        let mut split = 0.0;
        let mut any_call = false;
        for (c, co) in cohorts.iter().enumerate().filter(|(_, co)| co.day == day) {
            pantry[c] += co.count * rules.package_food;
            rel.package_food_kcal += co.count * rules.package_food;
            let owed = co.count * rules.levy_kcal;
            match (rules.levy_base, host_of(co)) {
                (LevyBase::District, _) => {}
                (LevyBase::HostFamily, Some(h)) => {
                    calls[h] += owed;
                    any_call = true;
                }
                _ => {
                    split += owed;
                    any_call = true;
                }
            }
        }
        let mut district_call = 0.0;
        while next_call < rules.district_calls.len() && rules.district_calls[next_call].day == day {
            district_call += rules.district_calls[next_call].kcal;
            next_call += 1;
        }
        if any_call || district_call > 0.0 {
            for h in 0..n {
                let unit_call = calls[h] + split / n as f64;
                let call = unit_call + district_call;
                calls[h] = 0.0;
                if call <= 0.0 {
                    continue;
                }
                let kpw = call * rules.levy_kpw / rules.levy_kcal.max(f64::MIN_POSITIVE) * price;
                let (paid, paid_kpw, share) = pay_levy(&mut stock[h], call, kpw);
                let p = &mut paths[order[h]];
                p.levy_asked = true;
                p.levy_owed += call;
                p.levy_kcal += paid;
                // Paid in proportion to what each levy asked.
                p.levy_unit_kcal += paid * unit_call / call;
                p.levy_kpw += paid_kpw;
                p.levy_stock_share += share;
            }
        }

        // The released eat from their own packages first; guests then eat with their hosts.
        hosts.clear();
        // What people at inns still need today, added in cohort order (as `sum` adds,
        // from −0.0); guests eating with hosts do not change it.
        let mut hungry = -0.0;
        for (c, co) in cohorts.iter().enumerate() {
            unmet[c] = 0.0;
            eaten[c] = 0.0;
            if co.day <= day {
                person_need[c] = rules.person_need(day, co.day);
                let need = co.count * person_need[c];
                let from_pantry = need.min(pantry[c]);
                pantry[c] -= from_pantry;
                eaten[c] = from_pantry;
                unmet[c] = need - from_pantry;
                if let Some(h) = host_of(co)
                    && unmet[c] > 0.0
                {
                    if guest_need[h] == 0.0 {
                        hosts.push((h, stock[h], deficit[h], out_day[h]));
                    }
                    guest_need[h] += unmet[c];
                }
            }
            if co.host.is_none() {
                hungry += unmet[c];
            }
        }
        let has_guests = !hosts.is_empty();
        // Households acquire and eat. One pass without branches does every household
        // as if it had no guests (eat what is needed, or what there is); a stock that
        // reaches zero marks the day it ran out (days only grow, so the first such day
        // is the least). Adding 0.0 changes no sum, so no figure moves.
        let mut sharers = if steps.is_empty() {
            eat_day(
                day,
                &mut stock[..width],
                &mut deficit[..],
                &mut out_day[..],
                [need_d, acq_d, empty, floor],
            )
        } else {
            eat_day_season(
                day,
                &mut stock[..n],
                &mut deficit[..],
                &mut out_day[..],
                [need_d, acq_d, empty, floor],
                steps,
                [&mut ate[..], &mut points[..]],
            )
        };
        // A household that hosts hungry guests is done again from where it started the
        // day: it shares its food with them in proportion to need.
        for &(h, before, deficit_before, out_before) in hosts.iter() {
            sharers -= usize::from(stock[h] > floor[h]);
            let own = need_d[h];
            let s = before + acq_d[h];
            let g = guest_need[h];
            let demand = own + g;
            let eat = coping_eat(s, demand, own, steps);
            let own_eat = eat * own / demand;
            ate[h] = own_eat;
            points[h] = coping_points(eat, demand, steps);
            stock[h] = s - eat;
            deficit[h] = deficit_before + (own - own_eat);
            losses[order[h]].host_fed += eat - own_eat;
            guest_fill[h] = (eat - own_eat) / g;
            guest_need[h] = 0.0;
            out_day[h] = out_before;
            if stock[h] <= empty[h] {
                out_day[h] = out_day[h].min(day);
            }
            sharers += usize::from(stock[h] > floor[h]);
        }
        if has_guests {
            for (c, co) in cohorts.iter().enumerate() {
                if let Some(h) = host_of(co)
                    && co.day <= day
                    && unmet[c] > 0.0
                {
                    let fed = unmet[c] * guest_fill[h];
                    eaten[c] += fed;
                    unmet[c] -= fed;
                }
            }
            for &(h, ..) in hosts.iter() {
                guest_fill[h] = 0.0;
            }
        }

        if !steps.is_empty() {
            let d = day as usize;
            // Households at 4 or more and at 19 or more today: each series adds
            // `weight` once for each.
            let (mut at_4, mut at_19) = (0u32, 0u32);
            // Every array cut to `n`, so that no index is checked in the loop.
            let (weeks, rings, points, days_4, days_19, rcsi) = (
                &mut weeks[..n],
                &mut rings[..n],
                &points[..n],
                &mut days_4[..n],
                &mut days_19[..n],
                &mut rcsi[..n],
            );
            for h in 0..n {
                let ring = &mut rings[h][slot];
                let score = week_sum(weeks[h], points[h], *ring);
                weeks[h] = score;
                *ring = points[h];
                let band = rcsi_band(score);
                days_4[h] += u32::from(band == 1);
                days_19[h] += u32::from(band == 2);
                at_4 += u32::from(band >= 1);
                at_19 += u32::from(band == 2);
                rcsi[h] += score;
            }
            // The hosts' sums of the day, added in the unit's order as before.
            let (mut host_eaten, mut host_need) = (series.host_eaten[d], series.host_need[d]);
            for &h in host_list.iter() {
                if day >= host_from[h] {
                    host_eaten += weight * ate[h];
                    host_need += weight * need_d[h];
                }
            }
            (series.host_eaten[d], series.host_need[d]) = (host_eaten, host_need);
            for _ in 0..at_4 {
                series.rcsi4_with[d] += weight;
            }
            for _ in 0..at_19 {
                series.rcsi19_with[d] += weight;
            }
            slot = if slot + 1 == RCSI_WINDOW { 0 } else { slot + 1 };
        }

        // Informal sharing with people at inns, from willing households above the floor.
        if hungry > 0.0 && sharers > 0 {
            let each = hungry / sharers as f64;
            let given = share_day(
                day,
                each,
                &mut stock[..share_width],
                [&mut shared[..], &mut gave[..]],
                &mut out_day[..],
                [floor, max_give, empty],
                willing,
            );
            for (c, co) in cohorts.iter().enumerate() {
                if co.host.is_none() && unmet[c] > 0.0 {
                    let got = given * unmet[c] / hungry;
                    eaten[c] += got;
                    unmet[c] -= got;
                }
            }
            rel.shared_kcal += given;
        }

        // What the released ate today.
        let mut still_hungry = 0.0;
        let mut hungry_persons = 0.0;
        for (c, co) in cohorts.iter().enumerate().filter(|(_, co)| co.day <= day) {
            let need = co.count * person_need[c];
            let per_person = eaten[c] / co.count;
            rel.person_days += co.count;
            rel.need_kcal += need;
            rel.unmet_kcal += unmet[c];
            cohort_unmet[c] += unmet[c];
            rel.consumed_kcal += eaten[c];
            series.present[day as usize] += weight * co.count;
            if per_person < rules.threshold_kcal {
                rel.person_days_below_threshold += co.count;
                series.below_threshold[day as usize] += weight * co.count;
            }
            if per_person < rules.floor_kcal {
                rel.person_days_below_floor += co.count;
                series.below_floor[day as usize] += weight * co.count;
            }
            if co.host.is_none() {
                still_hungry += unmet[c];
                hungry_persons += unmet[c] / person_need[c];
            }
        }

        // Incidents: begging with threats and theft by unfed people at inns.
        let rate = rules.incident_rate * hungry_persons;
        // No count (and no draw) without unfed people at inns: `poisson` refuses a
        // mean of 0.
        if let Some(k) = poisson(rate, rng) {
            rel.incidents += k as f64;
            let mut took = 0.0;
            // `h` in the unit's order.
            let mut take = |unit_h: usize, kcal: f64, stock: &mut [f64]| {
                let h = at[unit_h];
                let got = kcal.min(stock[h].max(0.0));
                stock[h] -= got;
                losses[unit_h].taken += got;
                took += got;
                if stock[h] <= empty[h] && out_day[h] == u32::MAX {
                    out_day[h] = day;
                }
            };
            if n > 0 && k > MANY_INCIDENTS_PER_HOUSEHOLD * n as u64 {
                // So many incidents that each household meets about k / n of them: take
                // that share from each at once, so the time does not grow with k.
                let each = rules.take_kcal * k as f64 / n as f64;
                for h in 0..n {
                    take(h, each, &mut stock[..]);
                }
            } else if n > 0 {
                for _ in 0..k {
                    let h = ((uniform01(rng) * n as f64) as usize).min(n - 1);
                    take(h, rules.take_kcal, &mut stock[..]);
                }
            }
            if took > 0.0 {
                rel.taken_kcal += took;
                for (c, co) in cohorts.iter().enumerate() {
                    if co.host.is_none() && unmet[c] > 0.0 {
                        pantry[c] += took * unmet[c] / still_hungry;
                    }
                }
            }
        }
    }
    // Paths and losses are kept in the unit's order; the working arrays are not.
    for ((p, l), &i) in paths.iter_mut().zip(losses.iter_mut()).zip(at) {
        p.deficit = deficit[i];
        p.out_day = (out_day[i] != u32::MAX).then_some(out_day[i]);
        p.end_stock = stock[i];
        l.shared = shared[i];
        if !steps.is_empty() {
            // Whole numbers of days: the same as adding 1.0 a day.
            let (d4, d19) = (days_4[i], days_19[i]);
            let rest = rules.horizon - d4 - d19;
            p.coping_days = [f64::from(rest), f64::from(d4), f64::from(d19)];
            p.rcsi = rcsi[i];
        }
    }
    rel.pantry_left_kcal = pantry.iter().sum();
    rel.host_fed_kcal = losses.iter().map(|l| l.host_fed).sum();
    scale(&mut rel, weight);
    released.add(&rel);
    UnitRun {
        paths,
        losses,
        cohort_unmet,
    }
}

/// One day of eating for every household, as if none had guests: each eats what it
/// needs, or what it has; a stock that reaches `empty` marks the day it ran out (days
/// only grow, so the first such day is the least). Returns how many willing households
/// are left above their sharing floor. Written without branches on equal-length
/// slices, so that the compiler can check bounds once and use vector instructions.
/// Adding 0.0 to a deficit changes nothing, so this equals the branching version.
#[inline]
fn eat_day(
    day: u32,
    stock: &mut [f64],
    deficit: &mut [f64],
    out_day: &mut [u32],
    inputs: [&[f64]; 4],
) -> usize {
    let n = stock.len();
    let (deficit, out_day) = (&mut deficit[..n], &mut out_day[..n]);
    let [need, acquisition, empty, floor] = inputs.map(|x| &x[..n]);
    let mut sharers = 0usize;
    for h in 0..n {
        let own = need[h];
        let s = stock[h] + acquisition[h];
        let eat = lesser(own, greater(s, 0.0));
        let left = s - eat;
        stock[h] = left;
        deficit[h] += own - eat;
        out_day[h] = if left <= empty[h] {
            out_day[h].min(day)
        } else {
            out_day[h]
        };
        sharers += usize::from(left > floor[h]);
    }
    sharers
}

/// One day of sharing with people at inns: each willing household (the first
/// `willing`, in the unit's order) above its floor gives `each`, at most its
/// `max_give` and never below the floor. Returns the total given.
///
/// Written, like [`eat_day`], as one pass without branches over the slices it is given
/// (the willing, then households up to the next block of `LANES`), so that it runs on
/// vector instructions: a household that is not willing or is at its floor gives 0.0,
/// which changes neither its stock nor what it gave, and the day it ran out is already
/// marked if its stock is that low (`eat_day` marks it). The total is then added up
/// over the willing alone, in the unit's order, with the same numbers in the same
/// order as one giver at a time.
#[inline]
fn share_day(
    day: u32,
    each: f64,
    stock: &mut [f64],
    [shared, gave]: [&mut [f64]; 2],
    out_day: &mut [u32],
    [floor, max_give, empty]: [&[f64]; 3],
    willing: usize,
) -> f64 {
    let n = stock.len();
    let (shared, gave, out_day) = (&mut shared[..n], &mut gave[..n], &mut out_day[..n]);
    let [floor, max_give, empty] = [floor, max_give, empty].map(|x| &x[..n]);
    for h in 0..n {
        let room = stock[h] - floor[h];
        let g = if stock[h] > floor[h] {
            lesser(lesser(each, max_give[h]), room)
        } else {
            0.0
        };
        let left = stock[h] - g;
        stock[h] = left;
        shared[h] += g;
        gave[h] = g;
        out_day[h] = if left <= empty[h] {
            out_day[h].min(day)
        } else {
            out_day[h]
        };
    }
    gave[..willing].iter().fold(0.0, |total, g| total + g)
}

/// [`eat_day`] under a season that is not flat: today's need and acquisition, the
/// coping steps, and what each household ate and its rCSI points recorded.
#[allow(clippy::too_many_arguments)]
fn eat_day_season(
    day: u32,
    stock: &mut [f64],
    deficit: &mut [f64],
    out_day: &mut [u32],
    inputs: [&[f64]; 4],
    steps: &[CopingStep],
    outputs: [&mut [f64]; 2],
) -> usize {
    // Every slice cut to the households' number, so that no index is checked below.
    let n = stock.len();
    let (deficit, out_day) = (&mut deficit[..n], &mut out_day[..n]);
    let [need, acquisition, empty, floor] = inputs.map(|x| &x[..n]);
    let [ate, points] = outputs.map(|x| &mut x[..n]);
    let mut sharers = 0usize;
    for h in 0..n {
        let own = need[h];
        let s = stock[h] + acquisition[h];
        let eat = coping_eat(s, own, own, steps);
        let left = s - eat;
        stock[h] = left;
        deficit[h] += own - eat;
        if left <= empty[h] {
            out_day[h] = out_day[h].min(day);
        }
        ate[h] = eat;
        points[h] = coping_points(eat, own, steps);
        sharers += usize::from(left > floor[h]);
    }
    sharers
}

fn scale(r: &mut ReleasedTotals, w: f64) {
    if w == 1.0 {
        return;
    }
    for x in [
        &mut r.person_days,
        &mut r.person_days_below_threshold,
        &mut r.person_days_below_floor,
        &mut r.need_kcal,
        &mut r.unmet_kcal,
        &mut r.incidents,
        &mut r.package_food_kcal,
        &mut r.shared_kcal,
        &mut r.taken_kcal,
        &mut r.host_fed_kcal,
        &mut r.consumed_kcal,
        &mut r.pantry_left_kcal,
    ] {
        *x *= w;
    }
}
