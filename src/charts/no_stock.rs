//! Chart 1: the share of households with no stock left, day by day, per district,
//! with the no-release counterfactual drawn faintly behind.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::lines::{self, Line, Panel};
use super::{DrawError, Figure, day_axis, district_labels, legend, series, style};
use crate::scenario::Scenario;
use crate::stats::Estimate;
use crate::summary::Summary;

pub struct NoStock<'a> {
    /// (district label, with the release, without it)
    panels: Vec<(String, &'a [Estimate], &'a [Estimate])>,
    x_desc: String,
    iterations: usize,
}

impl<'a> NoStock<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<NoStock<'a>> {
        let panels: Vec<_> = district_labels(sc)
            .into_iter()
            .filter_map(|d| {
                let with = series(summary, &d, "no_stock_share_with")?;
                let without = series(summary, &d, "no_stock_share_without")?;
                Some((d.title(), with, without))
            })
            .filter(|p| !p.1.is_empty())
            .collect();
        (!panels.is_empty()).then(|| NoStock {
            panels,
            x_desc: day_axis(sc),
            iterations: summary.iterations,
        })
    }
}

impl Figure for NoStock<'_> {
    const STEM: &'static str = "no_stock";

    fn title(&self) -> String {
        "Households with no food stock left, day by day".into()
    }

    fn caption(&self) -> String {
        format!(
            "Share of households whose own food stock is used up, by day. The solid blue line is the median \
             across {}; the darker band holds the middle 50% of iterations and the lighter band 90%. \
             The dashed orange line is the median of the same simulated worlds without the release \
             (same random numbers), so the gap between the lines is what the release adds; where the dashed \
             line cannot be seen, it lies under the solid one. The next chart shows the gap itself.",
            crate::format::count(self.iterations, "iteration")
        )
    }

    fn body_height(&self) -> u32 {
        panels_height(self.panels.len()) + legend::height(2)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let Some((_, w, wo)) = self.panels.first() else {
            return Ok(());
        };
        let area = lines::with_key(area, &self.lines(w, wo))?;
        let (rows, cols) = style::grid(self.panels.len());
        let areas = area.split_evenly((rows, cols));
        let y_top = self
            .panels
            .iter()
            .map(|(_, with, without)| lines::top(&self.lines(with, without)))
            .fold(0.0, f64::max);
        let many = self.panels.len() > 1;
        for ((name, with, without), a) in self.panels.iter().zip(&areas) {
            let panel = Panel {
                title: many.then(|| name.clone()),
                x_desc: &self.x_desc,
                y_desc: "Households with no stock (%)",
                share: true,
                xs: None,
                x_names: None,
            };
            lines::draw(
                a,
                &panel,
                &self.lines(with, without),
                style::axis_top(y_top),
            )?;
        }
        Ok(())
    }
}

impl<'a> NoStock<'a> {
    fn lines(&self, with: &'a [Estimate], without: &'a [Estimate]) -> Vec<Line<'a>> {
        vec![
            Line {
                label: "With the release",
                days: with,
                colour: style::WITH,
                faint: false,
                bands: true,
            },
            Line {
                label: "Without the release",
                days: without,
                colour: style::WITHOUT,
                faint: true,
                bands: false,
            },
        ]
    }
}

/// Height of a grid of day-by-day panels.
pub fn panels_height(n: usize) -> u32 {
    if n <= 1 {
        640
    } else {
        style::grid(n).0 as u32 * 360
    }
}

/// Chart 1b: the gap between the two lines of [`NoStock`], which is often too small to
/// see at the scale of the share itself.
pub struct NoStockDifference<'a> {
    panels: Vec<(String, &'a [Estimate])>,
    x_desc: String,
    iterations: usize,
}

impl<'a> NoStockDifference<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<NoStockDifference<'a>> {
        let panels: Vec<_> = district_labels(sc)
            .into_iter()
            .filter_map(|d| {
                let diff = series(summary, &d, "no_stock_share_attributable")?;
                Some((d.title(), diff))
            })
            .filter(|p| !p.1.is_empty())
            .collect();
        (!panels.is_empty()).then(|| NoStockDifference {
            panels,
            x_desc: day_axis(sc),
            iterations: summary.iterations,
        })
    }
}

impl Figure for NoStockDifference<'_> {
    const STEM: &'static str = "no_stock_difference";

    fn title(&self) -> String {
        "Extra households with no food stock because of the release".into()
    }

    fn caption(&self) -> String {
        format!(
            "The difference the release makes to the share of households with no stock left, by day: the \
             share with the release minus the share in the same simulated world without it. The line is the \
             median across {}; the darker band holds the middle 50% of iterations and the lighter band 90%.",
            crate::format::count(self.iterations, "iteration")
        )
    }

    fn body_height(&self) -> u32 {
        panels_height(self.panels.len()) + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let lines_of = |days| {
            vec![Line {
                label: "Extra households with no stock",
                days,
                colour: style::WITH,
                faint: false,
                bands: true,
            }]
        };
        let Some((_, first)) = self.panels.first() else {
            return Ok(());
        };
        let area = lines::with_key(area, &lines_of(first))?;
        let (rows, cols) = style::grid(self.panels.len());
        let areas = area.split_evenly((rows, cols));
        let y_top = self
            .panels
            .iter()
            .map(|(_, d)| lines::top(&lines_of(d)))
            .fold(0.0, f64::max);
        let many = self.panels.len() > 1;
        for ((name, diff), a) in self.panels.iter().zip(&areas) {
            let panel = Panel {
                title: many.then(|| name.clone()),
                x_desc: &self.x_desc,
                y_desc: "Extra households with no stock (% of all)",
                share: true,
                xs: None,
                x_names: None,
            };
            lines::draw(a, &panel, &lines_of(diff), style::axis_top(y_top))?;
        }
        Ok(())
    }
}
