//! The chart of `run --precision`: the running estimate of each headline figure
//! (its mean so far) with its 95% confidence band against the number of iterations,
//! and the band the precision target asks for around the final estimate.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Key};
use super::{DrawError, Figure, headline, style};
use crate::analysis::convergence::Checkpoint;
use crate::stats::Z975;

/// One figure's running estimates, in order of iterations.
struct Track {
    metric: String,
    /// (iterations, mean, 95% low, 95% high)
    points: Vec<(f64, f64, f64, f64)>,
}

pub struct Convergence {
    tracks: Vec<Track>,
    target: f64,
}

impl Convergence {
    /// The checkpoints of each metric in `metrics` order; figures without any are left out.
    pub fn new(checkpoints: &[Checkpoint], metrics: &[&str], target: f64) -> Option<Convergence> {
        let tracks: Vec<Track> = metrics
            .iter()
            .map(|m| Track {
                metric: m.to_string(),
                points: checkpoints
                    .iter()
                    .filter(|c| c.metric == *m)
                    .map(|c| (c.iterations as f64, c.mean, c.ci_low, c.ci_high))
                    .filter(|p| p.1.is_finite() && p.2.is_finite() && p.3.is_finite())
                    .collect(),
            })
            .filter(|t| !t.points.is_empty())
            .collect();
        (!tracks.is_empty()).then_some(Convergence { tracks, target })
    }
}

impl Figure for Convergence {
    const STEM: &'static str = "convergence";

    fn title(&self) -> String {
        "Has the run done enough iterations? The estimates as iterations grow".into()
    }

    fn caption(&self) -> String {
        format!(
            "Each panel is one headline figure for all districts together. The line is its mean over the \
             iterations run so far, checked after each block; the band is the 95% confidence interval of that \
             mean (± 1.96 Monte Carlo standard errors), which narrows as iterations grow. The dashed lines mark \
             what the precision target allows around the final mean (a Monte Carlo error of at most {} of \
             the mean, so a band of ± 1.96 × {}): the run stops once every figure's band at the last check \
             fits between them, or at the most iterations allowed.",
            crate::format::value("share", self.target),
            crate::format::value("share", self.target)
        )
    }

    fn body_height(&self) -> u32 {
        headline::grid(self.tracks.len()).0 as u32 * headline::ROW_HEIGHT + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let row = vec![
            (Key::Line(style::WITH, 3, false), "Mean so far".to_string()),
            (
                Key::Fill(style::WITH.mix(style::BAND50)),
                "95% confidence interval of the mean".to_string(),
            ),
            (
                Key::Line(style::INK, 2, true),
                "Precision target around the final mean".to_string(),
            ),
        ];
        let (strip, area) = area.split_vertically(legend::height(1));
        legend::draw(&strip, &[row])?;
        let areas = area.split_evenly(headline::grid(self.tracks.len()));
        for (t, a) in self.tracks.iter().zip(&areas) {
            self.panel(a, t)?;
        }
        Ok(())
    }
}

impl Convergence {
    fn panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        t: &Track,
    ) -> Result<(), DrawError> {
        for &(x, mean, low, high) in &t.points {
            super::data::record(super::data::Point {
                panel: &headline::short_title(&t.metric),
                series: "running mean (95% band)",
                x: x.to_string(),
                median: mean,
                low: Some(low),
                high: Some(high),
                band50: None,
            });
        }
        let last = t.points.last().map_or(0.0, |p| p.1);
        // The run stops when 1.96 standard errors fit within 1.96 × target × |mean|,
        // so that is the width the 95% band is held to.
        let tolerance = Z975 * self.target * last.abs();
        let lo = t
            .points
            .iter()
            .map(|p| p.2)
            .fold(last - tolerance, f64::min);
        let hi = t
            .points
            .iter()
            .map(|p| p.3)
            .fold(last + tolerance, f64::max);
        // A figure that never varies has no band: give it a visible range around its value.
        let (y_lo, y_hi) = if hi - lo > 1e-12 * hi.abs().max(1.0) {
            let pad = (hi - lo) * 0.08;
            (lo - pad, hi + pad)
        } else {
            (
                lo - last.abs().max(1.0) * 0.1,
                hi + last.abs().max(1.0) * 0.1,
            )
        };
        let x_lo = t.points.first().map_or(0.0, |p| p.0);
        let x_hi = t.points.last().map_or(1.0, |p| p.0);
        let (x_lo, x_hi) = if x_hi > x_lo {
            (0.0, x_hi * 1.03)
        } else {
            (0.0, x_hi.max(1.0) * 1.5)
        };
        let share = headline::is_share(&t.metric);
        let y_fmt: Box<dyn Fn(&f64) -> String> = if share {
            Box::new(style::percent(y_hi.abs().max(y_lo.abs())))
        } else {
            Box::new(style::plain(y_hi.abs().max(y_lo.abs())))
        };
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(52)
            .y_label_area_size(84)
            .caption(
                headline::short_title(&t.metric),
                style::text(style::PANEL_TITLE_SIZE),
            )
            .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(style::GRID.mix(0.0))
            .bold_line_style(style::GRID)
            .x_desc("Iterations run")
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&|v| crate::format::thousands(*v))
            .y_label_formatter(&y_fmt)
            .label_style(style::text(style::LABEL_SIZE))
            .axis_desc_style(style::text(style::DESC_SIZE))
            .draw()?;
        let xs: Vec<f64> = t.points.iter().map(|p| p.0).collect();
        let lows: Vec<f64> = t.points.iter().map(|p| p.2).collect();
        let highs: Vec<f64> = t.points.iter().map(|p| p.3).collect();
        chart.draw_series(std::iter::once(style::band(
            &xs,
            &lows,
            &highs,
            style::WITH,
            style::BAND50,
        )))?;
        let ink = style::INK.stroke_width(2);
        for y in [last - tolerance, last + tolerance] {
            chart.draw_series(DashedLineSeries::new(
                vec![(x_lo, y), (x_hi, y)],
                10,
                6,
                ink,
            ))?;
        }
        chart.draw_series(LineSeries::new(
            t.points.iter().map(|p| (p.0, p.1)),
            style::WITH.stroke_width(3),
        ))?;
        chart.draw_series(
            t.points
                .iter()
                .map(|p| Circle::new((p.0, p.1), 4, style::WITH.filled())),
        )?;
        // One checkpoint gives no band to see: draw its interval as a whisker.
        if let [p] = t.points.as_slice() {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(p.0, p.2), (p.0, p.3)],
                style::WITH.stroke_width(2),
            )))?;
        }
        Ok(())
    }
}
