//! Chart 4: the headline outcome across iterations: a histogram of the raw values
//! and an exceedance curve (the share of iterations in which the outcome is worse
//! than x). No smoothing, so nothing is drawn where no iteration fell.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawError, Figure, style};
use crate::stats::{Estimate, estimate};
use crate::summary::{HEADLINES, Summary, metric};

/// The outcome the chart shows.
pub const OUTCOME: &str = "out_of_stock_attributable_households";

pub struct Distribution {
    label: &'static str,
    unit: &'static str,
    /// Sorted values, one per iteration.
    values: Vec<f64>,
    estimate: Estimate,
}

impl Distribution {
    pub fn from_summary(summary: &Summary) -> Option<Distribution> {
        let def = metric(OUTCOME)?;
        let index = HEADLINES.iter().position(|h| h.name == OUTCOME)?;
        let mut values: Vec<f64> = summary
            .headline_values
            .get(index)?
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .collect();
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        Some(Distribution {
            label: def.label,
            unit: def.unit,
            estimate: estimate(&values),
            values,
        })
    }

    /// (lower edge, upper edge, share of iterations) of each histogram bin.
    pub fn bins(&self) -> Vec<(f64, f64, f64)> {
        histogram(&self.values)
    }
}

/// Equal-width bins from the smallest to the largest value (sorted input), as shares.
pub fn histogram(sorted: &[f64]) -> Vec<(f64, f64, f64)> {
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let n = sorted.len();
    let count = ((n as f64).sqrt().round() as usize).clamp(8, 40);
    let width = if hi > lo {
        (hi - lo) / count as f64
    } else {
        lo.abs().max(1.0) * 0.05
    };
    let count = if hi > lo { count } else { 1 };
    let mut bins = vec![0usize; count];
    for &x in sorted {
        let b = (((x - lo) / width).floor() as usize).min(count - 1);
        bins[b] += 1;
    }
    bins.iter()
        .enumerate()
        .map(|(i, &c)| {
            let start = lo + i as f64 * width;
            (start, start + width, c as f64 / n as f64)
        })
        .collect()
}

/// The exceedance curve as a step line: the share of iterations above x.
pub fn exceedance(sorted: &[f64]) -> Vec<(f64, f64)> {
    let n = sorted.len() as f64;
    let mut points = Vec::with_capacity(sorted.len() * 2 + 1);
    for (k, &x) in sorted.iter().enumerate() {
        points.push((x, (n - k as f64) / n));
        points.push((x, (n - k as f64 - 1.0) / n));
    }
    points
}

impl Figure for Distribution {
    const STEM: &'static str = "distribution";

    fn title(&self) -> String {
        "How the headline outcome varies across iterations".into()
    }

    fn caption(&self) -> String {
        let e = &self.estimate;
        format!(
            "{} (all districts), one value per iteration. Left: histogram of the {}, no smoothing. \
             Right: the share of iterations in which the outcome is larger than the value on the horizontal axis. \
             The solid line marks the median ({}), the dashed lines the 5th and 95th percentiles ({} and {}): \
             90% of iterations fall between them.",
            self.label,
            crate::format::count(self.values.len(), "iteration"),
            crate::format::value(self.unit, e.median),
            crate::format::value(self.unit, e.p05),
            crate::format::value(self.unit, e.p95),
        )
    }

    fn body_height(&self) -> u32 {
        560
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let (left, right) = area.split_horizontally(area.dim_in_pixel().0 / 2);
        let bins = self.bins();
        let lo = self.values.first().copied().unwrap_or(0.0).min(0.0);
        let hi = self.values.last().copied().unwrap_or(0.0);
        let hi = style::axis_top(hi.max(bins.last().map_or(0.0, |b| b.1)));
        let x_desc = "extra households out of stock (all districts)";
        let x_fmt = style::plain(hi);
        let markers = [
            (self.estimate.p05, true),
            (self.estimate.median, false),
            (self.estimate.p95, true),
        ];

        for &(a, b, share) in &bins {
            super::data::record(super::data::Point {
                panel: "Histogram",
                series: "share of iterations",
                x: format!("{a} to {b}"),
                median: share,
                low: None,
                high: None,
                band50: None,
            });
        }
        for (name, x) in [
            ("5th percentile", self.estimate.p05),
            ("median", self.estimate.median),
            ("95th percentile", self.estimate.p95),
        ] {
            super::data::record(super::data::Point {
                panel: "Histogram",
                series: name,
                x: x.to_string(),
                median: x,
                low: None,
                high: None,
                band50: None,
            });
        }
        // Histogram.
        let top = style::axis_top(bins.iter().map(|b| b.2).fold(0.0, f64::max));
        let mut chart = ChartBuilder::on(&left)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(52)
            .y_label_area_size(76)
            .caption("Histogram", style::text(style::PANEL_TITLE_SIZE))
            .build_cartesian_2d(lo..hi, 0f64..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(style::GRID.mix(0.0))
            .bold_line_style(style::GRID)
            .x_desc(x_desc)
            .y_desc("Share of iterations (%)")
            .x_labels(6)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&style::percent(top))
            .label_style(style::text(style::LABEL_SIZE))
            .axis_desc_style(style::text(style::DESC_SIZE))
            .draw()?;
        chart.draw_series(bins.iter().map(|&(a, b, share)| {
            Rectangle::new([(a, 0.0), (b, share)], style::WITH.mix(0.8).filled())
        }))?;
        chart.draw_series(
            bins.iter().map(|&(a, b, share)| {
                Rectangle::new([(a, 0.0), (b, share)], WHITE.stroke_width(1))
            }),
        )?;
        draw_markers(&mut chart, &markers, top, true)?;

        // Exceedance curve.
        let mut chart = ChartBuilder::on(&right)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(52)
            .y_label_area_size(76)
            .caption(
                "Chance that the outcome is larger than x",
                style::text(style::PANEL_TITLE_SIZE),
            )
            .build_cartesian_2d(lo..hi, 0f64..1.0)?;
        chart
            .configure_mesh()
            .light_line_style(style::GRID.mix(0.0))
            .bold_line_style(style::GRID)
            .x_desc(x_desc)
            .y_desc("Share of iterations above x (%)")
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&style::percent(1.0))
            .label_style(style::text(style::LABEL_SIZE))
            .axis_desc_style(style::text(style::DESC_SIZE))
            .draw()?;
        let mut curve = vec![(lo, 1.0)];
        curve.extend(exceedance(&self.values));
        curve.push((hi, 0.0));
        chart.draw_series(LineSeries::new(curve, style::WITH.stroke_width(3)))?;
        draw_markers(&mut chart, &markers, 1.0, false)?;
        Ok(())
    }
}

type Plot<'a, DB> = ChartContext<
    'a,
    DB,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Vertical lines at the 5th percentile, median and 95th percentile.
fn draw_markers<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    markers: &[(f64, bool)],
    top: f64,
    legend: bool,
) -> Result<(), DrawError> {
    let ink = style::INK.stroke_width(2);
    for (i, &(x, dashed)) in markers.iter().enumerate() {
        let line = vec![(x, 0.0), (x, top)];
        if dashed {
            let drawn = chart.draw_series(DashedLineSeries::new(line, 8, 6, ink))?;
            if legend && i == 0 {
                drawn
                    .label("5th and 95th percentiles")
                    .legend(move |(x, y)| {
                        EmptyElement::at((x, y))
                            + PathElement::new(vec![(0, 0), (9, 0)], ink)
                            + PathElement::new(vec![(15, 0), (24, 0)], ink)
                    });
            }
        } else {
            let drawn = chart.draw_series(LineSeries::new(line, ink))?;
            if legend {
                drawn
                    .label("Median")
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], ink));
            }
        }
    }
    if legend {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(style::GRID)
            .label_font(style::text(style::LABEL_SIZE))
            .draw()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_counts_every_iteration_once() {
        // Values 0..=99: 10 bins of width 9.9, each holding 10 values.
        let v: Vec<f64> = (0..100).map(f64::from).collect();
        let bins = histogram(&v);
        assert_eq!(bins.len(), 10);
        assert!((bins.iter().map(|b| b.2).sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(bins.iter().all(|b| (b.2 - 0.1).abs() < 1e-12));
        assert!((bins[0].0 - 0.0).abs() < 1e-12 && (bins[9].1 - 99.0).abs() < 1e-9);
    }

    #[test]
    fn histogram_never_starts_below_the_smallest_value() {
        let v = [3.0, 3.0, 4.0, 10.0];
        assert!(histogram(&v).iter().all(|b| b.0 >= 3.0));
        // All values equal: one bin.
        assert_eq!(histogram(&[0.0, 0.0]).len(), 1);
    }

    #[test]
    fn exceedance_steps_down_by_one_iteration() {
        // Four values: above 1 in 3 of 4, above 2 in 2 of 4 ...
        let e = exceedance(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(e[1], (1.0, 0.75));
        assert_eq!(e[3], (2.0, 0.5));
        assert_eq!(e.last(), Some(&(4.0, 0.0)));
    }
}
