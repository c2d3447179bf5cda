//! The shape every day-by-day chart of a run shares: a panel per district (the total
//! first when there are several), each with the same lines, under one key, on a day
//! axis that shows the lean season and the months when the scenario has a calendar.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::lines::{self, Line, Panel};
use super::season::SeasonMarks;
use super::{DrawError, day_axis, district_labels, series, style};
use crate::scenario::Scenario;
use crate::stats::Estimate;
use crate::summary::Summary;

/// The day-by-day series of each district that a chart draws.
pub struct Days<'a> {
    /// (district label, one series per metric asked for, in that order)
    pub panels: Vec<(String, Vec<&'a [Estimate]>)>,
    pub x_desc: String,
    pub season: Option<SeasonMarks>,
    pub iterations: usize,
}

impl<'a> Days<'a> {
    /// The series `metrics` of every district that has them all; `None` when no
    /// district has a day to draw.
    pub fn from_summary(sc: &Scenario, summary: &'a Summary, metrics: &[&str]) -> Option<Days<'a>> {
        let panels: Vec<_> = district_labels(sc)
            .into_iter()
            .filter_map(|d| {
                let days = metrics
                    .iter()
                    .map(|m| series(summary, &d, m))
                    .collect::<Option<Vec<_>>>()?;
                Some((d.title(), days))
            })
            .filter(|(_, days)| days.first().is_some_and(|s| !s.is_empty()))
            .collect();
        (!panels.is_empty()).then(|| Days {
            panels,
            x_desc: day_axis(sc),
            season: SeasonMarks::of(sc),
            iterations: summary.iterations,
        })
    }

    /// The height of the panels and of the key of `key` (the lines of one panel).
    pub fn body_height(&self, key: &[Line]) -> u32 {
        panels_height(self.panels.len()) + lines::key_height(key, self.season.as_ref())
    }

    /// What the caption adds about the season: a sentence after a space, or nothing
    /// without a calendar.
    pub fn season_sentence(&self) -> String {
        self.season
            .as_ref()
            .map_or(String::new(), |s| format!(" {}", s.sentence()))
    }

    /// Draws the key of the first panel's lines, then each panel in a grid. The value
    /// axis is a share, shared by every panel: up to `y_max`, or with `None` a little
    /// above the highest 95th percentile of any panel.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        panels: &[(&str, Vec<Line>)],
        y_desc: &str,
        y_max: Option<f64>,
    ) -> Result<(), DrawError> {
        let Some((_, first)) = panels.first() else {
            return Ok(());
        };
        let area = lines::with_key(area, first, self.season.as_ref())?;
        let (rows, cols) = style::grid(panels.len());
        let areas = area.split_evenly((rows, cols));
        let y_max = y_max.unwrap_or_else(|| {
            style::axis_top(
                panels
                    .iter()
                    .map(|(_, l)| lines::top(l))
                    .fold(0.0, f64::max),
            )
        });
        let many = panels.len() > 1;
        for ((name, lines_of_panel), a) in panels.iter().zip(&areas) {
            let panel = Panel {
                title: many.then(|| name.to_string()),
                x_desc: &self.x_desc,
                y_desc,
                share: true,
                xs: None,
                x_names: None,
                season: self.season.as_ref(),
            };
            lines::draw(a, &panel, lines_of_panel, y_max)?;
        }
        Ok(())
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
