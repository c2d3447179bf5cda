//! Chart 2: the Household Economy Approach bars: food available as a share of the
//! survival need, by wealth group, with and without the release, against the survival
//! threshold.
//!
//! Food available is 1 − the survival deficit, so it is capped at 100% (a surplus is not
//! counted) and its 90% interval is 1 − p95 to 1 − p05 of the deficit.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Panel, Series, Value};
use super::{DrawError, Figure, district_labels, legend, style};
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::Estimate;
use crate::summary::Summary;

struct DistrictBars {
    label: Scope,
    groups: Vec<String>,
    without: Vec<Option<Value>>,
    with: Vec<Option<Value>>,
}

pub struct Hea {
    panels: Vec<DistrictBars>,
    horizon: usize,
    need_kcal: String,
    cold: bool,
    /// Per wealth group over all districts: the median food the release took, as a
    /// share of need (with minus without), to say in words what bars cannot show.
    differences: Vec<(String, f64)>,
}

/// Food available from a deficit's estimate.
fn available(e: &Estimate) -> Value {
    Value {
        median: 1.0 - e.median,
        low: 1.0 - e.p95,
        high: 1.0 - e.p05,
    }
}

impl Hea {
    pub fn from_summary(sc: &Scenario, summary: &Summary) -> Option<Hea> {
        let names = sc.district_names();
        let mut all_groups: Vec<String> = Vec::new();
        for d in 0..names.len() {
            for g in sc.group_names(d) {
                if !all_groups.contains(&g) {
                    all_groups.push(g);
                }
            }
        }
        let panels: Vec<DistrictBars> = district_labels(sc)
            .into_iter()
            .map(|label| {
                let groups = match names
                    .iter()
                    .position(|n| Some(n.as_str()) == label.district())
                {
                    Some(d) => sc.group_names(d),
                    None => all_groups.clone(),
                };
                let get = |g: &str, metric: &str| {
                    summary
                        .entity(&label.with_group(g))
                        .and_then(|e| e.get(metric))
                        .map(available)
                };
                DistrictBars {
                    without: groups
                        .iter()
                        .map(|g| get(g, "survival_deficit_without"))
                        .collect(),
                    with: groups
                        .iter()
                        .map(|g| get(g, "survival_deficit_with"))
                        .collect(),
                    groups,
                    label,
                }
            })
            .filter(|p| p.with.iter().any(Option::is_some))
            .collect();
        let differences = all_groups
            .iter()
            .filter_map(|g| {
                // Over all districts; a single district has no separate all-districts rows.
                let all = crate::scope::Scope::Total.with_group(g);
                let only = names
                    .first()
                    .map(|d| crate::scope::Scope::District(d.clone()).with_group(g));
                let e = summary
                    .entity(&all)
                    .or_else(|| only.and_then(|s| summary.entity(&s)))?
                    .get("survival_deficit_attributable")?;
                Some((g.clone(), e.median))
            })
            .collect();
        let need = &sc.file.energy.need_kcal;
        (!panels.is_empty()).then(|| Hea {
            panels,
            horizon: sc.horizon(),
            need_kcal: need.get_ref().dist.describe(),
            cold: sc.file.energy.cold_adjustment,
            differences,
        })
    }
}

const THRESHOLD: &str = "Survival threshold (100% of need)";

impl Hea {
    fn series(p: &DistrictBars) -> [Series<'static>; 2] {
        [
            Series {
                label: "Without the release",
                colour: style::WITHOUT,
                values: p.without.clone(),
            },
            Series {
                label: "With the release",
                colour: style::WITH,
                values: p.with.clone(),
            },
        ]
    }
}

impl Hea {
    /// When the two bars of every group look the same (under one percentage point
    /// apart), the difference in words.
    fn difference_sentence(&self) -> String {
        if self.differences.is_empty() || self.differences.iter().any(|d| d.1.abs() >= 0.01) {
            return String::new();
        }
        let parts: Vec<String> = self
            .differences
            .iter()
            .map(|(g, d)| {
                format!(
                    "{} for the {g} group",
                    crate::format::difference("share of need", -d)
                )
            })
            .collect();
        format!(
            " The two bars look alike because over a whole group the release changes food available by \
             a median of only {} (all districts): it falls on particular households, shown in the roles chart.",
            parts.join(", ")
        )
    }
}

impl Figure for Hea {
    const STEM: &'static str = "hea";

    fn title(&self) -> String {
        "Food available as a share of need, by wealth group".into()
    }

    fn caption(&self) -> String {
        format!(
            "Household Economy Approach view: the food a wealth group's households had over the {} days, as a \
             share of their survival need ({} kcal per person per day{}), without the release (orange) and \
             with it (blue). The dashed line is the survival threshold at 100% of need. Bars are medians across \
             iterations and whiskers hold 90% of iterations. Food above need is not counted, so no bar passes \
             100%; this is an IPC-style teaching view, not an official classification.{}",
            self.horizon,
            self.need_kcal,
            if self.cold {
                ", plus the cold-weather adjustment"
            } else {
                ""
            },
            self.difference_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        legend::height(1)
            + if self.panels.len() <= 1 {
                580
            } else {
                style::grid(self.panels.len()).0 as u32 * 380
            }
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let Some(first) = self.panels.first() else {
            return Ok(());
        };
        let area = bars::with_key(area, &Self::series(first), Some(THRESHOLD))?;
        let (rows, cols) = style::grid(self.panels.len());
        let areas = area.split_evenly((rows, cols));
        let many = self.panels.len() > 1;
        for (p, a) in self.panels.iter().zip(&areas) {
            let series = Self::series(p);
            let panel = Panel {
                title: many.then(|| p.label.title()),
                categories: p.groups.clone(),
                horizontal: false,
                value_desc: "Food available (% of survival need)",
                share: true,
                threshold: Some((1.0, THRESHOLD)),
                label_area: 0,
                fills: Vec::new(),
            };
            bars::draw(a, &panel, &series, 1.0)?;
        }
        Ok(())
    }
}
