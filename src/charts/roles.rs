//! Who bore the burden: food lost per household by the role through which the release
//! reached it (left, on a log scale, so that a quarter of a day and a month are both
//! readable), and how unequally the loss falls among affected households (right: the
//! Lorenz curve, with the diagonal where everyone loses the same).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawError, Figure, style};
use crate::format;
use crate::roles::ConcentrationSummary;
use crate::scope::Scope;
use crate::stats::Estimate;
use crate::summary::Summary;

/// The roles the chart shows, with their short names, most burdened first in the data.
const ROLES: &[(&str, &str)] = &[
    ("host", "Host households"),
    ("sharer", "Shared at inns"),
    ("robbed", "Robbed"),
    ("unit_levied", "Paid the unit levy"),
    ("district_levied", "Paid the district levy"),
    ("released", "Released people (unmet)"),
];

/// One bar: a role's median food lost per household (median, 5th and 95th percentiles
/// across iterations) and how many households it had in the median world.
struct Bar {
    label: &'static str,
    estimate: Estimate,
    households: f64,
    noun: &'static str,
}

pub struct Roles {
    bars: Vec<Bar>,
    lorenz: Option<ConcentrationSummary>,
    top10: Option<Estimate>,
}

impl Roles {
    pub fn from_summary(summary: &Summary) -> Option<Roles> {
        let bars: Vec<Bar> = ROLES
            .iter()
            .filter_map(|&(role, label)| {
                let r = summary
                    .roles
                    .iter()
                    .find(|r| r.scope.is_total() && r.role == role)?;
                let estimate = *r.get("food_lost_days_median")?;
                // A role that lost nothing in every world has no bar on a log scale.
                (estimate.p95 > 0.0).then_some(())?;
                let (households, noun) = match r.get("households") {
                    Some(h) => (h.median, "households"),
                    None => (r.get("persons").map_or(0.0, |p| p.median), "persons"),
                };
                Some(Bar {
                    label,
                    estimate,
                    households,
                    noun,
                })
            })
            .collect();
        if bars.is_empty() {
            return None;
        }
        // The most burdened kind of household first; the released people last.
        let mut bars = bars;
        bars.sort_by(|a, b| {
            (a.noun == "persons")
                .cmp(&(b.noun == "persons"))
                .then(b.estimate.median.total_cmp(&a.estimate.median))
        });
        let lorenz = summary
            .concentration
            .iter()
            .find(|c| c.scope.is_total())
            .cloned();
        let top10 = summary
            .entity(&Scope::Total)
            .and_then(|e| e.get("food_lost_share_top_10pct"))
            .copied();
        Some(Roles {
            bars,
            lorenz,
            top10,
        })
    }

    /// The log axis: from below the smallest whisker to above the largest, in decades.
    fn range(&self) -> (f64, f64) {
        let positive = |x: f64| (x > 0.0).then_some(x);
        let low = self
            .bars
            .iter()
            .filter_map(|b| positive(b.estimate.p05).or(positive(b.estimate.median)))
            .fold(f64::INFINITY, f64::min);
        let high = self.bars.iter().map(|b| b.estimate.p95).fold(0.0, f64::max);
        let low = if low.is_finite() { low } else { high / 100.0 };
        (
            10f64.powf((low.log10() - 0.15).floor()).max(1e-4),
            10f64.powf((high.log10() + 0.05).ceil()),
        )
    }
}

impl Figure for Roles {
    const STEM: &'static str = "roles";

    fn title(&self) -> String {
        "Who carries the release: food lost per household, by how the release reached it".into()
    }

    fn caption(&self) -> String {
        let mut s = String::from(
            "Left: for each kind of household, the median household's food lost to the release, in days of \
             its own food need (log scale, so a fraction of a day and weeks are both readable). Bars are \
             medians across iterations; whiskers hold 90% of iterations; the number beside each bar is how \
             many such households there were in the median iteration. A household in several roles counts \
             in each; released people's bar is the days of their own need that went unmet.",
        );
        if self.lorenz.is_some() {
            s.push_str(
                " Right: the share of all food lost (in days of own need) carried by the least burdened \
                 share of affected households; the dashed diagonal is an equal burden. The line is the \
                 median across iterations, the band holds 90% of iterations.",
            );
            if let Some(t) = &self.top10 {
                s.push_str(&format!(
                    " The most burdened 10% of affected households carried {} of all food lost \
                     (90% interval {} to {}).",
                    format::value("share", t.median),
                    format::value("share", t.p05),
                    format::value("share", t.p95)
                ));
            }
        }
        s
    }

    fn body_height(&self) -> u32 {
        (150 + 70 * self.bars.len() as u32).max(480)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let (left, right) = if self.lorenz.is_some() {
            let (l, r) = area.split_horizontally(area.dim_in_pixel().0 * 3 / 5);
            (l, Some(r))
        } else {
            (area.clone(), None)
        };
        self.draw_bars(&left)?;
        if let (Some(r), Some(lorenz)) = (right, &self.lorenz) {
            draw_lorenz(&r, lorenz)?;
        }
        Ok(())
    }
}

impl Roles {
    fn draw_bars<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawError> {
        let (low, high) = self.range();
        let n = self.bars.len();
        let label_width = self
            .bars
            .iter()
            .map(|b| b.label.chars().count())
            .max()
            .unwrap_or(0) as u32
            * 9
            + 20;
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .margin_right(30)
            .x_label_area_size(52)
            .y_label_area_size(label_width)
            .caption(
                "Food lost per household (median household of each kind)",
                style::text(style::PANEL_TITLE_SIZE),
            )
            .build_cartesian_2d((low..high).log_scale(), 0f64..n as f64)?;
        let labels: Vec<&str> = self.bars.iter().map(|b| b.label).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(style::GRID.mix(0.0))
            .bold_line_style(style::GRID)
            .x_desc("days of the household's own food need (log scale)")
            .x_label_formatter(&|v: &f64| {
                if *v >= 1.0 {
                    format!("{v:.0}")
                } else {
                    format!("{v}")
                }
            })
            .y_labels(n * 2 + 1)
            .y_label_formatter(&|y: &f64| {
                let slot = y - y.floor();
                let i = y.floor() as usize;
                if (slot - 0.5).abs() < 1e-6 && i < n {
                    labels[n - 1 - i].to_string()
                } else {
                    String::new()
                }
            })
            .label_style(style::text(style::LABEL_SIZE))
            .axis_desc_style(style::text(style::DESC_SIZE))
            .draw()?;
        for (k, b) in self.bars.iter().enumerate() {
            let y = (n - 1 - k) as f64 + 0.5;
            let e = &b.estimate;
            super::data::record(super::data::Point {
                panel: "food lost per household (days of own need)",
                series: b.label,
                x: format!("{} {}", b.households.round(), b.noun),
                median: e.median,
                low: Some(e.p05),
                high: Some(e.p95),
                band50: Some((e.p25, e.p75)),
            });
            let median = e.median.max(low);
            let colour = if b.noun == "persons" {
                style::WITHOUT
            } else {
                style::WITH
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(low, y - 0.24), (median, y + 0.2)],
                colour.mix(0.85).filled(),
            )))?;
            let (p05, p95) = (e.p05.max(low), e.p95.max(low));
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(p05, y), (p95, y)],
                style::INK.stroke_width(2),
            )))?;
            for x in [p05, p95] {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, y - 0.12), (x, y + 0.12)],
                    style::INK.stroke_width(2),
                )))?;
            }
            let note = format!(
                "{} days · {} {}",
                format::value("days of food", e.median),
                format::thousands(b.households.round()),
                b.noun
            );
            // Above the bar, from the axis, so that it never runs off the panel.
            chart.draw_series(std::iter::once(Text::new(
                note,
                (low * 1.08, y + 0.5),
                style::text(style::LABEL_SIZE - 1),
            )))?;
        }
        Ok(())
    }
}

fn draw_lorenz<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lorenz: &ConcentrationSummary,
) -> Result<(), DrawError> {
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(52)
        .y_label_area_size(70)
        .caption(
            "How unequally the loss falls",
            style::text(style::PANEL_TITLE_SIZE),
        )
        .build_cartesian_2d(0f64..1.0, 0f64..1.0)?;
    chart
        .configure_mesh()
        .light_line_style(style::GRID.mix(0.0))
        .bold_line_style(style::GRID)
        .x_desc("affected households, least burdened first")
        .y_desc("share of all food lost")
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&style::percent(1.0))
        .y_label_formatter(&style::percent(1.0))
        .label_style(style::text(style::LABEL_SIZE))
        .axis_desc_style(style::text(style::DESC_SIZE))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        vec![(0.0, 0.0), (1.0, 1.0)],
        8,
        6,
        style::MUTED.stroke_width(2),
    ))?;
    let x = &lorenz.population_share;
    for (share, e) in x.iter().zip(&lorenz.food_lost_share) {
        super::data::record(super::data::Point {
            panel: "share of all food lost",
            series: "least burdened affected households",
            x: share.to_string(),
            median: e.median,
            low: Some(e.p05),
            high: Some(e.p95),
            band50: Some((e.p25, e.p75)),
        });
    }
    let low: Vec<f64> = lorenz.food_lost_share.iter().map(|e| e.p05).collect();
    let high: Vec<f64> = lorenz.food_lost_share.iter().map(|e| e.p95).collect();
    chart.draw_series(std::iter::once(style::band(
        x,
        &low,
        &high,
        style::WITH,
        style::BAND90,
    )))?;
    chart.draw_series(LineSeries::new(
        x.iter()
            .zip(&lorenz.food_lost_share)
            .map(|(&x, e)| (x, e.median)),
        style::WITH.stroke_width(3),
    ))?;
    Ok(())
}
