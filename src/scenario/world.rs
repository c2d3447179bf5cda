//! Turning a scenario's inputs into the numbers of one world.
//!
//! [`resolve`] walks every numeric input in a fixed order and asks a
//! [`ParamVisitor`] for its value: the validator answers with central values (and
//! checks domains), the engine with one draw per iteration, `explain` with
//! percentiles. Keeping one walk means every consumer sees exactly the same inputs
//! under the same dotted paths.

use serde::Serialize;

use super::types::{Allocation, LevyBase, Param, ScenarioFile, WealthGroup};

/// The largest magnitude of any input: far beyond any real value, and small enough that
/// products of inputs over a long horizon and many iterations stay finite.
pub const MAX_MAGNITUDE: f64 = 1e12;
/// The smallest value of an input that must be more than zero (it may divide).
pub const MIN_POSITIVE: f64 = 1e-12;
/// The most persons or households a count may hold (more than the world's population).
pub const MAX_COUNT: f64 = 1e10;
/// The largest lognormal sigma of a spread between households.
pub const MAX_SPREAD: f64 = 10.0;

/// The set of values a numeric input may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Any finite number (temperatures).
    Any,
    /// Zero or more.
    NonNegative,
    /// Strictly more than zero.
    Positive,
    /// Between 0 and 1 inclusive.
    Share,
    /// One or more (persons per household, households per inminban).
    AtLeastOne,
    /// A number of persons or households: zero or more, at most [`MAX_COUNT`].
    Count,
    /// A lognormal sigma of variation between households: 0 to [`MAX_SPREAD`].
    Spread,
}

impl Domain {
    pub fn contains(self, x: f64) -> bool {
        x.is_finite()
            && x.abs() <= MAX_MAGNITUDE
            && match self {
                Domain::Any => true,
                Domain::NonNegative => x >= 0.0,
                Domain::Positive => x >= MIN_POSITIVE,
                Domain::Share => (0.0..=1.0).contains(&x),
                Domain::AtLeastOne => x >= 1.0,
                Domain::Count => (0.0..=MAX_COUNT).contains(&x),
                Domain::Spread => (0.0..=MAX_SPREAD).contains(&x),
            }
    }

    /// The nearest value inside the domain (draws from a tail are clamped).
    pub fn clamp(self, x: f64) -> f64 {
        let x = if x.is_finite() { x } else { 0.0 };
        let x = x.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE);
        match self {
            Domain::Any => x,
            Domain::NonNegative => x.max(0.0),
            Domain::Positive => x.max(MIN_POSITIVE),
            Domain::Share => x.clamp(0.0, 1.0),
            Domain::AtLeastOne => x.max(1.0),
            Domain::Count => x.clamp(0.0, MAX_COUNT),
            Domain::Spread => x.clamp(0.0, MAX_SPREAD),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Domain::Any => "any number",
            Domain::NonNegative => "zero or more",
            Domain::Positive => "more than zero",
            Domain::Share => "a share between 0 and 1",
            Domain::AtLeastOne => "one or more",
            Domain::Count => "zero or more, and at most 10,000,000,000",
            Domain::Spread => "from 0 to 10 (a lognormal sigma; 0.5 is already a wide spread)",
        }
    }
}

/// Something that gives a value to each numeric input.
pub trait ParamVisitor {
    fn value(&mut self, path: &str, param: &Param, domain: Domain) -> f64;
}

/// The numbers that describe one world (one iteration).
#[derive(Debug, Clone, Serialize)]
pub struct WorldParams {
    /// Energy need per person per day before the cold adjustment (kcal).
    pub need_kcal: f64,
    pub survival_floor_kcal: f64,
    pub maize_kcal_per_kg: f64,
    pub released_total: f64,
    pub allocation: Allocation,
    pub border_weight: f64,
    pub share_homeless: f64,
    pub recovery_extra_kcal: f64,
    pub recovery_days: f64,
    /// (day, share) with shares normalised to sum to 1.
    pub waves: Vec<(u32, f64)>,
    pub package: Vec<ItemValues>,
    pub resident_share: f64,
    pub levy_base: LevyBase,
    pub sharing_propensity: f64,
    pub sharing_floor_days: f64,
    pub sharing_max_share: f64,
    pub incident_rate: f64,
    pub incident_take_kg: f64,
    pub districts: Vec<DistrictValues>,
    /// The cold adjustment: kcal per step, step (degrees C), base (degrees C); `None` when off.
    pub cold: Option<(f64, f64, f64)>,
    /// How strongly the calendar's monthly multipliers apply (`None`: no calendar).
    pub calendar_strength: Option<f64>,
    /// The coping steps, as drawn (in the file's order).
    pub coping: Vec<CopingValues>,
}

/// One coping step in one world.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CopingValues {
    pub below_days: f64,
    pub eat_share: f64,
    /// The rCSI points of one day at this step (the sum of its strategies' weights).
    pub points: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemValues {
    pub quantity: f64,
    pub kcal_per_unit: f64,
    pub price_kpw_per_unit: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictValues {
    pub households: f64,
    pub persons_per_household: f64,
    pub households_per_inminban: f64,
    /// Need per person per day including the cold adjustment (kcal).
    pub need_per_person: f64,
    pub border: bool,
    pub maize_price_kpw: f64,
    pub price_index: f64,
    /// Livelihoods-protection spending per person per day, in kcal of maize equivalent
    /// at the district's maize price (0 without `[livelihoods]`).
    pub protection_kcal: f64,
    pub release_weight: f64,
    pub release_count: f64,
    pub groups: Vec<GroupValues>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupValues {
    /// Share of the district's households, normalised.
    pub share: f64,
    pub stock_days: f64,
    pub stock_spread: f64,
    /// Daily acquisition as a share of need (ration + market + work).
    pub acquisition: f64,
    /// Its three sources, for the calendar's multipliers.
    pub sources: [f64; 3],
    pub acquisition_spread: f64,
}

/// The dotted path of a district's input, as `--set` and `iterations.csv` name it.
pub fn district_path(index: usize, field: &str) -> String {
    format!("district[{index}].{field}")
}

/// Every list of wealth groups with its dotted path: the scenario's (`wealth_group`),
/// then each district's own (`district[0].wealth_group`, ...).
pub fn wealth_group_lists(
    f: &ScenarioFile,
) -> impl Iterator<Item = (&[toml::Spanned<WealthGroup>], String)> {
    let districts = f.district.iter().enumerate().map(|(di, d)| {
        (
            d.get_ref().wealth_group.as_slice(),
            district_path(di, "wealth_group"),
        )
    });
    std::iter::once((f.wealth_group.as_slice(), "wealth_group".to_string())).chain(districts)
}

/// The wealth groups that apply to a district (its own, or the scenario's).
pub fn groups_of(sc: &ScenarioFile, district: usize) -> (&[toml::Spanned<WealthGroup>], String) {
    let d = sc.district[district].get_ref();
    if d.wealth_group.is_empty() {
        (&sc.wealth_group, "wealth_group".to_string())
    } else {
        (&d.wealth_group, district_path(district, "wealth_group"))
    }
}

/// The domain the key table ([`keys`](super::keys)) gives input `key` of a section,
/// found at compile time: `dom!(ENERGY.need_kcal)`.
macro_rules! dom {
    ($section:ident . $key:ident) => {
        const { super::keys::domain(&super::keys::$section, stringify!($key)) }
    };
}

/// Asks the visitor for input `key` of a section, read from `from.key`, named
/// `prefix.key` (a literal prefix) or `path(key)`, in the domain the key table gives it:
/// the key is written once.
macro_rules! input {
    ($v:ident, $prefix:literal, $from:expr, $section:ident . $key:ident) => {
        $v.value(
            concat!($prefix, ".", stringify!($key)),
            &$from.$key,
            dom!($section.$key),
        )
    };
    ($v:ident, $path:ident, $from:expr, $section:ident . $key:ident) => {
        $v.value(&$path(stringify!($key)), &$from.$key, dom!($section.$key))
    };
}

/// Walks every input of the scenario in a fixed order and builds one world.
pub fn resolve(sc: &ScenarioFile, v: &mut impl ParamVisitor) -> WorldParams {
    let e = &sc.energy;
    let need_kcal = input!(v, "energy", e, ENERGY.need_kcal);
    let survival_floor_kcal = input!(v, "energy", e, ENERGY.survival_floor_kcal);
    let cold_kcal = input!(v, "energy", e, ENERGY.cold_kcal_per_step);
    let cold_step = input!(v, "energy", e, ENERGY.cold_step_c);
    let cold_base = input!(v, "energy", e, ENERGY.cold_base_c);
    let maize_kcal_per_kg = input!(v, "energy", e, ENERGY.maize_kcal_per_kg);

    let r = &sc.release;
    let allocation = *r.allocation.get_ref();
    let released_total = match (&r.total, allocation) {
        (Some(t), Allocation::Population | Allocation::Weights) => {
            v.value("release.total", t, dom!(RELEASE.total)).round()
        }
        _ => 0.0,
    };
    let border_weight = input!(v, "release", r, RELEASE.border_weight);
    let share_homeless = input!(v, "release", r, RELEASE.share_homeless);
    let recovery_extra_kcal = input!(v, "release", r, RELEASE.recovery_extra_kcal);
    let recovery_days = input!(v, "release", r, RELEASE.recovery_days);
    let mut waves: Vec<(u32, f64)> = r
        .wave
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.get_ref();
            let day = (*w.day.get_ref()).clamp(0, u32::MAX as i64) as u32;
            (
                day,
                v.value(
                    &format!("release.wave[{i}].share"),
                    &w.share,
                    dom!(WAVE.share),
                ),
            )
        })
        .collect();
    if waves.is_empty() {
        waves.push((0, 1.0));
    }
    let wave_total: f64 = waves.iter().map(|w| w.1).sum();
    for w in &mut waves {
        w.1 = if wave_total > 0.0 {
            w.1 / wave_total
        } else {
            1.0 / r.wave.len().max(1) as f64
        };
    }

    let package = sc
        .package
        .item
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let it = it.get_ref();
            let p = |f: &str| format!("package.item[{i}].{f}");
            ItemValues {
                quantity: input!(v, p, it, ITEM.quantity),
                kcal_per_unit: input!(v, p, it, ITEM.kcal_per_unit),
                price_kpw_per_unit: input!(v, p, it, ITEM.price_kpw_per_unit),
            }
        })
        .collect();

    let resident_share = input!(v, "levy", sc.levy, LEVY.resident_share);
    let s = &sc.sharing;
    let sharing_propensity = input!(v, "sharing", s, SHARING.propensity);
    let sharing_floor_days = input!(v, "sharing", s, SHARING.stock_floor_days);
    let sharing_max_share = input!(v, "sharing", s, SHARING.max_share_of_need);
    let incident_rate = input!(
        v,
        "incidents",
        sc.incidents,
        INCIDENTS.rate_per_unfed_person_day
    );
    let incident_take_kg = input!(v, "incidents", sc.incidents, INCIDENTS.take_kg);

    let calendar_strength = sc
        .calendar
        .as_ref()
        .map(|c| input!(v, "calendar", c.get_ref(), CALENDAR.strength));
    let coping = sc.coping.as_ref().map_or_else(Vec::new, |c| {
        c.get_ref()
            .step
            .iter()
            .enumerate()
            .map(|(i, st)| {
                let st = st.get_ref();
                let p = |f: &str| format!("coping.step[{i}].{f}");
                CopingValues {
                    below_days: input!(v, p, st, COPING_STEP.below_days),
                    eat_share: input!(v, p, st, COPING_STEP.eat_share),
                    points: st.strategies.iter().map(|x| x.get_ref().weight()).sum(),
                }
            })
            .collect()
    });

    let mut districts = sc
        .district
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let d = d.get_ref();
            let p = |f: &str| district_path(di, f);
            let pph = input!(v, p, d, DISTRICT.persons_per_household);
            let households = match (&d.households, &d.population) {
                (Some(h), _) => v.value(&p("households"), h, dom!(DISTRICT.households)),
                (None, Some(pop)) => {
                    v.value(&p("population"), pop, dom!(DISTRICT.population)) / pph
                }
                (None, None) => 0.0,
            }
            .round();
            let per_unit = v
                .value(
                    &p("households_per_inminban"),
                    &d.households_per_inminban,
                    dom!(DISTRICT.households_per_inminban),
                )
                .round();
            let temperature = input!(v, p, d, DISTRICT.mean_temperature_c);
            let cold = if e.cold_adjustment {
                cold_kcal * ((cold_base - temperature) / cold_step).max(0.0)
            } else {
                0.0
            };
            let maize_price_kpw = input!(v, p, d, DISTRICT.maize_price_kpw);
            let price_index = input!(v, p, d, DISTRICT.price_index);
            let release_weight = d.release_weight.as_ref().map_or(0.0, |w| {
                v.value(&p("release_weight"), w, dom!(DISTRICT.release_weight))
            });
            let release_count = d.release_count.as_ref().map_or(0.0, |c| {
                v.value(&p("release_count"), c, dom!(DISTRICT.release_count))
                    .round()
            });
            let (groups, gpath) = groups_of(sc, di);
            let mut groups: Vec<GroupValues> = groups
                .iter()
                .enumerate()
                .map(|(gi, g)| {
                    let g = g.get_ref();
                    // The scenario-wide groups are drawn once per world and shared by all districts.
                    let q = |f: &str| format!("{gpath}[{gi}].{f}");
                    let share = input!(v, q, g, WEALTH_GROUP.share);
                    let stock_days = input!(v, q, g, WEALTH_GROUP.stock_days);
                    let stock_spread = input!(v, q, g, WEALTH_GROUP.stock_spread);
                    let sources = [
                        input!(v, q, g, WEALTH_GROUP.ration_share),
                        input!(v, q, g, WEALTH_GROUP.market_share),
                        input!(v, q, g, WEALTH_GROUP.work_share),
                    ];
                    GroupValues {
                        share,
                        stock_days,
                        stock_spread,
                        acquisition: sources[0] + sources[1] + sources[2],
                        sources,
                        acquisition_spread: input!(v, q, g, WEALTH_GROUP.acquisition_spread),
                    }
                })
                .collect();
            let total: f64 = groups.iter().map(|g| g.share).sum();
            for g in &mut groups {
                g.share = if total > 0.0 { g.share / total } else { 0.0 };
            }
            DistrictValues {
                households,
                persons_per_household: pph,
                households_per_inminban: per_unit,
                need_per_person: need_kcal + cold,
                border: d.border,
                maize_price_kpw,
                price_index,
                protection_kcal: 0.0,
                release_weight,
                release_count,
                groups,
            }
        })
        .collect::<Vec<_>>();
    // Walked after the districts, so that iterations.csv keeps its columns' order.
    if let Some(l) = &sc.livelihoods {
        let kpw = input!(v, "livelihoods", l.get_ref(), LIVELIHOODS.protection_kpw);
        for d in &mut districts {
            d.protection_kcal = kpw / d.maize_price_kpw * maize_kcal_per_kg;
        }
    }

    WorldParams {
        need_kcal,
        survival_floor_kcal,
        maize_kcal_per_kg,
        released_total,
        allocation,
        border_weight,
        share_homeless,
        recovery_extra_kcal,
        recovery_days,
        waves,
        package,
        resident_share,
        levy_base: *sc.levy.falls_on.get_ref(),
        sharing_propensity,
        sharing_floor_days,
        sharing_max_share,
        incident_rate,
        incident_take_kg,
        districts,
        cold: e
            .cold_adjustment
            .then_some((cold_kcal, cold_step, cold_base)),
        calendar_strength,
        coping,
    }
}
