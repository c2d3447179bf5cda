//! Bars with whiskers: the median across iterations as a bar and the 90% interval as
//! a whisker, for categories (wealth groups, districts) and one or two series. Shared
//! by the HEA, levy and incidents charts.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;

use super::legend::{self, Key};
use super::{DrawError, style};
use crate::stats::Estimate;

/// A bar's numbers: the median and the 90% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    pub median: f64,
    pub low: f64,
    pub high: f64,
}

impl From<&Estimate> for Value {
    fn from(e: &Estimate) -> Self {
        Value {
            median: e.median,
            low: e.p05,
            high: e.p95,
        }
    }
}

/// One series of bars (one per category).
pub struct Series<'a> {
    pub label: &'a str,
    pub colour: RGBColor,
    /// One value per category; `None` leaves a gap.
    pub values: Vec<Option<Value>>,
}

pub struct Panel<'a> {
    pub title: Option<String>,
    pub categories: Vec<String>,
    /// Bars grow to the right, categories listed top to bottom (for long names).
    pub horizontal: bool,
    pub value_desc: &'a str,
    pub share: bool,
    /// Reference lines across the bars, each with its legend label.
    pub thresholds: Vec<Threshold<'a>>,
    /// Left margin for category names on a horizontal chart.
    pub label_area: u32,
    /// Per category, a fill that replaces the series colour (for example grey for an
    /// index that cannot be told apart from zero, or each scenario's own colour);
    /// empty for none.
    pub fills: Vec<Option<RGBColor>>,
}

/// A dashed reference line across a panel's bars (a threshold), written to the chart's
/// CSV as a row of its own: series its label, x `every group`, and its interval when
/// it has one.
#[derive(Debug, Clone, Copy)]
pub struct Threshold<'a> {
    pub value: f64,
    pub label: &'a str,
    pub colour: RGBColor,
    /// The 90% interval of an uncertain threshold (the line is drawn at `value`).
    pub interval: Option<(f64, f64)>,
}

/// A linear axis whose ticks are given, not chosen: category centres or [`ticks`].
#[derive(Debug, Clone)]
pub struct FixedTicks {
    start: f64,
    end: f64,
    ticks: Vec<f64>,
}

impl FixedTicks {
    /// An axis over `range` with ticks at `ticks`.
    pub fn new(range: std::ops::Range<f64>, ticks: Vec<f64>) -> FixedTicks {
        FixedTicks {
            start: range.start,
            end: range.end,
            ticks,
        }
    }
}

impl Ranged for FixedTicks {
    type ValueType = f64;
    type FormatOption = DefaultFormatting;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.end - self.start;
        let t = if span > 0.0 {
            (value - self.start) / span
        } else {
            0.0
        };
        limit.0 + (t * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Light (minor) grid lines are not wanted.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.start..self.end
    }
}

/// Evenly spaced "nice" ticks from `min` (at most 0) to at least `max`.
pub fn ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    let span = (max - min).max(f64::MIN_POSITIVE);
    let span = if span.is_finite() && span > 1e-12 {
        span
    } else {
        1.0
    };
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (min / step).floor();
    let last = (max / step).ceil().max(first + 1.0);
    (first as i64..=last as i64)
        .map(|k| k as f64 * step)
        .collect()
}

/// The highest point any bar or whisker (or the threshold) reaches.
pub fn top(series: &[Series], threshold: Option<f64>) -> f64 {
    series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| v.high.max(v.median))
        .chain(threshold)
        .fold(0.0, f64::max)
}

/// The fill of a muted bar: a light grey that reads as "not this" in colour and in greyscale.
pub const MUTED_BAR: RGBColor = RGBColor(190, 190, 190);

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    series: &[Series],
    value_max: f64,
) -> Result<(), DrawError> {
    for s in series {
        for (category, v) in panel.categories.iter().zip(&s.values) {
            if let Some(v) = v {
                super::data::record(super::data::Point {
                    panel: panel.title.as_deref().unwrap_or(panel.value_desc),
                    series: s.label,
                    x: category.clone(),
                    median: v.median,
                    low: Some(v.low),
                    high: Some(v.high),
                    band50: None,
                });
            }
        }
    }
    for t in &panel.thresholds {
        super::data::record(super::data::Point {
            panel: panel.title.as_deref().unwrap_or(panel.value_desc),
            series: t.label,
            x: "every group".into(),
            median: t.value,
            low: t.interval.map(|i| i.0),
            high: t.interval.map(|i| i.1),
            band50: None,
        });
    }
    let n = panel.categories.len();
    let value_min = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .map(|v| v.low.min(v.median))
        .fold(0.0, f64::min);
    let v_hi = if value_max > value_min {
        value_max + 0.05 * (value_max - value_min)
    } else {
        value_min + 1.0
    };
    // With nothing above the lowest value, ticks run over the whole (unit) axis.
    let tick_top = if value_max > value_min {
        value_max
    } else {
        v_hi
    };
    // Below zero the axis reaches just past the lowest value, not to the next tick
    // (a whisker at -3% would otherwise stretch the axis to -20%).
    let v_lo = if value_min < 0.0 {
        value_min - 0.04 * (v_hi - value_min)
    } else {
        value_min
    };
    let value_ticks: Vec<f64> = ticks(value_min, tick_top, 6)
        .into_iter()
        .filter(|t| *t <= v_hi && *t >= v_lo)
        .collect();
    let centres: Vec<f64> = (0..n).map(|i| i as f64 + 0.5).collect();
    // On a horizontal chart the first category is drawn on top.
    let at = |i: usize| {
        if panel.horizontal {
            (n - 1 - i) as f64 + 0.5
        } else {
            i as f64 + 0.5
        }
    };
    let cat_name = |c: &f64| {
        let i = c.floor() as usize;
        let i = if panel.horizontal {
            n.saturating_sub(1 + i)
        } else {
            i
        };
        panel.categories.get(i).cloned().unwrap_or_default()
    };
    // Ticks need as many decimals as the longer side of zero asks for.
    let reach = v_hi.abs().max(v_lo.abs());
    let value_fmt: Box<dyn Fn(&f64) -> String> = if panel.share {
        Box::new(style::percent(reach))
    } else {
        Box::new(style::plain(reach))
    };
    let point = |cat: f64, value: f64| {
        if panel.horizontal {
            (value, cat)
        } else {
            (cat, value)
        }
    };

    let mut builder = ChartBuilder::on(area);
    builder.margin(12).margin_right(28);
    if panel.horizontal {
        builder
            .x_label_area_size(56)
            .y_label_area_size(panel.label_area);
    } else {
        builder.x_label_area_size(48).y_label_area_size(84);
    }
    if let Some(t) = &panel.title {
        builder.caption(t, style::text(style::PANEL_TITLE_SIZE));
    }
    let cat_range = FixedTicks {
        start: 0.0,
        end: n.max(1) as f64,
        ticks: centres,
    };
    let value_range = FixedTicks {
        start: v_lo,
        end: v_hi,
        ticks: value_ticks,
    };
    let (x_range, y_range) = if panel.horizontal {
        (value_range, cat_range)
    } else {
        (cat_range, value_range)
    };
    let mut chart = builder.build_cartesian_2d(x_range, y_range)?;
    {
        let mut mesh = chart.configure_mesh();
        mesh.bold_line_style(style::GRID)
            .label_style(style::text(style::LABEL_SIZE))
            .axis_desc_style(style::text(style::DESC_SIZE));
        if panel.horizontal {
            mesh.disable_y_mesh()
                .x_desc(panel.value_desc)
                .x_label_formatter(&value_fmt)
                .y_label_formatter(&cat_name);
        } else {
            mesh.disable_x_mesh()
                .y_desc(panel.value_desc)
                .y_label_formatter(&value_fmt)
                .x_label_formatter(&cat_name);
        }
        mesh.draw()?;
    }

    let k = series.len().max(1) as f64;
    let width = 0.7 / k;
    for (j, s) in series.iter().enumerate() {
        let c = s.colour;
        let bars = s.values.iter().enumerate().filter_map(|(i, v)| {
            let v = (*v)?;
            let start = at(i) - 0.35 + j as f64 * width;
            let fill = panel.fills.get(i).copied().flatten().unwrap_or(c);
            Some(Rectangle::new(
                [point(start, 0.0), point(start + width, v.median)],
                fill.filled(),
            ))
        });
        chart.draw_series(bars)?;
    }
    let ink = style::INK.stroke_width(2);
    let cap = if panel.horizontal {
        vec![(0, -7), (0, 7)]
    } else {
        vec![(-7, 0), (7, 0)]
    };
    for (j, s) in series.iter().enumerate() {
        let ends: Vec<((f64, f64), (f64, f64))> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let v = (*v)?;
                let mid = at(i) - 0.35 + (j as f64 + 0.5) * width;
                Some((point(mid, v.low), point(mid, v.high)))
            })
            .collect();
        chart.draw_series(
            ends.iter()
                .map(|(low, high)| PathElement::new(vec![*low, *high], ink)),
        )?;
        chart.draw_series(
            ends.iter()
                .flat_map(|(low, high)| [*low, *high])
                .map(|p| EmptyElement::at(p) + PathElement::new(cap.clone(), ink)),
        )?;
    }
    // Where a whisker dwarfs its bar (a long right tail, as incidents have), the bar
    // cannot be read off the axis, so its numbers are written above it.
    if panel.horizontal && !panel.share && series.len() == 1 {
        let fmt = style::plain(reach);
        let labels = series[0].values.iter().enumerate().filter_map(|(i, v)| {
            let v = (*v)?;
            (v.high > 3.0 * v.median.abs()).then(|| {
                EmptyElement::at(point(at(i), v.median))
                    + Text::new(
                        format!(
                            "median {}; 90% of iterations {} to {}",
                            fmt(&v.median),
                            fmt(&v.low),
                            fmt(&v.high)
                        ),
                        (8, -26),
                        style::text(style::LABEL_SIZE),
                    )
            })
        });
        chart.draw_series(labels)?;
    }
    for t in &panel.thresholds {
        let ends = vec![point(0.0, t.value), point(n as f64, t.value)];
        chart.draw_series(DashedLineSeries::new(ends, 10, 6, t.colour.stroke_width(2)))?;
    }
    Ok(())
}

/// Draws the key of a bar chart in one row above `area`, so that it never covers a
/// bar, and returns the area left for the panels.
pub fn with_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    thresholds: &[Threshold],
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let mut row: Vec<(Key, String)> = series
        .iter()
        .map(|s| {
            let name = if series.len() == 1 {
                "Bar: median across iterations"
            } else {
                s.label
            };
            (Key::Fill(s.colour.to_rgba()), name.to_string())
        })
        .collect();
    row.push((Key::Whisker, "Whisker: 90% of iterations".into()));
    let lines = thresholds
        .iter()
        .map(|t| (Key::Line(t.colour, 2, true), t.label.to_string()));
    // Two lines' labels do not fit beside the bars' keys: they get a row of their own.
    let rows = if key_rows(thresholds.len()) == 1 {
        row.extend(lines);
        vec![row]
    } else {
        vec![row, lines.collect()]
    };
    let (strip, rest) = area.split_vertically(legend::height(rows.len()));
    legend::draw(&strip, &rows)?;
    Ok(rest)
}

/// The rows of the key that [`with_key`] draws for a chart with `thresholds` lines.
pub fn key_rows(thresholds: usize) -> usize {
    if thresholds > 1 { 2 } else { 1 }
}
