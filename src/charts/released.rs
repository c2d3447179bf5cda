//! Chart 5: the released people's unmet need, day by day: the share of those present
//! who eat less than their energy need and less than the survival floor, both as the
//! scenario sets them.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::lines::{self, Line, Panel};
use super::no_stock::panels_height;
use super::{DrawError, Figure, day_axis, district_labels, legend, series, style};
use crate::scenario::Scenario;
use crate::stats::Estimate;
use crate::summary::Summary;

pub struct Released<'a> {
    /// (district label, share below the threshold, share below the floor)
    panels: Vec<(String, &'a [Estimate], &'a [Estimate])>,
    x_desc: String,
    iterations: usize,
    /// The two line labels, with the need and the floor as the scenario sets them.
    below_need: String,
    below_floor: String,
    need: String,
    floor: String,
}

impl<'a> Released<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<Released<'a>> {
        let panels: Vec<_> = district_labels(sc)
            .into_iter()
            .filter_map(|d| {
                let threshold = series(summary, &d, "released_below_threshold_share")?;
                let floor = series(summary, &d, "released_below_floor_share")?;
                Some((d.title(), threshold, floor))
            })
            .filter(|p| !p.1.is_empty())
            .collect();
        (!panels.is_empty()).then(|| Released {
            panels,
            x_desc: day_axis(sc),
            iterations: summary.iterations,
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
             iterations; {}",
            self.need,
            self.floor,
            crate::format::thousands(self.iterations as f64),
            lines::bands_sentence(&self.lines(&[], &[]))
        )
    }

    fn body_height(&self) -> u32 {
        panels_height(self.panels.len()) + legend::height(2)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let Some((_, t, f)) = self.panels.first() else {
            return Ok(());
        };
        let area = lines::with_key(area, &self.lines(t, f))?;
        let (rows, cols) = style::grid(self.panels.len());
        let areas = area.split_evenly((rows, cols));
        let many = self.panels.len() > 1;
        for ((name, threshold, floor), a) in self.panels.iter().zip(&areas) {
            let panel = Panel {
                title: many.then(|| name.clone()),
                x_desc: &self.x_desc,
                y_desc: "Share of released people present (%)",
                share: true,
                xs: None,
                x_names: None,
            };
            // Shares of people present: the axis always runs to 100%.
            lines::draw(a, &panel, &self.lines(threshold, floor), 1.0)?;
        }
        Ok(())
    }
}
