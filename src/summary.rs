//! The reported metrics, per district and wealth group, across iterations.
//!
//! Each iteration's sums ([`Cell`], [`ReleasedTotals`]) are combined for every
//! reported entity (a district and group, a district, a group over all districts,
//! the total) and turned into the metrics of [`METRICS`]; each figure's values are
//! summarised as blocks of iterations arrive, by a [`Stream`] per figure (the
//! [`Builder`]), so memory does not grow with the iterations. Ratios are formed per
//! iteration from sums, so "per levied household" means the same thing in a
//! district and in the total.

use serde::Serialize;

use crate::model::household::PROTECTION_BANDS;
use crate::model::results::{BANDS, Cell, IterationResult, ReleasedTotals, Role, RoleTable};
use crate::model::season::RCSI_BANDS;
use crate::rows::IterationRows;
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::{Estimate, Stream};

/// What a metric is computed from.
pub struct MetricDef {
    pub name: &'static str,
    pub unit: &'static str,
    pub label: &'static str,
    /// Only for whole districts (all wealth groups): the released are not in a wealth
    /// group, and the concentration of losses is formed per district.
    pub released_only: bool,
    eval: fn(&Ctx) -> f64,
}

/// The sums a metric needs.
pub struct Ctx<'a> {
    pub cell: &'a Cell,
    pub released: &'a ReleasedTotals,
    /// Who bore the burden (whole districts and the total only).
    pub roles: Option<&'a RoleTable>,
    pub maize_kcal: f64,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// The median food lost (days of own need) within a role, or NaN (left out of the
/// summary, and of paired differences) in an iteration where the role had nobody.
fn role_median(c: &Ctx, role: Role) -> f64 {
    match c.roles {
        Some(t) if t.get(role).sums.households > 0.0 => t.get(role).food_lost_days_median,
        _ => f64::NAN,
    }
}

/// A concentration figure, or NaN (left out of the summary) when nobody lost food.
fn concentration(c: &Ctx, pick: fn(&RoleTable) -> f64) -> f64 {
    match c.roles {
        Some(r) if r.get(Role::Affected).sums.households > 0.0 => pick(r),
        _ => f64::NAN,
    }
}

/// The need and the livelihoods-protection spending covered, as a share of the need:
/// the Household Economy Approach's bar against its two thresholds (1 and
/// `livelihood_threshold`), which it never passes.
fn covered(c: &Ctx, deficit: f64, protection_deficit: f64) -> f64 {
    let cell = c.cell;
    ratio(
        cell.need_total - deficit + cell.protection_total - protection_deficit,
        cell.need_total,
    )
}

/// Persons in IPC-style phase 3 or worse: a survival deficit, or (with `[livelihoods]`)
/// a livelihoods-protection deficit of 80% or more without one.
fn phase3(b: &[f64; BANDS], protection: &[f64; PROTECTION_BANDS]) -> f64 {
    b[1..].iter().sum::<f64>() + protection[PROTECTION_BANDS - 1]
}

/// The share of household-days whose week's rCSI is in `from` band or above.
fn rcsi_share(days: &[f64; RCSI_BANDS], from: usize) -> f64 {
    ratio(days[from..].iter().sum(), days.iter().sum())
}

/// The mean week's rCSI over household-days.
fn rcsi_mean(sum: f64, days: &[f64; RCSI_BANDS]) -> f64 {
    ratio(sum, days.iter().sum())
}

impl MetricDef {
    /// Whether the scenario reports this metric: `coping_` figures need `[coping]`,
    /// `livelihood_` figures `[livelihoods]`.
    pub fn applies(&self, sc: &Scenario) -> bool {
        if self.name.starts_with("coping_") {
            sc.file.coping.is_some()
        } else if self.name.starts_with("livelihood_") {
            sc.file.livelihoods.is_some()
        } else {
            true
        }
    }
}

macro_rules! metric {
    ($name:expr, $unit:expr, $label:expr, $rel:expr, |$c:ident| $body:expr) => {
        MetricDef {
            name: $name,
            unit: $unit,
            label: $label,
            released_only: $rel,
            eval: |$c: &Ctx| $body,
        }
    };
}

/// Every reported metric, in report order.
/// The headline figures, each a metric of [`METRICS`] named here so that
/// [`HEADLINES`] refers to them by type, not by name.
pub const RELEASED: MetricDef = metric!("released", "persons", "People released", true, |c| c
    .released
    .released);

pub const HOST_FOOD_LOST_DAYS_MEDIAN: MetricDef = metric!(
    "host_food_lost_days_median",
    "days of food",
    "Food lost by host households, median household (days of own need)",
    true,
    |c| role_median(c, Role::Host)
);

pub const LEVY_KG_PER_LEVIED_HOUSEHOLD: MetricDef = metric!(
    "levy_kg_per_levied_household",
    "kg maize eq",
    "Levy per levied household (kg of maize equivalent)",
    false,
    |c| ratio(c.cell.levy_kcal / c.maize_kcal, c.cell.levied_households)
);

pub const LEVY_DAYS_PER_LEVIED_HOUSEHOLD: MetricDef = metric!(
    "levy_days_per_levied_household",
    "days of food",
    "Levy per levied household (days of its food need)",
    false,
    |c| ratio(c.cell.levy_days, c.cell.levied_households)
);

pub const OUT_OF_STOCK_WITH: MetricDef = metric!(
    "out_of_stock_with",
    "share of households",
    "Households out of stock before the horizon, with the release",
    false,
    |c| ratio(c.cell.out_with, c.cell.households)
);

pub const OUT_OF_STOCK_WITHOUT: MetricDef = metric!(
    "out_of_stock_without",
    "share of households",
    "Households out of stock before the horizon, without the release",
    false,
    |c| ratio(c.cell.out_without, c.cell.households)
);

pub const OUT_OF_STOCK_ATTRIBUTABLE_HOUSEHOLDS: MetricDef = metric!(
    "out_of_stock_attributable_households",
    "households",
    "Extra households out of stock because of the release",
    false,
    |c| c.cell.out_with - c.cell.out_without
);

pub const SURVIVAL_DEFICIT_ATTRIBUTABLE: MetricDef = metric!(
    "survival_deficit_attributable",
    "share of need",
    "Survival deficit caused by the release",
    false,
    |c| ratio(
        c.cell.deficit_with - c.cell.deficit_without,
        c.cell.need_total
    )
);

pub const PHASE3PLUS_ATTRIBUTABLE: MetricDef = metric!(
    "phase3plus_attributable",
    "share of persons",
    "People pushed into IPC-style phase 3+ by the release",
    false,
    |c| ratio(
        phase3(&c.cell.band_with, &c.cell.protection_band_with)
            - phase3(&c.cell.band_without, &c.cell.protection_band_without),
        c.cell.persons
    )
);

pub const RELEASED_PERSON_DAYS_BELOW_FLOOR: MetricDef = metric!(
    "released_person_days_below_floor",
    "person-days",
    "Released people's days below the survival floor",
    true,
    |c| c.released.person_days_below_floor
);

pub const INCIDENTS: MetricDef = metric!(
    "incidents",
    "incidents",
    "Incidents (begging with threats, theft)",
    true,
    |c| c.released.incidents
);

/// One figure with the release, without it, and attributable to it (the difference).
pub struct Paired<T> {
    pub with: T,
    pub without: T,
    pub attributable: T,
}

/// A coping figure on the with and the without side, formed by `figure` from the side's
/// household-days by rCSI band and its rCSI sum.
fn coping_sides(c: &Ctx, figure: fn(&[f64; RCSI_BANDS], f64) -> f64) -> [f64; 2] {
    [
        figure(&c.cell.coping_days_with, c.cell.rcsi_with),
        figure(&c.cell.coping_days_without, c.cell.rcsi_without),
    ]
}

/// The coping figures, each as three metrics named `NAME_with`, `NAME_without` and
/// `NAME_attributable` (with minus without). One row a figure: its constant, `NAME`, the
/// unit, how one side forms it ([`coping_sides`]), and the labels in that order.
macro_rules! coping_figures {
    ($($konst:ident = $name:literal, $unit:literal, $figure:expr, [$with:literal, $without:literal, $attributable:literal];)*) => {$(
        const $konst: Paired<MetricDef> = Paired {
            with: metric!(concat!($name, "_with"), $unit, $with, false, |c| {
                coping_sides(c, $figure)[0]
            }),
            without: metric!(concat!($name, "_without"), $unit, $without, false, |c| {
                coping_sides(c, $figure)[1]
            }),
            attributable: metric!(concat!($name, "_attributable"), $unit, $attributable, false, |c| {
                let [with, without] = coping_sides(c, $figure);
                with - without
            }),
        };
    )*};
}

coping_figures! {
    COPING_RCSI_19PLUS = "coping_rcsi_19plus", "share of household-days", |days, _| rcsi_share(days, 2), [
        "Household-days with a reduced Coping Strategies Index of 19 or more, with the release",
        "Household-days with an rCSI of 19 or more, without the release",
        "Household-days with an rCSI of 19 or more because of the release"];
    COPING_RCSI_4PLUS = "coping_rcsi_4plus", "share of household-days", |days, _| rcsi_share(days, 1), [
        "Household-days with an rCSI of 4 or more (cutting at all), with the release",
        "Household-days with an rCSI of 4 or more, without the release",
        "Household-days with an rCSI of 4 or more because of the release"];
    COPING_RCSI_MEAN = "coping_rcsi_mean", "rCSI", |days, sum| rcsi_mean(sum, days), [
        "Mean reduced Coping Strategies Index over household-days, with the release",
        "Mean rCSI over household-days, without the release",
        "Mean rCSI over household-days: with minus without the release"];
}

pub const METRICS: &[MetricDef] = &[
    metric!("households", "households", "Households", false, |c| c
        .cell
        .households),
    metric!(
        "levied_households",
        "households",
        "Households that paid a levy",
        false,
        |c| c.cell.levied_households
    ),
    metric!(
        "levy_unpaid_households",
        "households",
        "Households asked for a levy with no stock left to pay it",
        false,
        |c| (c.cell.levy_asked_households - c.cell.levied_households).max(0.0)
    ),
    LEVY_KG_PER_LEVIED_HOUSEHOLD,
    metric!(
        "levy_kpw_per_levied_household",
        "KPW",
        "Levy per levied household (KPW)",
        false,
        |c| ratio(c.cell.levy_kpw, c.cell.levied_households)
    ),
    LEVY_DAYS_PER_LEVIED_HOUSEHOLD,
    metric!(
        "levy_share_of_stock",
        "share",
        "Levy as a share of the levied household's stock",
        false,
        |c| ratio(c.cell.levy_stock_share, c.cell.levied_households)
    ),
    OUT_OF_STOCK_WITH,
    OUT_OF_STOCK_WITHOUT,
    metric!(
        "out_of_stock_attributable",
        "share of households",
        "Extra households out of stock because of the release (share)",
        false,
        |c| ratio(c.cell.out_with - c.cell.out_without, c.cell.households)
    ),
    OUT_OF_STOCK_ATTRIBUTABLE_HOUSEHOLDS,
    metric!(
        "affected_households",
        "households",
        "Households that lost food to the release",
        false,
        |c| c.cell.affected_households
    ),
    metric!(
        "food_lost_days_per_affected_household",
        "days of food",
        "Food lost per affected household (days of its need)",
        false,
        |c| ratio(c.cell.food_lost_days, c.cell.affected_households)
    ),
    metric!(
        "food_lost_t",
        "t maize eq",
        "Food residents lost to the release (levy, sharing, hosting, incidents)",
        false,
        |c| c.cell.food_lost_kcal / c.maize_kcal / 1000.0
    ),
    metric!(
        "food_lost_share_top_1pct",
        "share of food lost",
        "Share of all food lost carried by the most burdened 1% of affected households",
        true,
        |c| concentration(c, |r| r.top_1pct_share)
    ),
    metric!(
        "food_lost_share_top_10pct",
        "share of food lost",
        "Share of all food lost carried by the most burdened 10% of affected households",
        true,
        |c| concentration(c, |r| r.top_10pct_share)
    ),
    metric!(
        "survival_deficit_with",
        "share of need",
        "Survival deficit (share of need unmet), with the release",
        false,
        |c| ratio(c.cell.deficit_with, c.cell.need_total)
    ),
    metric!(
        "survival_deficit_without",
        "share of need",
        "Survival deficit (share of need unmet), without the release",
        false,
        |c| ratio(c.cell.deficit_without, c.cell.need_total)
    ),
    SURVIVAL_DEFICIT_ATTRIBUTABLE,
    metric!(
        "phase3plus_with",
        "share of persons",
        "People in IPC-style phase 3+ (not official IPC), with the release",
        false,
        |c| ratio(
            phase3(&c.cell.band_with, &c.cell.protection_band_with),
            c.cell.persons
        )
    ),
    metric!(
        "phase3plus_without",
        "share of persons",
        "People in IPC-style phase 3 or worse, without the release",
        false,
        |c| ratio(
            phase3(&c.cell.band_without, &c.cell.protection_band_without),
            c.cell.persons
        )
    ),
    PHASE3PLUS_ATTRIBUTABLE,
    metric!(
        "livelihood_deficit_with",
        "share of spending",
        "Livelihoods-protection deficit (share of the livelihoods-protection spending not covered), with the release",
        false,
        |c| ratio(c.cell.protection_deficit_with, c.cell.protection_total)
    ),
    metric!(
        "livelihood_deficit_without",
        "share of spending",
        "Livelihoods-protection deficit (share of the spending not covered), without the release",
        false,
        |c| ratio(c.cell.protection_deficit_without, c.cell.protection_total)
    ),
    metric!(
        "livelihood_deficit_attributable",
        "share of spending",
        "Livelihoods-protection deficit caused by the release",
        false,
        |c| ratio(
            c.cell.protection_deficit_with - c.cell.protection_deficit_without,
            c.cell.protection_total
        )
    ),
    metric!(
        "livelihood_threshold",
        "share of need",
        "Livelihoods-protection threshold (survival need plus the livelihoods-protection spending) as a share of survival need",
        false,
        |c| ratio(
            c.cell.need_total + c.cell.protection_total,
            c.cell.need_total
        )
    ),
    metric!(
        "livelihood_resources_with",
        "share of need",
        "Food and livelihoods-protection spending covered, each up to its threshold, as a share of survival need, with the release",
        false,
        |c| covered(c, c.cell.deficit_with, c.cell.protection_deficit_with)
    ),
    metric!(
        "livelihood_resources_without",
        "share of need",
        "Food and livelihoods-protection spending covered, each up to its threshold, as a share of survival need, without the release",
        false,
        |c| covered(c, c.cell.deficit_without, c.cell.protection_deficit_without)
    ),
    metric!(
        "livelihood_deficit_none_with",
        "share of persons",
        "Neither deficit (IPC-style phase 1), with the release",
        false,
        |c| ratio(c.cell.protection_band_with[0], c.cell.persons)
    ),
    metric!(
        "livelihood_deficit_under80_with",
        "share of persons",
        "Livelihoods-protection deficit under 80%, no survival deficit (phase 2 style), with the release",
        false,
        |c| ratio(c.cell.protection_band_with[1], c.cell.persons)
    ),
    metric!(
        "livelihood_deficit_80plus_with",
        "share of persons",
        "Livelihoods-protection deficit of 80% or more, no survival deficit (phase 3 style), with the release",
        false,
        |c| ratio(c.cell.protection_band_with[2], c.cell.persons)
    ),
    metric!(
        "livelihood_deficit_none_without",
        "share of persons",
        "Neither deficit (phase 1 style), without the release",
        false,
        |c| ratio(c.cell.protection_band_without[0], c.cell.persons)
    ),
    metric!(
        "livelihood_deficit_under80_without",
        "share of persons",
        "Livelihoods-protection deficit under 80%, no survival deficit, without the release",
        false,
        |c| ratio(c.cell.protection_band_without[1], c.cell.persons)
    ),
    metric!(
        "livelihood_deficit_80plus_without",
        "share of persons",
        "Livelihoods-protection deficit of 80% or more, no survival deficit, without the release",
        false,
        |c| ratio(c.cell.protection_band_without[2], c.cell.persons)
    ),
    COPING_RCSI_19PLUS.with,
    COPING_RCSI_19PLUS.without,
    COPING_RCSI_19PLUS.attributable,
    COPING_RCSI_4PLUS.with,
    COPING_RCSI_4PLUS.without,
    COPING_RCSI_4PLUS.attributable,
    COPING_RCSI_MEAN.with,
    COPING_RCSI_MEAN.without,
    COPING_RCSI_MEAN.attributable,
    metric!(
        "deficit_band_none_with",
        "share of persons",
        "No survival deficit (phase 1-2 style), with the release",
        false,
        |c| ratio(c.cell.band_with[0], c.cell.persons)
    ),
    metric!(
        "deficit_band_under20_with",
        "share of persons",
        "Survival deficit under 20% (phase 3 style), with the release",
        false,
        |c| ratio(c.cell.band_with[1], c.cell.persons)
    ),
    metric!(
        "deficit_band_20to50_with",
        "share of persons",
        "Survival deficit 20% to 50% (phase 4 style), with the release",
        false,
        |c| ratio(c.cell.band_with[2], c.cell.persons)
    ),
    metric!(
        "deficit_band_50plus_with",
        "share of persons",
        "Survival deficit 50% or more (phase 5 style), with the release",
        false,
        |c| ratio(c.cell.band_with[3], c.cell.persons)
    ),
    metric!(
        "deficit_band_none_without",
        "share of persons",
        "No survival deficit, without the release",
        false,
        |c| ratio(c.cell.band_without[0], c.cell.persons)
    ),
    metric!(
        "deficit_band_under20_without",
        "share of persons",
        "Survival deficit under 20%, without the release",
        false,
        |c| ratio(c.cell.band_without[1], c.cell.persons)
    ),
    metric!(
        "deficit_band_20to50_without",
        "share of persons",
        "Survival deficit 20% to 50%, without the release",
        false,
        |c| ratio(c.cell.band_without[2], c.cell.persons)
    ),
    metric!(
        "deficit_band_50plus_without",
        "share of persons",
        "Survival deficit 50% or more, without the release",
        false,
        |c| ratio(c.cell.band_without[3], c.cell.persons)
    ),
    metric!(
        "host_households",
        "households",
        "Host households (released people lived with them)",
        true,
        |c| c.roles.map_or(0.0, |t| t.get(Role::Host).sums.households)
    ),
    HOST_FOOD_LOST_DAYS_MEDIAN,
    metric!(
        "unit_levied_households",
        "households",
        "Households that paid a unit levy",
        true,
        |c| c
            .roles
            .map_or(0.0, |t| t.get(Role::UnitLevied).sums.households)
    ),
    metric!(
        "unit_levied_food_lost_days_median",
        "days of food",
        "Food lost by households paying a unit levy, median household (days of own need)",
        true,
        |c| role_median(c, Role::UnitLevied)
    ),
    metric!(
        "sharer_households",
        "households",
        "Households that shared at inns",
        true,
        |c| c.roles.map_or(0.0, |t| t.get(Role::Sharer).sums.households)
    ),
    metric!(
        "sharer_food_lost_days_median",
        "days of food",
        "Food lost by households sharing at inns, median household (days of own need)",
        true,
        |c| role_median(c, Role::Sharer)
    ),
    metric!(
        "robbed_households",
        "households",
        "Households robbed in incidents",
        true,
        |c| c.roles.map_or(0.0, |t| t.get(Role::Robbed).sums.households)
    ),
    metric!(
        "robbed_food_lost_days_median",
        "days of food",
        "Food lost by robbed households, median household (days of own need)",
        true,
        |c| role_median(c, Role::Robbed)
    ),
    metric!(
        "district_levied_households",
        "households",
        "Households that paid only a district-wide levy",
        true,
        |c| c
            .roles
            .map_or(0.0, |t| t.get(Role::DistrictLevied).sums.households)
    ),
    metric!(
        "district_levied_food_lost_days_median",
        "days of food",
        "Food lost by households paying only a district levy, median household (days of own need)",
        true,
        |c| role_median(c, Role::DistrictLevied)
    ),
    RELEASED,
    metric!(
        "released_homeless",
        "persons",
        "Released people with no home (at inns)",
        true,
        |c| c.released.homeless
    ),
    metric!(
        "released_person_days_below_threshold",
        "person-days",
        "Released people's days below their daily energy need",
        true,
        |c| c.released.person_days_below_threshold
    ),
    RELEASED_PERSON_DAYS_BELOW_FLOOR,
    metric!(
        "released_unmet_share",
        "share of need",
        "Released people's need left unmet",
        true,
        |c| ratio(c.released.unmet_kcal, c.released.need_kcal)
    ),
    INCIDENTS,
    metric!(
        "package_value_kpw",
        "KPW",
        "Value of the support packages",
        true,
        |c| c.released.package_kpw
    ),
    metric!(
        "levy_paid_t",
        "t maize eq",
        "Levy paid by residents (tonnes of maize equivalent)",
        false,
        |c| c.cell.levy_kcal / c.maize_kcal / 1000.0
    ),
    metric!(
        "levy_paid_kpw",
        "KPW",
        "Levy paid by residents",
        true,
        |c| c.cell.levy_kpw
    ),
    metric!(
        "levy_uncollected_t",
        "t maize eq",
        "Levy households could not pay (the office covers it)",
        true,
        |c| (c.cell.levy_owed_kcal - c.cell.levy_kcal) / c.maize_kcal / 1000.0
    ),
    metric!(
        "food_shared_t",
        "t maize eq",
        "Food shared informally with released people at inns",
        true,
        |c| c.released.shared_kcal / c.maize_kcal / 1000.0
    ),
    metric!(
        "food_taken_t",
        "t maize eq",
        "Food taken in incidents",
        true,
        |c| c.released.taken_kcal / c.maize_kcal / 1000.0
    ),
];

/// The headline figures shown in the terminal and at the top of the report.
pub const HEADLINES: &[&MetricDef] = &[
    &RELEASED,
    &HOST_FOOD_LOST_DAYS_MEDIAN,
    &LEVY_KG_PER_LEVIED_HOUSEHOLD,
    &LEVY_DAYS_PER_LEVIED_HOUSEHOLD,
    &OUT_OF_STOCK_WITH,
    &OUT_OF_STOCK_WITHOUT,
    &OUT_OF_STOCK_ATTRIBUTABLE_HOUSEHOLDS,
    &SURVIVAL_DEFICIT_ATTRIBUTABLE,
    &PHASE3PLUS_ATTRIBUTABLE,
    &RELEASED_PERSON_DAYS_BELOW_FLOOR,
    &INCIDENTS,
];

/// The headline figures' names, in [`HEADLINES`] order (for tables and charts keyed
/// by name).
pub fn headline_names() -> Vec<&'static str> {
    HEADLINES.iter().map(|m| m.name).collect()
}

/// Whether the metric named `name` is a headline figure.
pub fn is_headline(name: &str) -> bool {
    HEADLINES.iter().any(|m| m.name == name)
}

pub fn metric(name: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|m| m.name == name)
}

/// One reported scope: a district and group, a district, a group, or the total.
#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    #[serde(flatten)]
    pub scope: Scope,
    pub metrics: Vec<MetricSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricSummary {
    pub metric: &'static str,
    pub unit: &'static str,
    #[serde(flatten)]
    pub estimate: Estimate,
}

/// One day of one series.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesSummary {
    /// The total or one district.
    #[serde(flatten)]
    pub scope: Scope,
    pub metric: &'static str,
    pub unit: &'static str,
    /// One estimate per day.
    pub days: Vec<Estimate>,
}

/// Everything the outputs need, in a fixed order.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub iterations: usize,
    pub entities: Vec<EntitySummary>,
    pub series: Vec<SeriesSummary>,
    /// Who bore the burden: each role's figures per district and over all districts.
    pub roles: Vec<crate::roles::RoleSummary>,
    /// How unequally losses fall among affected households, per district and in total.
    pub concentration: Vec<crate::roles::ConcentrationSummary>,
    /// Per headline figure (in [`HEADLINES`] order), the total's value in each
    /// iteration (NaN where the figure is undefined), for convergence and charts.
    #[serde(skip)]
    pub headline_values: Vec<Vec<f64>>,
}

impl Summary {
    pub fn entity(&self, scope: &Scope) -> Option<&EntitySummary> {
        self.entities.iter().find(|e| e.scope == *scope)
    }

    pub fn total(&self) -> &EntitySummary {
        self.entity(&Scope::Total)
            .expect("the total is always summarised")
    }
}

impl EntitySummary {
    pub fn get(&self, metric: &str) -> Option<&Estimate> {
        self.metrics
            .iter()
            .find(|m| m.metric == metric)
            .map(|m| &m.estimate)
    }
}

/// Which cells an entity adds up: (district index or all, group name or all).
struct EntityKey {
    district: Option<usize>,
    group: Option<String>,
}

fn entity_keys(sc: &Scenario) -> Vec<EntityKey> {
    let mut keys = Vec::new();
    let districts = sc.district_names();
    let mut all_groups: Vec<String> = Vec::new();
    for di in 0..districts.len() {
        for g in sc.group_names(di) {
            if !all_groups.contains(&g) {
                all_groups.push(g.clone());
            }
            keys.push(EntityKey {
                district: Some(di),
                group: Some(g),
            });
        }
        keys.push(EntityKey {
            district: Some(di),
            group: None,
        });
    }
    if districts.len() > 1 {
        for g in all_groups {
            keys.push(EntityKey {
                district: None,
                group: Some(g),
            });
        }
    }
    keys.push(EntityKey {
        district: None,
        group: None,
    });
    keys
}

/// The role table of a whole district or of the total; none for a wealth group.
fn roles_of<'a>(it: &'a IterationResult, key: &EntityKey) -> Option<&'a RoleTable> {
    match (key.district, &key.group) {
        (_, Some(_)) => None,
        (Some(d), None) => Some(&it.districts[d].roles),
        (None, None) => Some(&it.roles),
    }
}

fn combine(sc: &Scenario, it: &IterationResult, key: &EntityKey) -> (Cell, ReleasedTotals) {
    let mut cell = Cell::default();
    let mut rel = ReleasedTotals::default();
    for (di, d) in it.districts.iter().enumerate() {
        if key.district.is_some_and(|k| k != di) {
            continue;
        }
        rel.add(&d.released);
        let names = sc.group_names(di);
        for (gi, c) in d.cells.iter().enumerate() {
            if key.group.as_ref().is_none_or(|g| *g == names[gi]) {
                cell.add(c);
            }
        }
    }
    (cell, rel)
}

/// One entity's per-iteration values of every metric it reports, in iteration order.
#[derive(Clone)]
pub struct EntityValues {
    pub scope: Scope,
    /// (metric, one value per iteration), in [`METRICS`] order.
    pub metrics: Vec<(&'static MetricDef, Vec<f64>)>,
}

impl EntityValues {
    pub fn get(&self, metric: &str) -> Option<&[f64]> {
        self.metrics
            .iter()
            .find(|(m, _)| m.name == metric)
            .map(|(_, v)| v.as_slice())
    }

    pub fn is_total(&self) -> bool {
        self.scope.is_total()
    }
}

/// Every entity's per-iteration metric values (iterations given in iteration order).
/// The last entity is the total.
pub fn entity_values(sc: &Scenario, iterations: &[IterationResult]) -> Vec<EntityValues> {
    let districts = sc.district_names();
    entity_keys(sc)
        .iter()
        .map(|key| {
            let defs: Vec<&'static MetricDef> = METRICS
                .iter()
                .filter(|m| (key.group.is_none() || !m.released_only) && m.applies(sc))
                .collect();
            let mut values: Vec<Vec<f64>> = vec![Vec::with_capacity(iterations.len()); defs.len()];
            for it in iterations {
                let (cell, released) = combine(sc, it, key);
                let ctx = Ctx {
                    cell: &cell,
                    released: &released,
                    roles: roles_of(it, key),
                    maize_kcal: it.maize_kcal_per_kg,
                };
                for (v, m) in values.iter_mut().zip(&defs) {
                    v.push((m.eval)(&ctx));
                }
            }
            EntityValues {
                scope: Scope::of(
                    key.district.map(|d| districts[d].as_str()),
                    key.group.as_deref(),
                ),
                metrics: defs.into_iter().zip(values).collect(),
            }
        })
        .collect()
}

/// The total's per-iteration values of the given metrics (in the order asked).
pub fn total_values(
    iterations: &[IterationResult],
    metrics: &[&MetricDef],
    sc: &Scenario,
) -> Vec<Vec<f64>> {
    let key = EntityKey {
        district: None,
        group: None,
    };
    let mut values = vec![Vec::with_capacity(iterations.len()); metrics.len()];
    for it in iterations {
        let (cell, released) = combine(sc, it, &key);
        let ctx = Ctx {
            cell: &cell,
            released: &released,
            roles: Some(&it.roles),
            maize_kcal: it.maize_kcal_per_kg,
        };
        for (v, m) in values.iter_mut().zip(metrics) {
            v.push((m.eval)(&ctx));
        }
    }
    values
}

/// Summarises iterations (given in iteration order).
pub fn summarise(sc: &Scenario, iterations: &[IterationResult]) -> Summary {
    let mut b = Builder::new(sc, None);
    b.add(iterations, &entity_values(sc, iterations));
    b.finish().0
}

/// A summary built as blocks of iterations arrive, in iteration order: every figure
/// is a [`Stream`], so memory does not grow with the number of iterations beyond the
/// headline figures' values (and, when asked, `iterations.csv`'s rows, kept on disk).
pub struct Builder {
    iterations: usize,
    /// Per entity, each metric it reports and its values so far (NaN left out).
    entities: Vec<(Scope, Vec<(&'static MetricDef, Stream)>)>,
    series: SeriesBuilder,
    roles: crate::roles::Builder,
    headline_values: Vec<Vec<f64>>,
    rows: Option<IterationRows>,
}

impl Builder {
    /// `rows`: keep each iteration's draws and total figures for `iterations.csv`, in
    /// an anonymous file in the folder given (`Some(None)`: the system's temporary one).
    pub fn new(sc: &Scenario, rows: Option<Option<&std::path::Path>>) -> Builder {
        let districts = sc.district_names();
        let applicable = METRICS.iter().filter(|m| m.applies(sc)).count();
        let entities = entity_keys(sc)
            .iter()
            .map(|key| {
                let scope = Scope::of(
                    key.district.map(|d| districts[d].as_str()),
                    key.group.as_deref(),
                );
                let metrics = METRICS
                    .iter()
                    .filter(|m| (key.group.is_none() || !m.released_only) && m.applies(sc))
                    .map(|m| (m, Stream::new()))
                    .collect();
                (scope, metrics)
            })
            .collect();
        Builder {
            iterations: 0,
            entities,
            series: SeriesBuilder::new(sc),
            roles: crate::roles::Builder::new(sc),
            headline_values: vec![Vec::new(); HEADLINES.len()],
            rows: rows.map(|dir| IterationRows::new(sc.uncertain_paths().len() + applicable, dir)),
        }
    }

    /// Iterations added so far.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Per headline figure, the total's value in each iteration so far.
    pub fn headline_values(&self) -> &[Vec<f64>] {
        &self.headline_values
    }

    /// Adds a block of iterations (in iteration order) and their [`entity_values`].
    pub fn add(&mut self, iterations: &[IterationResult], values: &[EntityValues]) {
        for ((_, streams), ev) in self.entities.iter_mut().zip(values) {
            for ((_, stream), (_, v)) in streams.iter_mut().zip(&ev.metrics) {
                v.iter()
                    .filter(|x| !x.is_nan())
                    .for_each(|&x| stream.push(x));
            }
        }
        if let Some(total) = values.iter().find(|v| v.is_total()) {
            for (kept, h) in self.headline_values.iter_mut().zip(HEADLINES) {
                kept.extend(total.get(h.name).unwrap_or(&[]));
            }
            if let Some(rows) = &mut self.rows {
                let mut row = Vec::with_capacity(rows.width());
                for (i, it) in iterations.iter().enumerate() {
                    row.clear();
                    row.extend(&it.draws);
                    row.extend(total.metrics.iter().map(|(_, v)| v[i]));
                    rows.push(&row);
                }
            }
        }
        for it in iterations {
            self.series.add(it);
            self.roles.add(it);
        }
        self.iterations += iterations.len();
    }

    /// The summary, and the rows of `iterations.csv` when they were kept.
    pub fn finish(self) -> (Summary, Option<IterationRows>) {
        let entities = self
            .entities
            .into_iter()
            .map(|(scope, streams)| EntitySummary {
                scope,
                // A figure that is undefined in an iteration (NaN: nobody lost food) is
                // left out of that iteration's summary; n_iterations counts the rest.
                metrics: streams
                    .into_iter()
                    .filter(|(_, s)| !s.is_empty())
                    .map(|(m, s)| MetricSummary {
                        metric: m.name,
                        unit: m.unit,
                        estimate: s.estimate(),
                    })
                    .collect(),
            })
            .collect();
        let (roles, concentration) = self.roles.finish();
        let summary = Summary {
            iterations: self.iterations,
            entities,
            series: self.series.finish(),
            roles,
            concentration,
            headline_values: self.headline_values,
        };
        (summary, self.rows.map(IterationRows::finish))
    }
}

/// The three day-by-day series of a share of households, named `NAME_with`,
/// `NAME_without` and `NAME_attributable` (with minus without).
macro_rules! paired_shares {
    ($name:literal) => {
        Paired {
            with: (concat!($name, "_with"), "share of households"),
            without: (concat!($name, "_without"), "share of households"),
            attributable: (concat!($name, "_attributable"), "share of households"),
        }
    };
}

const NO_STOCK_SHARES: Paired<(&str, &str)> = paired_shares!("no_stock_share");
const RCSI_19PLUS_SHARES: Paired<(&str, &str)> = paired_shares!("coping_rcsi_19plus_share");
const RCSI_4PLUS_SHARES: Paired<(&str, &str)> = paired_shares!("coping_rcsi_4plus_share");

/// The names and units of the day-by-day series.
pub const SERIES: &[(&str, &str)] = &[
    NO_STOCK_SHARES.with,
    NO_STOCK_SHARES.without,
    NO_STOCK_SHARES.attributable,
    ("released_present", "persons"),
    (
        "released_below_threshold_share",
        "share of released present",
    ),
    ("released_below_floor_share", "share of released present"),
];

/// The day-by-day series of a scenario with `[coping]`, after [`SERIES`].
pub const COPING_SERIES: &[(&str, &str)] = &[
    RCSI_19PLUS_SHARES.with,
    RCSI_19PLUS_SHARES.without,
    RCSI_19PLUS_SHARES.attributable,
    RCSI_4PLUS_SHARES.with,
    RCSI_4PLUS_SHARES.without,
    RCSI_4PLUS_SHARES.attributable,
    ("host_eaten_share", "share of hosts' own need"),
];

/// The day-by-day series of each district (and of all districts), as streams.
struct SeriesBuilder {
    horizon: usize,
    /// The series kept: [`SERIES`], then [`COPING_SERIES`] under `[coping]`.
    names: Vec<&'static (&'static str, &'static str)>,
    /// (place, streams[series][day]); place None is all districts.
    places: Vec<(Option<usize>, Scope, Vec<Vec<Stream>>)>,
}

impl SeriesBuilder {
    fn new(sc: &Scenario) -> SeriesBuilder {
        let horizon = sc.horizon();
        let names = sc.district_names();
        let mut targets: Vec<Option<usize>> = (0..names.len()).map(Some).collect();
        if names.len() > 1 {
            targets.push(None);
        }
        let coping: &'static [(&str, &str)] = if sc.file.coping.is_some() {
            COPING_SERIES
        } else {
            &[]
        };
        let series: Vec<_> = SERIES.iter().chain(coping).collect();
        SeriesBuilder {
            horizon,
            places: targets
                .into_iter()
                .map(|t| {
                    let scope = Scope::of(t.map(|d| names[d].as_str()), None);
                    (t, scope, vec![vec![Stream::new(); horizon]; series.len()])
                })
                .collect(),
            names: series,
        }
    }

    fn add(&mut self, it: &IterationResult) {
        let horizon = self.horizon;
        let coping = self.names.len() > SERIES.len();
        for (target, _, values) in &mut self.places {
            let mut households = 0.0;
            let mut rows = vec![vec![0.0; horizon]; 11];
            for (di, d) in it.districts.iter().enumerate() {
                if target.is_some_and(|t| t != di) {
                    continue;
                }
                households += d.cells.iter().map(|c| c.households).sum::<f64>();
                for (row, src) in rows.iter_mut().zip([
                    &d.series.out_with,
                    &d.series.out_without,
                    &d.series.present,
                    &d.series.below_threshold,
                    &d.series.below_floor,
                    &d.series.rcsi19_with,
                    &d.series.rcsi19_without,
                    &d.series.host_eaten,
                    &d.series.host_need,
                    &d.series.rcsi4_with,
                    &d.series.rcsi4_without,
                ]) {
                    for (a, b) in row.iter_mut().zip(src) {
                        *a += b;
                    }
                }
            }
            // A share of households with and without the release, and their difference,
            // into three series from `first` on.
            let paired = |values: &mut [Vec<Stream>],
                          first: usize,
                          day: usize,
                          [with, without]: [f64; 2]| {
                let (with, without) = (ratio(with, households), ratio(without, households));
                values[first][day].push(with);
                values[first + 1][day].push(without);
                values[first + 2][day].push(with - without);
            };
            for day in 0..horizon {
                paired(values, 0, day, [rows[0][day], rows[1][day]]);
                values[3][day].push(rows[2][day]);
                values[4][day].push(ratio(rows[3][day], rows[2][day]));
                values[5][day].push(ratio(rows[4][day], rows[2][day]));
                if coping {
                    paired(values, 6, day, [rows[5][day], rows[6][day]]);
                    paired(values, 9, day, [rows[9][day], rows[10][day]]);
                    // Left out in an iteration without hosts.
                    if rows[8][day] > 0.0 {
                        values[12][day].push(rows[7][day] / rows[8][day]);
                    }
                }
            }
        }
    }

    fn finish(self) -> Vec<SeriesSummary> {
        let mut out = Vec::new();
        for (_, scope, values) in self.places {
            // Iterations without the series' subject (no hosts) were left out.
            for (s, (name, unit)) in self.names.iter().enumerate() {
                out.push(SeriesSummary {
                    scope: scope.clone(),
                    metric: name,
                    unit,
                    days: values[s].iter().map(Stream::estimate).collect(),
                });
            }
        }
        out
    }
}
