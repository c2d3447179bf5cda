//! The charts of `burden discover`: the coverage/density trade-off along the peeling
//! trajectory, and the chosen box drawn on its two main inputs over the simulated
//! worlds, those with the outcome marked.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::legend::{self, Key};
use super::{DrawError, Figure, style};

/// Grey of the worlds without the outcome.
const OTHER: RGBColor = RGBColor(170, 170, 170);

/// An axis's description and tick labels.
type AxisText<'a> = (&'a str, &'a dyn Fn(&f64) -> String);

/// The one plane of each chart, its grid and its axes drawn.
fn plane<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    x: AxisText,
    y: AxisText,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, DrawError> {
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .margin_right(40)
        .x_label_area_size(56)
        .y_label_area_size(96)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .light_line_style(style::GRID.mix(0.0))
        .bold_line_style(style::GRID)
        .x_desc(x.0)
        .y_desc(y.0)
        .x_label_formatter(x.1)
        .y_label_formatter(y.1)
        .label_style(style::text(style::LABEL_SIZE))
        .axis_desc_style(style::text(style::DESC_SIZE))
        .draw()?;
    Ok(chart)
}

/// One candidate box on the trade-off chart.
pub struct Candidate {
    pub coverage: f64,
    pub density: f64,
    pub restricted: usize,
}

/// Coverage against density for every candidate box.
pub struct TradeOff {
    /// The peeling trajectory, box 0 first.
    pub trajectory: Vec<Candidate>,
    /// The chosen box after weak limits were dropped, when that changed it...
    pub pruned: Option<Candidate>,
    /// ...and the trajectory's box it was made from.
    pub pruned_from: Option<usize>,
    /// The box reported, as an index of the trajectory, or `None` for the pruned box.
    pub chosen: Option<Option<usize>>,
    pub base_rate: f64,
    pub outcome: String,
}

impl Figure for TradeOff {
    const STEM: &'static str = "discover_tradeoff";

    fn title(&self) -> String {
        "Candidate boxes: how many of the cases they catch, and how pure they are".into()
    }

    fn caption(&self) -> String {
        let marked = match (self.chosen, &self.pruned) {
            (None, _) => "No box is reported: the report says why.",
            (Some(_), Some(_)) => {
                "The vermilion diamond is the box the report names: the ringed grey box, which the \
                 rule picks, with the limits that do not raise its density beyond chance dropped."
            }
            (Some(_), None) => "The ringed vermilion dot is the box the report names.",
        };
        format!(
            "Each dot is one box on PRIM's peeling trajectory, from the box holding every simulated world \
             (right, at coverage 100% and density {}, the dashed line) to the smallest. Coverage is the share of \
             the worlds where {} that lie in the box; density is the share of the worlds in the box where it \
             does. {marked}",
            crate::format::probability(self.base_rate),
            self.outcome,
        )
    }

    fn body_height(&self) -> u32 {
        620 + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let mut row = vec![(
            Key::Line(style::WITH, 3, false),
            "Peeling trajectory".to_string(),
        )];
        if self.chosen.is_some() {
            row.push((
                Key::Fill(style::ALERT.to_rgba()),
                "Box reported".to_string(),
            ));
        }
        let (strip, area) = area.split_vertically(legend::height(1));
        legend::draw(&strip, &[row])?;
        for c in &self.trajectory {
            super::data::record(super::data::Point {
                panel: "trade-off",
                series: "trajectory",
                x: c.coverage.to_string(),
                median: c.density,
                low: None,
                high: None,
                band50: None,
            });
        }
        if let Some(p) = &self.pruned {
            super::data::record(super::data::Point {
                panel: "trade-off",
                series: "chosen box with weak limits dropped",
                x: p.coverage.to_string(),
                median: p.density,
                low: None,
                high: None,
                band50: None,
            });
        }
        let share = style::percent(1.0);
        let mut chart = plane(
            &area,
            (0.0, 1.02),
            (0.0, 1.02),
            ("Coverage: share of the cases inside the box", &share),
            ("Density: share of the box's worlds that are cases", &share),
        )?;
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, self.base_rate), (1.02, self.base_rate)],
            8,
            6,
            style::MUTED.stroke_width(1),
        ))?;
        chart.draw_series(LineSeries::new(
            self.trajectory.iter().map(|c| (c.coverage, c.density)),
            style::WITH.stroke_width(2),
        ))?;
        chart.draw_series(
            self.trajectory
                .iter()
                .map(|c| Circle::new((c.coverage, c.density), 4, style::WITH.filled())),
        )?;
        if let (Some(p), Some(from)) = (&self.pruned, self.pruned_from) {
            if let Some(c) = self.trajectory.get(from) {
                chart.draw_series(std::iter::once(Circle::new(
                    (c.coverage, c.density),
                    9,
                    style::MUTED.stroke_width(2),
                )))?;
                chart.draw_series(std::iter::once(
                    EmptyElement::at((c.coverage, c.density))
                        + Text::new(
                            format!("box {from}, {} inputs", c.restricted),
                            (-200, 14),
                            style::muted_text(style::LABEL_SIZE),
                        ),
                ))?;
            }
            let (x, y) = (p.coverage, p.density);
            chart.draw_series(std::iter::once(
                EmptyElement::at((x, y))
                    + Polygon::new(
                        vec![(0, -9), (9, 0), (0, 9), (-9, 0)],
                        style::ALERT.filled(),
                    ),
            ))?;
            let label = format!("reported: {}", crate::format::count(p.restricted, "input"));
            chart.draw_series(std::iter::once(
                EmptyElement::at((x, y))
                    + Text::new(label, (12, -22), style::text(style::LABEL_SIZE)),
            ))?;
        }
        if let Some(Some(k)) = self.chosen
            && let Some(c) = self.trajectory.get(k)
        {
            chart.draw_series(std::iter::once(Circle::new(
                (c.coverage, c.density),
                10,
                style::ALERT.stroke_width(3),
            )))?;
            chart.draw_series(std::iter::once(
                EmptyElement::at((c.coverage, c.density))
                    + Text::new(
                        format!(
                            "reported: box {k}, {}",
                            crate::format::count(c.restricted, "input")
                        ),
                        (14, -24),
                        style::text(style::LABEL_SIZE),
                    ),
            ))?;
        }
        Ok(())
    }
}

/// One axis of the box chart: what it shows and the box's limits on it.
pub struct Axis {
    pub desc: String,
    pub values: Vec<f64>,
    pub share: bool,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Axis {
    fn range(&self) -> (f64, f64) {
        let lo = self
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::INFINITY, f64::min);
        let hi = self
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            return (0.0, 1.0);
        }
        let pad = if hi > lo {
            (hi - lo) * 0.04
        } else {
            lo.abs().max(1.0) * 0.5
        };
        (lo - pad, hi + pad)
    }

    fn formatter(&self, top: f64) -> Box<dyn Fn(&f64) -> String> {
        if self.share {
            Box::new(style::percent(top))
        } else {
            Box::new(style::plain(top))
        }
    }
}

/// The worlds on the box's two main inputs, cases marked, the box drawn.
pub struct BoxScatter {
    pub x: Axis,
    pub y: Axis,
    pub cases: Vec<bool>,
    pub outcome: String,
}

impl Figure for BoxScatter {
    const STEM: &'static str = "discover_box";

    fn title(&self) -> String {
        "The box on its two main inputs".into()
    }

    fn caption(&self) -> String {
        format!(
            "Each dot is one simulated world, placed by two inputs of the chosen box (or by its only input and \
             the outcome); vermilion dots are the worlds where {}, grey dots the others. The dashed rectangle \
             is the box's limits on these two axes; limits on other inputs, if any, are in the report and \
             boxes.csv, so some grey dots inside it are outside the box.",
            self.outcome
        )
    }

    fn body_height(&self) -> u32 {
        720 + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let row = vec![
            (
                Key::Fill(style::ALERT.to_rgba()),
                "World with the outcome".to_string(),
            ),
            (Key::Fill(OTHER.to_rgba()), "Other world".to_string()),
            (Key::Line(style::INK, 2, true), "The box".to_string()),
        ];
        let (strip, area) = area.split_vertically(legend::height(1));
        legend::draw(&strip, &[row])?;
        let points: Vec<(f64, f64, bool)> = self
            .x
            .values
            .iter()
            .zip(&self.y.values)
            .zip(&self.cases)
            .map(|((x, y), c)| (*x, *y, *c))
            .filter(|(x, y, _)| x.is_finite() && y.is_finite())
            .collect();
        for (x, y, c) in &points {
            super::data::record(super::data::Point {
                panel: "box",
                series: if *c { "case" } else { "other" },
                x: x.to_string(),
                median: *y,
                low: None,
                high: None,
                band50: None,
            });
        }
        let (x0, x1) = self.x.range();
        let (y0, y1) = self.y.range();
        let x_fmt = self.x.formatter(x1.abs().max(x0.abs()));
        let y_fmt = self.y.formatter(y1.abs().max(y0.abs()));
        let mut chart = plane(
            &area,
            (x0, x1),
            (y0, y1),
            (self.x.desc.as_str(), &x_fmt),
            (self.y.desc.as_str(), &y_fmt),
        )?;
        chart.draw_series(
            points
                .iter()
                .filter(|p| !p.2)
                .map(|p| Circle::new((p.0, p.1), 3, OTHER.filled())),
        )?;
        chart.draw_series(
            points
                .iter()
                .filter(|p| p.2)
                .map(|p| Circle::new((p.0, p.1), 3, style::ALERT.filled())),
        )?;
        let (bx0, bx1) = (self.x.low.unwrap_or(x0), self.x.high.unwrap_or(x1));
        let (by0, by1) = (self.y.low.unwrap_or(y0), self.y.high.unwrap_or(y1));
        let corners = [(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1), (bx0, by0)];
        for edge in corners.windows(2) {
            chart.draw_series(DashedLineSeries::new(
                edge.to_vec(),
                10,
                6,
                style::INK.stroke_width(2),
            ))?;
        }
        Ok(())
    }
}
