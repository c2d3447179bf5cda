//! Chart 5: the released people's unmet need, day by day: the share of those present
//! who eat less than their energy need and less than the survival floor, both as the
//! scenario sets them.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::days::Days;
use super::lines::{self, Line};
use super::{DrawError, Figure, style};
use crate::scenario::Scenario;
use crate::stats::Estimate;
use crate::summary::Summary;

pub struct Released<'a> {
    /// Per district: share below the threshold, share below the floor.
    days: Days<'a>,
    /// The two line labels, with the need and the floor as the scenario sets them.
    below_need: String,
    below_floor: String,
    need: String,
    floor: String,
}

impl<'a> Released<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<Released<'a>> {
        let days = Days::from_summary(
            sc,
            summary,
            &[
                "released_below_threshold_share",
                "released_below_floor_share",
            ],
        )?;
        Some(Released {
            days,
            below_need: format!("Below {} a day", sc.need_text()),
            below_floor: format!("Below the {} floor", sc.floor_text()),
            need: sc.need_text(),
            floor: sc.floor_text(),
        })
    }

    fn lines<'b>(&'b self, threshold: &'b [Estimate], floor: &'b [Estimate]) -> Vec<Line<'b>> {
        vec![
            Line {
                label: &self.below_need,
                days: threshold,
                colour: style::WITHOUT,
                faint: false,
                bands: true,
            },
            Line {
                label: &self.below_floor,
                days: floor,
                colour: style::WITH,
                faint: false,
                bands: true,
            },
        ]
    }
}

impl Figure for Released<'_> {
    const STEM: &'static str = "released_unmet";

    fn title(&self) -> String {
        "Released people who do not get enough food, day by day".into()
    }

    fn caption(&self) -> String {
        format!(
            "Share of the released people present each day whose food falls below their need of {} a day \
             (orange) and below the {} survival floor (blue). Lines are medians across {} \
             iterations; {}{}",
            self.need,
            self.floor,
            crate::format::thousands(self.days.iterations as f64),
            lines::bands_sentence(&self.lines(&[], &[])),
            self.days.season_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        self.days.body_height(&self.lines(&[], &[]))
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let panels: Vec<_> = self
            .days
            .panels
            .iter()
            .map(|(name, s)| {
                let (t, f) = (s.first().copied(), s.get(1).copied());
                (
                    name.as_str(),
                    self.lines(t.unwrap_or(&[]), f.unwrap_or(&[])),
                )
            })
            .collect();
        // Shares of people present: the axis always runs to 100%.
        self.days.draw(
            area,
            &panels,
            "Share of released people present (%)",
            Some(1.0),
        )
    }
}
