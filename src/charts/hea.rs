//! Chart 2: the Household Economy Approach bars: food available as a share of the
//! survival need, by wealth group, with and without the release, against the survival
//! threshold.
//!
//! Food available is 1 − the survival deficit, so it is capped at 100% (a surplus is not
//! counted) and its 90% interval is 1 − p95 to 1 − p05 of the deficit. With
//! `[livelihoods]` the bars are `livelihood_resources_*` instead: food up to the need
//! plus the livelihoods-protection spending covered, as a share of the need, against
//! both thresholds; the second is drawn at the median of `livelihood_threshold` of the
//! panel's district (or of all districts), so the axis runs above 100%.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Panel, Series, Threshold, Value};
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
    /// The livelihoods-protection threshold as a share of need (`[livelihoods]` only).
    protection: Option<Value>,
}

pub struct Hea {
    panels: Vec<DistrictBars>,
    horizon: usize,
    need_kcal: String,
    cold: bool,
    /// The scenario has `[livelihoods]`: the bars count its spending too.
    livelihoods: bool,
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
        let livelihoods = sc.file.livelihoods.is_some();
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
                let get = |g: &str, side: &str| {
                    let e = summary.entity(&label.with_group(g));
                    if livelihoods {
                        e.and_then(|e| e.get(&format!("livelihood_resources_{side}")))
                            .map(Value::from)
                    } else {
                        e.and_then(|e| e.get(&format!("survival_deficit_{side}")))
                            .map(available)
                    }
                };
                let protection = summary
                    .entity(&label)
                    .and_then(|e| e.get("livelihood_threshold"))
                    .map(Value::from);
                DistrictBars {
                    without: groups.iter().map(|g| get(g, "without")).collect(),
                    with: groups.iter().map(|g| get(g, "with")).collect(),
                    groups,
                    label,
                    protection,
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
            livelihoods,
            differences,
        })
    }
}

const THRESHOLD: &str = "Survival threshold (100% of need)";
const PROTECTION: &str = "Livelihoods-protection threshold (median)";

impl Hea {
    /// The lines of a panel: survival, and livelihoods protection where it has one.
    fn thresholds(p: &DistrictBars) -> Vec<Threshold<'static>> {
        let survival = Threshold {
            value: 1.0,
            label: THRESHOLD,
            colour: style::INK,
            interval: None,
        };
        let protection = p.protection.map(|v| Threshold {
            value: v.median,
            label: PROTECTION,
            colour: style::PALETTE[5],
            interval: Some((v.low, v.high)),
        });
        std::iter::once(survival).chain(protection).collect()
    }

    /// The livelihoods-protection threshold in words: its median and 90% interval, per
    /// panel when there are several.
    fn protection_words(&self) -> String {
        let pct = |x: f64| format!("{:.0}%", 100.0 * x);
        let parts: Vec<String> = self
            .panels
            .iter()
            .filter_map(|p| {
                let v = p.protection?;
                let place = if self.panels.len() > 1 {
                    format!(" in {}", p.label.title())
                } else {
                    String::new()
                };
                Some(format!(
                    "a median of {} of need{place} (90% of iterations {} to {})",
                    pct(v.median),
                    pct(v.low),
                    pct(v.high)
                ))
            })
            .collect();
        parts.join("; ")
    }

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
        if self.livelihoods {
            "Food and livelihood spending covered as a share of need, by wealth group".into()
        } else {
            "Food available as a share of need, by wealth group".into()
        }
    }

    fn caption(&self) -> String {
        let cold = if self.cold {
            ", plus the cold-weather adjustment"
        } else {
            ""
        };
        if self.livelihoods {
            return format!(
                "Household Economy Approach view: what a wealth group's households had over the {} days, as a \
                 share of their survival need ({} kcal per person per day{cold}), without the release (orange) \
                 and with it (blue): food eaten or left in stock, counted up to the need, plus the \
                 livelihoods-protection spending covered, counted up to its threshold. The black dashed line is \
                 the survival threshold at 100% of need; the purple dashed line is the livelihoods-protection \
                 threshold, the need plus livelihoods.protection_kpw converted at the district's maize price, \
                 at {}. Bars are medians across iterations and whiskers hold 90% of iterations; no bar passes \
                 the second threshold, because neither part is counted above its own. This is an IPC-style \
                 teaching view, not an official classification.{}",
                self.horizon,
                self.need_kcal,
                self.protection_words(),
                self.difference_sentence()
            );
        }
        format!(
            "Household Economy Approach view: the food a wealth group's households had over the {} days, as a \
             share of their survival need ({} kcal per person per day{}), without the release (orange) and \
             with it (blue). The dashed line is the survival threshold at 100% of need. Bars are medians across \
             iterations and whiskers hold 90% of iterations. Food above need is not counted, so no bar passes \
             100%; this is an IPC-style teaching view, not an official classification.{}",
            self.horizon,
            self.need_kcal,
            cold,
            self.difference_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        legend::height(bars::key_rows(1 + usize::from(self.livelihoods)))
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
        let area = bars::with_key(area, &Self::series(first), &Self::thresholds(first))?;
        let (rows, cols) = style::grid(self.panels.len());
        let areas = area.split_evenly((rows, cols));
        let many = self.panels.len() > 1;
        for (p, a) in self.panels.iter().zip(&areas) {
            let series = Self::series(p);
            let thresholds = Self::thresholds(p);
            // Food alone never passes 100%; with livelihoods the axis reaches the
            // second line and the highest whisker.
            let top = thresholds
                .iter()
                .map(|t| bars::top(&series, Some(t.value)))
                .fold(1.0, f64::max);
            let panel = Panel {
                title: many.then(|| p.label.title()),
                categories: p.groups.clone(),
                horizontal: false,
                value_desc: if self.livelihoods {
                    "Food and livelihood spending (% of survival need)"
                } else {
                    "Food available (% of survival need)"
                },
                share: true,
                thresholds,
                label_area: 0,
                fills: Vec::new(),
            };
            bars::draw(a, &panel, &series, top)?;
        }
        Ok(())
    }
}
