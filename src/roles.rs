//! Who bore the burden, across iterations: the role figures of `roles.csv` and of
//! `summary.json`'s `roles`.
//!
//! Each iteration's [`RoleTable`] (per district and over all districts) holds per-role
//! sums and within-role quantiles; here each figure becomes one value per iteration
//! and is summarised like every other metric. Counts (households, persons) take every
//! iteration; a within-role figure takes only the iterations in which the role had
//! someone, and `n_iterations` says how many those were.

use serde::Serialize;

use crate::model::results::{IterationResult, ReleasedBurden, Role, RoleFigures, RoleTable};
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::{Estimate, estimate};

/// One figure of a role, read from an iteration's figures of type `T`.
pub struct RoleMetric<T: 'static> {
    pub name: &'static str,
    pub unit: &'static str,
    /// Only iterations in which the role had someone.
    pub within: bool,
    eval: fn(&T) -> f64,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// The figures of every household role, in `roles.csv` order.
pub const ROLE_METRICS: &[RoleMetric<RoleFigures>] = &[
    RoleMetric {
        name: "households",
        unit: "households",
        within: false,
        eval: |r| r.sums.households,
    },
    RoleMetric {
        name: "persons",
        unit: "persons",
        within: false,
        eval: |r| r.sums.persons,
    },
    RoleMetric {
        name: "food_lost_days_mean",
        unit: "days of food",
        within: true,
        eval: |r| ratio(r.sums.food_lost_days, r.sums.households),
    },
    RoleMetric {
        name: "food_lost_days_median",
        unit: "days of food",
        within: true,
        eval: |r| r.food_lost_days_median,
    },
    RoleMetric {
        name: "food_lost_days_p90",
        unit: "days of food",
        within: true,
        eval: |r| r.food_lost_days_p90,
    },
    RoleMetric {
        name: "food_lost_kcal_mean",
        unit: "kcal",
        within: true,
        eval: |r| ratio(r.sums.food_lost_kcal, r.sums.households),
    },
    RoleMetric {
        name: "out_of_stock_attributable",
        unit: "share of households",
        within: true,
        eval: |r| ratio(r.sums.out_with - r.sums.out_without, r.sums.households),
    },
    RoleMetric {
        name: "out_of_stock_attributable_households",
        unit: "households",
        within: false,
        eval: |r| r.sums.out_with - r.sums.out_without,
    },
    RoleMetric {
        name: "survival_deficit_attributable",
        unit: "share of need",
        within: true,
        eval: |r| {
            ratio(
                r.sums.deficit_with - r.sums.deficit_without,
                r.sums.need_total,
            )
        },
    },
    RoleMetric {
        name: "phase3plus_attributable",
        unit: "share of persons",
        within: true,
        eval: |r| ratio(r.sums.phase3_with - r.sums.phase3_without, r.sums.persons),
    },
];

/// The name of the role of the released people themselves.
pub const RELEASED: &str = "released";

/// The released people's figures: their unmet need, in days of their own need.
pub const RELEASED_METRICS: &[RoleMetric<ReleasedBurden>] = &[
    RoleMetric {
        name: "persons",
        unit: "persons",
        within: false,
        eval: |r| r.persons,
    },
    RoleMetric {
        name: "food_lost_days_mean",
        unit: "days of food",
        within: true,
        eval: |r| ratio(r.unmet_days_total, r.persons),
    },
    RoleMetric {
        name: "food_lost_days_median",
        unit: "days of food",
        within: true,
        eval: |r| r.unmet_days_median,
    },
    RoleMetric {
        name: "food_lost_days_p90",
        unit: "days of food",
        within: true,
        eval: |r| r.unmet_days_p90,
    },
];

/// One role in one place, summarised across iterations.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSummary {
    /// One district or the total.
    #[serde(flatten)]
    pub scope: Scope,
    pub role: &'static str,
    pub metrics: Vec<RoleMetricSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleMetricSummary {
    pub metric: &'static str,
    pub unit: &'static str,
    #[serde(flatten)]
    pub estimate: Estimate,
}

impl RoleSummary {
    pub fn get(&self, metric: &str) -> Option<&Estimate> {
        self.metrics
            .iter()
            .find(|m| m.metric == metric)
            .map(|m| &m.estimate)
    }
}

/// How unequally one place's losses fall: the Lorenz curve of food lost among affected
/// households (least burdened first), one estimate per population share 0, 5%, …, 100%,
/// over the iterations that had affected households.
#[derive(Debug, Clone, Serialize)]
pub struct ConcentrationSummary {
    /// One district or the total.
    #[serde(flatten)]
    pub scope: Scope,
    /// Population shares of affected households, 0 to 1.
    pub population_share: Vec<f64>,
    /// Share of food lost carried by the least burdened `population_share`.
    pub food_lost_share: Vec<Estimate>,
}

/// Every place's Lorenz curve; a place where no iteration had affected households has none.
pub fn summarise_concentration(
    sc: &Scenario,
    iterations: &[IterationResult],
) -> Vec<ConcentrationSummary> {
    places(sc)
        .into_iter()
        .filter_map(|(scope, d)| {
            let curves: Vec<&[f64]> = iterations
                .iter()
                .map(|it| table(it, d))
                .filter(|t| t.get(Role::Affected).sums.households > 0.0)
                .map(|t| t.lorenz.as_slice())
                .collect();
            let points = curves.first()?.len();
            Some(ConcentrationSummary {
                scope,
                population_share: (0..points)
                    .map(|k| k as f64 / (points - 1).max(1) as f64)
                    .collect(),
                food_lost_share: (0..points)
                    .map(|k| estimate(&curves.iter().map(|c| c[k]).collect::<Vec<_>>()))
                    .collect(),
            })
        })
        .collect()
}

/// Each district (with its index), then all districts (the total, None).
fn places(sc: &Scenario) -> Vec<(Scope, Option<usize>)> {
    let mut places: Vec<(Scope, Option<usize>)> = sc
        .district_names()
        .into_iter()
        .enumerate()
        .map(|(d, name)| (Scope::District(name), Some(d)))
        .collect();
    places.push((Scope::Total, None));
    places
}

/// Every place's role figures: each district, then all districts (the total).
pub fn summarise_roles(sc: &Scenario, iterations: &[IterationResult]) -> Vec<RoleSummary> {
    let mut out = Vec::new();
    for (place, d) in places(sc) {
        for role in Role::ALL {
            out.push(RoleSummary {
                scope: place.clone(),
                role: role.name(),
                metrics: figures(
                    ROLE_METRICS,
                    iterations,
                    |it| table(it, d).get(role),
                    |r| r.sums.households > 0.0,
                ),
            });
        }
        out.push(RoleSummary {
            scope: place.clone(),
            role: RELEASED,
            metrics: figures(
                RELEASED_METRICS,
                iterations,
                |it| &table(it, d).released,
                |r| r.persons > 0.0,
            ),
        });
    }
    out
}

/// Each figure across the iterations, or across those where `present` holds for a
/// within-role figure; a figure no iteration has is left out.
fn figures<'a, T: 'static>(
    metrics: &[RoleMetric<T>],
    iterations: &'a [IterationResult],
    pick: impl Fn(&'a IterationResult) -> &'a T,
    present: impl Fn(&T) -> bool,
) -> Vec<RoleMetricSummary> {
    metrics
        .iter()
        .filter_map(|m| {
            let values: Vec<f64> = iterations
                .iter()
                .map(&pick)
                .filter(|r| !m.within || present(r))
                .map(|r| (m.eval)(r))
                .collect();
            summarised(m.name, m.unit, &values)
        })
        .collect()
}

/// The role table of one district, or of all districts.
fn table(it: &IterationResult, place: Option<usize>) -> &RoleTable {
    place.map_or(&it.roles, |d| &it.districts[d].roles)
}

/// A figure across the iterations that have it; none when no iteration has it.
fn summarised(
    metric: &'static str,
    unit: &'static str,
    values: &[f64],
) -> Option<RoleMetricSummary> {
    (!values.is_empty()).then(|| RoleMetricSummary {
        metric,
        unit,
        estimate: estimate(values),
    })
}
