//! One iteration of the world: draw the uncertain inputs, place the released,
//! simulate the inminban they reach, and account for everyone else.
//!
//! The model knows nothing of files or terminals. [`run_iteration`] is a pure
//! function of the scenario, the seed and the iteration number.
//!
//! Cost grows with the inminban the release touches, not with the population:
//! touched units are simulated day by day (a random sample of at most
//! `engine.unit_sample` per district when there are more), and all other
//! households enter as their expectation over the within-group distribution, in
//! closed form (`untouched.rs`). [`Fidelity::Reference`] instead simulates every
//! household of every unit day by day; it is the brute-force check.

pub mod grid;
pub mod household;
pub mod results;
pub mod rng;
pub mod roles;
pub mod season;
pub mod unit;
pub mod untouched;

use std::collections::HashMap;
use std::ops::Range;

use rand_distr::{Binomial, Distribution};

use crate::scenario::correlation::Copula;
use crate::scenario::dist::unit as uniform01;
use crate::scenario::world::{DistrictValues, Domain, ParamVisitor, WorldParams, resolve};
use crate::scenario::{Allocation, LevyBase, Param, Scenario};
use household::{
    HouseholdFactory, LevyCall, Path, RcsiSink, calendar_path, closed_form, food_lost, record,
    season_paths_rcsi,
};
use results::{Cell, DistrictResult, IterationResult, ReleasedTotals, RoleSums, Roles, Series};
use rng::{Purpose, stream, text_key};
use roles::RoleAccumulator;
use season::Season;
use unit::{Cohort, UnitRules};
use untouched::{Sinks, Untouched, persons_distribution};

/// How faithfully to simulate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fidelity {
    /// Touched units sampled, the other households as an expectation: the default.
    Fast,
    /// Every household of every unit simulated day by day: the reference.
    Reference,
}

/// Draws each uncertain input from its own stream and remembers the draws. Inputs in
/// a `[[correlation]]` take their uniform from the copula ([`correlated_uniforms`])
/// and pass it through their own inverse distribution function.
pub struct Sampler<'a> {
    seed: u64,
    iteration: u64,
    copula: Option<&'a Copula>,
    /// This iteration's correlated uniforms, drawn at the first correlated input.
    uniforms: Option<Vec<f64>>,
    pub draws: Vec<(String, f64)>,
    index: HashMap<String, usize>,
}

impl<'a> Sampler<'a> {
    pub fn new(seed: u64, iteration: u64, copula: Option<&'a Copula>) -> Self {
        Sampler {
            seed,
            iteration,
            copula,
            uniforms: None,
            draws: Vec::new(),
            index: HashMap::new(),
        }
    }
}

/// The uniforms of the copula's inputs in one iteration: a standard normal from each
/// input's own stream, correlated by the Cholesky factor, then Φ. Depends only on the
/// seed and the iteration.
pub fn correlated_uniforms(copula: &Copula, seed: u64, iteration: u64) -> Vec<f64> {
    let z: Vec<f64> = copula
        .paths
        .iter()
        .map(|p| {
            let mut rng = stream(seed, Purpose::Input, &[text_key(p)], iteration);
            rng::normal_quantile(uniform01(&mut rng))
        })
        .collect();
    copula
        .correlate(&z)
        .into_iter()
        .map(|w| 0.5 * libm::erfc(-w / std::f64::consts::SQRT_2))
        .collect()
}

impl ParamVisitor for Sampler<'_> {
    fn value(&mut self, path: &str, param: &Param, domain: Domain) -> f64 {
        let dist = &param.get_ref().dist;
        if dist.is_fixed() {
            return domain.clamp(dist.centre());
        }
        if let Some(&i) = self.index.get(path) {
            return self.draws[i].1;
        }
        let correlated = self.copula.and_then(|c| Some((c, c.index(path)?)));
        let x = match correlated {
            Some((c, k)) => {
                let (seed, iteration) = (self.seed, self.iteration);
                let u = self
                    .uniforms
                    .get_or_insert_with(|| correlated_uniforms(c, seed, iteration))[k];
                domain.clamp(dist.quantile(u))
            }
            None => {
                let mut rng = stream(self.seed, Purpose::Input, &[text_key(path)], self.iteration);
                domain.clamp(dist.sample(&mut rng))
            }
        };
        self.index.insert(path.to_string(), self.draws.len());
        self.draws.push((path.to_string(), x));
        x
    }
}

/// Splits `n` among weights by chained binomials (a multinomial draw).
fn multinomial<R: rand::Rng + ?Sized>(n: u64, weights: &[f64], rng: &mut R) -> Vec<u64> {
    let mut left = n;
    let mut weight_left: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|&w| {
            if left == 0 || weight_left <= 0.0 {
                return 0;
            }
            let p = (w / weight_left).clamp(0.0, 1.0);
            weight_left -= w;
            let k = if p >= 1.0 {
                left
            } else {
                Binomial::new(left, p).map_or(0, |b| b.sample(rng))
            };
            left -= k;
            k
        })
        .collect()
}

/// How many released go to each district in this world.
fn allocate(w: &WorldParams, seed: u64, iteration: u64) -> Vec<u64> {
    let weights: Vec<f64> = match w.allocation {
        Allocation::Counts => return w.districts.iter().map(|d| d.release_count as u64).collect(),
        Allocation::Population => w
            .districts
            .iter()
            .map(|d| {
                d.households
                    * d.persons_per_household
                    * if d.border { w.border_weight } else { 1.0 }
            })
            .collect(),
        Allocation::Weights => w.districts.iter().map(|d| d.release_weight).collect(),
    };
    let mut rng = stream(seed, Purpose::Allocation, &[], iteration);
    multinomial(w.released_total as u64, &weights, &mut rng)
}

/// Per-person package figures in one district.
struct PackageTerms {
    food_kcal: f64,
    value_kpw: f64,
    levy_kcal: f64,
    levy_kpw: f64,
}

fn package_terms(w: &WorldParams, d: &DistrictValues) -> PackageTerms {
    let food_kcal: f64 = w.package.iter().map(|i| i.quantity * i.kcal_per_unit).sum();
    let value_kpw: f64 = w
        .package
        .iter()
        .map(|i| i.quantity * i.price_kpw_per_unit * d.price_index)
        .sum();
    // Food is levied in kind (by energy); non-food items in money, which households
    // raise by giving up food at the local maize price.
    let nonfood_kpw: f64 = w
        .package
        .iter()
        .filter(|i| i.kcal_per_unit <= 0.0)
        .map(|i| i.quantity * i.price_kpw_per_unit * d.price_index)
        .sum();
    let levy_kcal =
        w.resident_share * (food_kcal + nonfood_kpw / d.maize_price_kpw * w.maize_kcal_per_kg);
    PackageTerms {
        food_kcal,
        value_kpw,
        levy_kcal,
        levy_kpw: w.resident_share * value_kpw,
    }
}

/// Runs one iteration with the scenario's seed.
pub fn run_iteration(
    sc: &Scenario,
    seed: u64,
    iteration: u64,
    fidelity: Fidelity,
) -> IterationResult {
    let mut sampler = Sampler::new(seed, iteration, sc.copula.as_ref());
    let world = resolve(&sc.file, &mut sampler);
    let draws = sampler.draws.into_iter().map(|(_, x)| x).collect();
    let allocation = allocate(&world, seed, iteration);
    let mut everyone = RoleAccumulator::new();
    // One working space for every unit of the iteration (each clears what it uses).
    let mut scratch = unit::Scratch::default();
    let districts = world
        .districts
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let (result, roles) = simulate_district(
                sc,
                &world,
                di,
                d,
                allocation[di],
                seed,
                iteration,
                fidelity,
                &mut scratch,
            );
            everyone.absorb(&roles);
            result
        })
        .collect();
    IterationResult {
        iteration,
        draws,
        maize_kcal_per_kg: world.maize_kcal_per_kg,
        districts,
        roles: everyone.finish(),
    }
}

/// The released in one district, grouped by the unit they are assigned to.
struct Placement {
    /// Each touched unit, in unit order, with the range of its cohorts in `cohorts`.
    units: Vec<(u64, Range<usize>)>,
    /// Every touched unit's cohorts, one unit after another: one list for the
    /// district rather than one per unit, most of which are never simulated.
    cohorts: Vec<Cohort>,
    homeless: f64,
    hosted: f64,
}

impl Placement {
    fn cohorts_of(&self, unit: usize) -> (u64, &[Cohort]) {
        let (u, range) = &self.units[unit];
        (*u, &self.cohorts[range.clone()])
    }
}

/// Draws where the district's released go: each to a unit, and to a host household
/// unless at an inn, grouped by unit, arrival day and host.
fn place_released(
    w: &WorldParams,
    unit_count: u64,
    unit_size: impl Fn(u64) -> usize,
    released: u64,
    rng: &mut impl rand::Rng,
) -> Placement {
    let shares: Vec<f64> = w.waves.iter().map(|x| x.1).collect();
    let per_wave = multinomial(released, &shares, rng);
    let mut people: Vec<(u64, u32, Option<usize>)> = Vec::with_capacity(released as usize);
    let (mut homeless_total, mut hosted_total) = (0.0, 0.0);
    for (wi, &k) in per_wave.iter().enumerate() {
        let day = w.waves[wi].0;
        let homeless = Binomial::new(k, w.share_homeless).map_or(0, |b| b.sample(rng));
        homeless_total += homeless as f64;
        hosted_total += (k - homeless) as f64;
        for p in 0..k {
            let u = ((uniform01(rng) * unit_count as f64) as u64).min(unit_count - 1);
            let host = (p >= homeless)
                .then(|| ((uniform01(rng) * unit_size(u) as f64) as usize).min(unit_size(u) - 1));
            people.push((u, day, host));
        }
    }
    people.sort_unstable();
    let mut units: Vec<(u64, Range<usize>)> = Vec::new();
    let mut cohorts: Vec<Cohort> = Vec::with_capacity(people.len());
    for (u, day, host) in people {
        if units.last().is_none_or(|(last, _)| *last != u) {
            units.push((u, cohorts.len()..cohorts.len()));
        }
        let range = &mut units.last_mut().expect("pushed above").1;
        match cohorts[range.clone()].last_mut() {
            Some(c) if c.day == day && c.host == host => c.count += 1.0,
            _ => {
                cohorts.push(Cohort {
                    day,
                    count: 1.0,
                    host,
                });
                range.end += 1;
            }
        }
    }
    Placement {
        units,
        cohorts,
        homeless: homeless_total,
        hosted: hosted_total,
    }
}

#[allow(clippy::too_many_arguments)]
fn simulate_district(
    sc: &Scenario,
    w: &WorldParams,
    di: usize,
    d: &DistrictValues,
    released: u64,
    seed: u64,
    iteration: u64,
    fidelity: Fidelity,
    scratch: &mut unit::Scratch,
) -> (DistrictResult, RoleAccumulator) {
    let horizon = sc.horizon() as u32;
    let season = Season::new(&sc.file, w, di, d);
    let adjusted;
    let d = if season.flat {
        d
    } else {
        adjusted = season.adjust(d);
        &adjusted
    };
    let groups = d.groups.len();
    let mut cells = vec![Cell::default(); groups];
    let mut series = Series::new(horizon as usize);
    let mut rel = ReleasedTotals::default();
    let households = d.households.max(0.0) as u64;
    let terms = package_terms(w, d);
    let mut roles = RoleAccumulator::new();
    let result =
        |cells, rel, mut series: Series, touched, simulated, mut roles: RoleAccumulator| {
            series.accumulate();
            let table = roles.finish();
            (
                DistrictResult {
                    cells,
                    released: rel,
                    series,
                    touched_units: touched,
                    simulated_units: simulated,
                    roles: table,
                },
                roles,
            )
        };
    if households == 0 {
        rel.released = released as f64;
        return result(cells, rel, series, 0.0, 0.0, roles);
    }
    let per_unit = (d.households_per_inminban as u64).clamp(1, households);
    let unit_count = households.div_ceil(per_unit);
    let unit_size = |u: u64| {
        if u + 1 < unit_count {
            per_unit as usize
        } else {
            (households - per_unit * (unit_count - 1)) as usize
        }
    };

    let mut arrivals_rng = stream(seed, Purpose::Arrivals, &[di as u64], iteration);
    let placed = place_released(w, unit_count, unit_size, released, &mut arrivals_rng);
    rel.released = released as f64;
    rel.homeless = placed.homeless;
    rel.hosted = placed.hosted;
    rel.package_kpw = released as f64 * terms.value_kpw;

    // District-wide levy: each household pays an equal part of the day's arrivals.
    let mut district_calls = Vec::new();
    if w.levy_base == LevyBase::District && terms.levy_kcal > 0.0 {
        let mut by_day: Vec<(u32, f64)> = Vec::new();
        for c in &placed.cohorts {
            match by_day.iter_mut().find(|x| x.0 == c.day) {
                Some(x) => x.1 += c.count,
                None => by_day.push((c.day, c.count)),
            }
        }
        by_day.sort_by_key(|x| x.0);
        district_calls = by_day
            .into_iter()
            .map(|(day, people)| LevyCall {
                day,
                kcal: people * terms.levy_kcal / households as f64,
                kpw: people * terms.levy_kpw / households as f64 * season.price[day as usize],
            })
            .collect();
    }

    let rules = UnitRules {
        horizon,
        need_per_person: d.need_per_person,
        recovery_extra: w.recovery_extra_kcal,
        recovery_days: w.recovery_days,
        package_food: terms.food_kcal,
        levy_kcal: terms.levy_kcal,
        levy_kpw: terms.levy_kpw,
        levy_base: w.levy_base,
        district_calls: &district_calls,
        share_floor_days: w.sharing_floor_days,
        share_max: w.sharing_max_share,
        incident_rate: w.incident_rate,
        take_kcal: w.incident_take_kg * w.maize_kcal_per_kg,
        threshold_kcal: w.need_kcal,
        floor_kcal: w.survival_floor_kcal,
        season: &season,
    };
    let factory = HouseholdFactory::new(d, w.sharing_propensity);

    // Which touched units are simulated, and how many real units each stands for.
    let cap = (*sc.file.engine.unit_sample.get_ref()).max(1) as usize;
    let mut chosen: Vec<usize> = (0..placed.units.len()).collect();
    let mut unit_weight = 1.0;
    if fidelity == Fidelity::Fast && placed.units.len() > cap {
        let mut rng = stream(seed, Purpose::UnitChoice, &[di as u64], iteration);
        for i in 0..cap {
            let j = i
                + ((uniform01(&mut rng) * (chosen.len() - i) as f64) as usize)
                    .min(chosen.len() - i - 1);
            chosen.swap(i, j);
        }
        chosen.truncate(cap);
        chosen.sort_unstable();
        unit_weight = placed.units.len() as f64 / cap as f64;
    }

    // A unit's households and which of them host, in lists every unit reuses.
    let (mut members, mut hosts) = (Vec::new(), Vec::new());
    let mut run_unit = |u: u64,
                        cohorts: &[Cohort],
                        weight: f64,
                        cells: &mut Vec<Cell>,
                        series: &mut Series,
                        rel: &mut ReleasedTotals,
                        roles: &mut RoleAccumulator| {
        let mut hh_rng = stream(seed, Purpose::UnitHouseholds, &[di as u64, u], iteration);
        members.clear();
        members.extend((0..unit_size(u)).map(|_| factory.random(&mut hh_rng)));
        let mut ev_rng = stream(seed, Purpose::UnitEvents, &[di as u64, u], iteration);
        let run = unit::simulate(
            &rules,
            &members,
            cohorts,
            &mut ev_rng,
            weight,
            rel,
            series,
            scratch,
        );
        hosts.clear();
        hosts.resize(members.len(), false);
        for (co, unmet) in cohorts.iter().zip(run.cohort_unmet) {
            if co.day >= horizon {
                continue;
            }
            if let Some(h) = co.host {
                hosts[h] = true;
            }
            let unmet_days = unmet / co.count / d.need_per_person;
            roles.released(co.count * weight, unmet_days);
        }
        // Without the release, under a season: all the unit's households stepped together.
        let seasonal: Vec<Path> = if season.flat {
            Vec::new()
        } else if season.coping.is_empty() {
            members
                .iter()
                .map(|h| calendar_path(h, &season, horizon))
                .collect()
        } else {
            let mut sink = RcsiSink {
                at_4: &mut series.rcsi4_without,
                at_19: &mut series.rcsi19_without,
                weight,
            };
            season_paths_rcsi(&members, &season, horizon, &mut sink)
        };
        for (i, ((h, with), losses)) in members.iter().zip(run.paths).zip(run.losses).enumerate() {
            let without = match seasonal.get(i) {
                Some(p) => p.clone(),
                None => closed_form(h, &[], horizon),
            };
            let lost = food_lost(with, losses);
            let untouched = !with.levy_asked && lost == 0.0 && !hosts[i];
            // A household the release never reached follows exactly its counterfactual.
            let with = if untouched { &without } else { with };
            record(
                &mut cells[h.group],
                h,
                with,
                &without,
                losses,
                weight,
                horizon,
            );
            Series::mark_out(&mut series.out_with, with.out_day, weight);
            Series::mark_out(&mut series.out_without, without.out_day, weight);
            let household_roles = Roles::of(
                hosts[i],
                with.levy_unit_kcal > 0.0,
                losses.shared > 0.0,
                losses.taken > 0.0,
                with.levy_kcal - with.levy_unit_kcal > 0.0,
                lost > 0.0,
            );
            roles.household(
                household_roles,
                &role_sums(h, with, &without, lost, weight, horizon),
            );
        }
    };

    let touched_households: u64 = placed.units.iter().map(|(u, _)| unit_size(*u) as u64).sum();
    for &i in &chosen {
        let (u, cohorts) = placed.cohorts_of(i);
        run_unit(
            u,
            cohorts,
            unit_weight,
            &mut cells,
            &mut series,
            &mut rel,
            &mut roles,
        );
    }

    match fidelity {
        Fidelity::Reference => {
            let mut next = placed.units.iter().map(|x| x.0).peekable();
            for u in 0..unit_count {
                if next.peek() == Some(&u) {
                    next.next();
                    continue;
                }
                run_unit(u, &[], 1.0, &mut cells, &mut series, &mut rel, &mut roles);
            }
        }
        Fidelity::Fast => {
            let untouched_households = (households - touched_households) as f64;
            let persons = persons_distribution(d.persons_per_household);
            let expectation = Untouched::new(
                horizon,
                d.need_per_person,
                &persons,
                &district_calls,
                (*sc.file.engine.household_sample.get_ref()).max(1) as usize,
            )
            .with_protection(d.protection_kcal);
            let grid = grid::SeasonGrid {
                horizon,
                need_per_person: d.need_per_person,
                protection_per_person: d.protection_kcal,
                persons: &persons,
                calls: district_calls
                    .iter()
                    .copied()
                    .filter(|c| c.day < horizon && c.kcal > 0.0)
                    .collect(),
                strata: (*sc.file.engine.household_sample.get_ref()).max(1) as usize,
                season: &season,
            };
            for (g, gv) in d.groups.iter().enumerate() {
                if untouched_households <= 0.0 || gv.share <= 0.0 {
                    continue;
                }
                let sinks = &mut Sinks {
                    cell: &mut cells[g],
                    series: &mut series,
                    roles: &mut roles,
                };
                let households = untouched_households * gv.share;
                if !season.flat && season.coping.is_empty() && grid.calls.is_empty() {
                    let acq = &season.acquisition[g];
                    expectation.expect_group_calendar(gv, &season.need, acq, households, sinks);
                    continue;
                }
                if !season.flat {
                    grid.expect_group(g, gv, households, sinks);
                    continue;
                }
                expectation.expect_group(gv, untouched_households * gv.share, sinks);
            }
        }
    }
    let simulated = chosen.len() as f64;
    result(
        cells,
        rel,
        series,
        placed.units.len() as f64,
        simulated,
        roles,
    )
}

/// One simulated household's figures for the role sums (standing for `weight`).
fn role_sums(
    h: &household::Household,
    with: &Path,
    without: &Path,
    lost: f64,
    weight: f64,
    horizon: u32,
) -> RoleSums {
    let need_total = h.need * f64::from(horizon);
    let phase3 = |p: &Path| f64::from(u8::from(household::phase3plus(h, p, horizon)));
    RoleSums {
        households: weight,
        persons: weight * h.persons,
        need_total: weight * need_total,
        food_lost_kcal: weight * lost,
        food_lost_days: weight * lost / h.need,
        out_with: weight * f64::from(u8::from(with.out_day.is_some())),
        out_without: weight * f64::from(u8::from(without.out_day.is_some())),
        deficit_with: weight * with.deficit,
        deficit_without: weight * without.deficit,
        phase3_with: weight * h.persons * phase3(with),
        phase3_without: weight * h.persons * phase3(without),
    }
}
