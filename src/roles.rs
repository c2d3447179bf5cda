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
use crate::stats::{Estimate, Stream};

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

/// The role figures and Lorenz curves of every place, as iterations arrive.
pub struct Builder {
    /// Each district (with its index), then all districts.
    places: Vec<(Scope, Option<usize>)>,
    /// Per place: per role of [`Role::ALL`] a stream per [`ROLE_METRICS`], then the
    /// released people's streams per [`RELEASED_METRICS`].
    roles: Vec<(Vec<Vec<Stream>>, Vec<Stream>)>,
    /// Per place, one stream per point of the Lorenz curve (from the first iteration
    /// with affected households).
    lorenz: Vec<Vec<Stream>>,
}

impl Builder {
    pub fn new(sc: &Scenario) -> Builder {
        let places = places(sc);
        let n = places.len();
        let streams = |k: usize| vec![Stream::new(); k];
        Builder {
            places,
            roles: (0..n)
                .map(|_| {
                    (
                        vec![streams(ROLE_METRICS.len()); Role::ALL.len()],
                        streams(RELEASED_METRICS.len()),
                    )
                })
                .collect(),
            lorenz: vec![Vec::new(); n],
        }
    }

    /// Adds one iteration (iterations arrive in iteration order).
    pub fn add(&mut self, it: &IterationResult) {
        for (p, (_, d)) in self.places.iter().enumerate() {
            let t = table(it, *d);
            let (role_streams, released) = &mut self.roles[p];
            for (role, streams) in Role::ALL.iter().zip(role_streams) {
                let r = t.get(*role);
                add_figures(ROLE_METRICS, streams, r, r.sums.households > 0.0);
            }
            add_figures(
                RELEASED_METRICS,
                released,
                &t.released,
                t.released.persons > 0.0,
            );
            if t.get(Role::Affected).sums.households > 0.0 {
                let curve = &mut self.lorenz[p];
                if curve.is_empty() {
                    *curve = vec![Stream::new(); t.lorenz.len()];
                }
                for (s, &x) in curve.iter_mut().zip(&t.lorenz) {
                    s.push(x);
                }
            }
        }
    }

    /// Every place's role figures, and every place's Lorenz curve (a place where no
    /// iteration had affected households has none).
    pub fn finish(self) -> (Vec<RoleSummary>, Vec<ConcentrationSummary>) {
        let mut roles = Vec::new();
        for ((place, _), (role_streams, released)) in self.places.iter().zip(self.roles) {
            for (role, streams) in Role::ALL.iter().zip(role_streams) {
                roles.push(RoleSummary {
                    scope: place.clone(),
                    role: role.name(),
                    metrics: summarised(ROLE_METRICS, streams),
                });
            }
            roles.push(RoleSummary {
                scope: place.clone(),
                role: RELEASED,
                metrics: summarised(RELEASED_METRICS, released),
            });
        }
        let concentration = self
            .places
            .into_iter()
            .zip(self.lorenz)
            .filter(|(_, curve)| !curve.is_empty())
            .map(|((scope, _), curve)| {
                let points = curve.len();
                ConcentrationSummary {
                    scope,
                    population_share: (0..points)
                        .map(|k| k as f64 / (points - 1).max(1) as f64)
                        .collect(),
                    food_lost_share: curve.iter().map(Stream::estimate).collect(),
                }
            })
            .collect();
        (roles, concentration)
    }
}

/// Adds one iteration's figures; a within-role figure only when the role had someone.
fn add_figures<T>(metrics: &[RoleMetric<T>], streams: &mut [Stream], r: &T, present: bool) {
    for (m, s) in metrics.iter().zip(streams) {
        if !m.within || present {
            s.push((m.eval)(r));
        }
    }
}

/// Each figure across the iterations that have it; a figure no iteration has is left out.
fn summarised<T>(metrics: &[RoleMetric<T>], streams: Vec<Stream>) -> Vec<RoleMetricSummary> {
    metrics
        .iter()
        .zip(streams)
        .filter(|(_, s)| !s.is_empty())
        .map(|(m, s)| RoleMetricSummary {
            metric: m.name,
            unit: m.unit,
            estimate: s.estimate(),
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

/// The role table of one district, or of all districts.
fn table(it: &IterationResult, place: Option<usize>) -> &RoleTable {
    place.map_or(&it.roles, |d| &it.districts[d].roles)
}
