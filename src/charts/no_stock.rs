//! Chart 1: the share of households with no stock left, day by day, per district,
//! with the no-release counterfactual drawn faintly behind.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::days::Days;
use super::lines::Line;
use super::{DrawError, Figure, style};
use crate::scenario::Scenario;
use crate::stats::Estimate;
use crate::summary::Summary;

pub struct NoStock<'a> {
    /// Per district: with the release, without it.
    days: Days<'a>,
}

impl<'a> NoStock<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<NoStock<'a>> {
        Days::from_summary(
            sc,
            summary,
            &["no_stock_share_with", "no_stock_share_without"],
        )
        .map(|days| NoStock { days })
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
             line cannot be seen, it lies under the solid one. The next chart shows the gap itself.{}",
            crate::format::count(self.days.iterations, "iteration"),
            self.days.season_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        self.days.body_height(&with_and_without(&[], &[]))
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let panels = paired_panels(&self.days);
        self.days
            .draw(area, &panels, "Households with no stock (%)", None)
    }
}

/// A figure with the release (solid, with its bands) and without it (dashed, faint).
pub fn with_and_without<'a>(with: &'a [Estimate], without: &'a [Estimate]) -> Vec<Line<'a>> {
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

/// The panels of [`Days`] holding (with, without) series, drawn by [`with_and_without`].
pub fn paired_panels<'a>(days: &'a Days) -> Vec<(&'a str, Vec<Line<'a>>)> {
    days.panels
        .iter()
        .map(|(name, s)| {
            let (with, without) = (s.first().copied(), s.get(1).copied());
            (
                name.as_str(),
                with_and_without(with.unwrap_or(&[]), without.unwrap_or(&[])),
            )
        })
        .collect()
}

/// Chart 1b: the gap between the two lines of [`NoStock`], which is often too small to
/// see at the scale of the share itself.
pub struct NoStockDifference<'a> {
    days: Days<'a>,
}

impl<'a> NoStockDifference<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<NoStockDifference<'a>> {
        Days::from_summary(sc, summary, &["no_stock_share_attributable"])
            .map(|days| NoStockDifference { days })
    }
}

/// The one banded line of a chart of one series per district.
pub fn single<'a>(label: &'a str, days: &'a [Estimate]) -> Vec<Line<'a>> {
    vec![Line {
        label,
        days,
        colour: style::WITH,
        faint: false,
        bands: true,
    }]
}

/// The panels of [`Days`] holding one series each, drawn by [`single`].
pub fn single_panels<'a>(days: &'a Days, label: &'a str) -> Vec<(&'a str, Vec<Line<'a>>)> {
    days.panels
        .iter()
        .map(|(name, s)| {
            (
                name.as_str(),
                single(label, s.first().copied().unwrap_or(&[])),
            )
        })
        .collect()
}

const EXTRA: &str = "Extra households with no stock";

impl Figure for NoStockDifference<'_> {
    const STEM: &'static str = "no_stock_difference";

    fn title(&self) -> String {
        "Extra households with no food stock because of the release".into()
    }

    fn caption(&self) -> String {
        format!(
            "The difference the release makes to the share of households with no stock left, by day: the \
             share with the release minus the share in the same simulated world without it. The line is the \
             median across {}; the darker band holds the middle 50% of iterations and the lighter band 90%.{}",
            crate::format::count(self.days.iterations, "iteration"),
            self.days.season_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        self.days.body_height(&single(EXTRA, &[]))
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let panels = single_panels(&self.days, EXTRA);
        self.days.draw(
            area,
            &panels,
            "Extra households with no stock (% of all)",
            None,
        )
    }
}
