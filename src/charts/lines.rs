//! Day-by-day panels: a median line with its 50% and 90% bands across iterations,
//! shared by the no-stock and the released-people charts.

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::bars::FixedTicks;
use super::legend::Key;
use super::season::SeasonMarks;
use super::{DrawError, style};
use crate::stats::Estimate;

/// One line of a panel.
pub struct Line<'a> {
    pub label: &'a str,
    pub days: &'a [Estimate],
    pub colour: RGBColor,
    /// Dashed and thin: a reference drawn behind the main line.
    pub faint: bool,
    /// Draw the 50% and 90% bands around the median.
    pub bands: bool,
}

/// One panel's text.
pub struct Panel<'a> {
    pub title: Option<String>,
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    /// Shares are shown as percentages.
    pub share: bool,
    /// Where each point of the lines lies on the x axis; `None` for days 0, 1, 2, ...
    /// Points given this way are also marked with dots (a sweep has few of them).
    pub xs: Option<&'a [f64]>,
    /// Tick labels for the points at `xs` when the x values are not numbers.
    pub x_names: Option<&'a [String]>,
    /// On a day axis (`xs` is `None`): the lean season to shade and the months to
    /// label, for a scenario with a calendar.
    pub season: Option<&'a SeasonMarks>,
}

/// The top of the value axis: the highest 95th percentile of any line.
pub fn top(lines: &[Line]) -> f64 {
    lines
        .iter()
        .flat_map(|l| l.days.iter().map(|e| e.p95.max(e.median)))
        .fold(0.0, f64::max)
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    lines: &[Line],
    y_max: f64,
) -> Result<(), DrawError> {
    let horizon = lines.iter().map(|l| l.days.len()).max().unwrap_or(0);
    let x_at = |i: usize| {
        panel
            .xs
            .and_then(|xs| xs.get(i).copied())
            .unwrap_or(i as f64)
    };
    // A panel without a title (the only one) is named by its value axis.
    for line in lines {
        // A day no iteration had (n 0) has no value to draw or to list.
        for (i, e) in line.days.iter().enumerate().filter(|(_, e)| e.n > 0) {
            let x = match panel.x_names.and_then(|n| n.get(i)) {
                Some(name) => name.clone(),
                None => x_at(i).to_string(),
            };
            super::data::record(super::data::Point {
                panel: panel.title.as_deref().unwrap_or(panel.y_desc),
                series: line.label,
                x,
                median: e.median,
                low: Some(e.p05),
                high: Some(e.p95),
                band50: line.bands.then_some((e.p25, e.p75)),
            });
        }
    }
    let (x_min, x_max) = match panel.xs {
        None => (0.0, horizon.saturating_sub(1).max(1) as f64),
        Some(xs) => {
            let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            // A little room either side so end points and their dots are not cut;
            // a single point gets a range around it.
            let pad = if panel.x_names.is_some() {
                // Named points sit half a step in from the edges, so their labels fit.
                0.5
            } else if hi > lo {
                (hi - lo) * 0.04
            } else {
                lo.abs().max(1.0) * 0.5
            };
            if lo.is_finite() && hi.is_finite() {
                (lo - pad, hi + pad)
            } else {
                (0.0, 1.0)
            }
        }
    };
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(12)
        .margin_right(24)
        .x_label_area_size(52)
        .y_label_area_size(76);
    if let Some(t) = &panel.title {
        builder.caption(t, style::text(style::PANEL_TITLE_SIZE));
    }
    // A day axis of a scenario with a calendar is labelled by months (fewer fit in a
    // small panel); any other axis by its numbers.
    let season = panel.season.filter(|_| panel.xs.is_none());
    let months = season
        .map(|s| s.ticks(if panel.title.is_some() { 5 } else { 12 }))
        .filter(|t| !t.is_empty());
    let x_desc = match (season, &months) {
        (Some(s), Some(_)) => s.axis(),
        _ => panel.x_desc.to_string(),
    };
    // Small panels have no room for the date of day 0; the caption and a single panel give it.
    let x_desc = if panel.title.is_some() {
        x_desc.split(" (").next().unwrap_or(&x_desc).to_string()
    } else {
        x_desc
    };
    let y_fmt: Box<dyn Fn(&f64) -> String> = if panel.share {
        Box::new(style::percent(y_max))
    } else {
        Box::new(style::plain(y_max))
    };
    let x_fmt: Box<dyn Fn(&f64) -> String> = match (panel.xs, panel.x_names, &months) {
        (None, _, Some(ticks)) => {
            let ticks = ticks.clone();
            Box::new(move |v: &f64| {
                ticks
                    .iter()
                    .find(|(day, _)| (*day as f64 - v).abs() < 1e-6)
                    .map(|(_, label)| label.clone())
                    .unwrap_or_default()
            })
        }
        (Some(_), Some(names), _) => {
            let names = names.to_vec();
            Box::new(move |v: &f64| {
                let i = v.round();
                if (v - i).abs() < 1e-6 && i >= 0.0 {
                    names.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
        }
        (Some(_), None, _) => Box::new(style::plain(x_max.abs().max(x_min.abs()))),
        (None, _, None) => Box::new(|v: &f64| format!("{v:.0}")),
    };
    let x_labels = match (panel.xs, panel.x_names) {
        (Some(xs), Some(_)) => xs.len().max(2),
        _ => 8,
    };
    let axes = Axes {
        x_desc: &x_desc,
        x_labels,
        x_fmt: &x_fmt,
        y_fmt: &y_fmt,
        lean: season.map(|s| {
            s.lean
                .iter()
                .map(|r| ((r.start as f64).max(x_min), (r.end as f64).min(x_max)))
                .collect()
        }),
        y_max,
    };
    match months {
        None => {
            let chart = builder.build_cartesian_2d(x_min..x_max, 0f64..y_max)?;
            plot(chart, panel, lines, &axes, &x_at)
        }
        Some(ticks) => {
            let x = FixedTicks::new(
                x_min..x_max,
                ticks.iter().map(|(day, _)| *day as f64).collect(),
            );
            let chart = builder.build_cartesian_2d(x, 0f64..y_max)?;
            plot(chart, panel, lines, &axes, &x_at)
        }
    }
}

/// How [`plot`] labels the axes, and the lean-season spans (x from, x to) it shades.
struct Axes<'a> {
    x_desc: &'a str,
    x_labels: usize,
    x_fmt: &'a dyn Fn(&f64) -> String,
    y_fmt: &'a dyn Fn(&f64) -> String,
    lean: Option<Vec<(f64, f64)>>,
    y_max: f64,
}

/// Draws the axes, the lean season, the bands and the lines on a built chart, whose x
/// axis counts in numbers or is labelled at chosen days (months).
fn plot<DB, X>(
    mut chart: ChartContext<'_, DB, Cartesian2d<X, RangedCoordf64>>,
    panel: &Panel,
    lines: &[Line],
    axes: &Axes,
    x_at: &dyn Fn(usize) -> f64,
) -> Result<(), DrawError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(style::GRID.mix(0.0))
        .bold_line_style(style::GRID)
        .x_desc(axes.x_desc)
        .y_desc(panel.y_desc)
        .x_labels(axes.x_labels)
        .y_labels(6)
        .x_label_formatter(axes.x_fmt)
        .y_label_formatter(axes.y_fmt)
        .label_style(style::text(style::LABEL_SIZE))
        .axis_desc_style(style::text(style::DESC_SIZE))
        .draw()?;

    // The lean season lies behind everything drawn from the data.
    for &(from, to) in axes.lean.iter().flatten() {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(from, 0.0), (to, axes.y_max)],
            style::LEAN.filled(),
        )))?;
    }
    let outline90 = outline90(lines);
    // Bands first, then the faint references, then the medians on top of everything.
    for (line, run) in lines
        .iter()
        .filter(|l| l.bands)
        .flat_map(|l| runs(l.days).into_iter().map(move |r| (l, r)))
    {
        let days: Vec<f64> = run.clone().map(x_at).collect();
        let pick =
            |f: fn(&Estimate) -> f64| line.days[run.clone()].iter().map(f).collect::<Vec<f64>>();
        let (p05, p25, p75, p95) = (
            pick(|e| e.p05),
            pick(|e| e.p25),
            pick(|e| e.p75),
            pick(|e| e.p95),
        );
        let c = line.colour;
        if outline90 {
            // Two filled 90% bands would mix into a third colour: draw their edges.
            let thin = c.stroke_width(1);
            let edge = |v: &[f64]| {
                days.iter()
                    .copied()
                    .zip(v.iter().copied())
                    .collect::<Vec<_>>()
            };
            chart.draw_series(LineSeries::new(edge(&p05), thin))?;
            chart.draw_series(LineSeries::new(edge(&p95), thin))?;
        } else {
            chart.draw_series(std::iter::once(style::band(
                &days,
                &p05,
                &p95,
                c,
                style::BAND90,
            )))?;
        }
        chart.draw_series(std::iter::once(style::band(
            &days,
            &p25,
            &p75,
            c,
            style::BAND50,
        )))?;
    }
    let mut ordered: Vec<&Line> = lines.iter().filter(|l| l.faint).collect();
    ordered.extend(lines.iter().filter(|l| !l.faint));
    for (line, run) in ordered
        .into_iter()
        .flat_map(|l| runs(l.days).into_iter().map(move |r| (l, r)))
    {
        let median = line.days[run.clone()]
            .iter()
            .zip(run.clone())
            .map(move |(e, d)| (x_at(d), e.median));
        if line.faint {
            chart.draw_series(DashedLineSeries::new(
                median,
                8,
                6,
                line.colour.stroke_width(2),
            ))?;
        } else {
            chart.draw_series(LineSeries::new(median, line.colour.stroke_width(3)))?;
        }
        if panel.xs.is_some() {
            let dots = line.days[run.clone()]
                .iter()
                .zip(run.clone())
                .map(|(e, d)| Circle::new((x_at(d), e.median), 5, line.colour.filled()));
            chart.draw_series(dots)?;
            // One point has no band to draw: show its intervals as whiskers instead.
            if let [e] = line.days {
                let x = x_at(0);
                let thin = line.colour.stroke_width(2);
                let thick = line.colour.mix(0.6).stroke_width(8);
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, e.p05), (x, e.p95)],
                    thin,
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, e.p25), (x, e.p75)],
                    thick,
                )))?;
            }
        }
    }
    Ok(())
}

/// Whether the 90% bands are drawn as edges (when several lines have bands).
fn outline90(lines: &[Line]) -> bool {
    lines.iter().filter(|l| l.bands).count() > 1
}

/// The caption's words for the bands, as [`draw`] draws them: filled 50% and 90%
/// bands for one line; for several, a filled 50% band and thin lines at the 90% edges
/// (two filled 90% bands would mix into a third colour).
pub fn bands_sentence(lines: &[Line]) -> &'static str {
    if outline90(lines) {
        "the shaded band around each line holds the middle 50% of iterations, and the thin lines of the same colour bound 90%."
    } else {
        "the darker band holds the middle 50% of iterations and the lighter band 90%."
    }
}

/// The key of a set of lines: one row per line, and the lean season where a panel
/// shades it (beside a line drawn without bands, or on a row of its own).
pub fn legend_rows(lines: &[Line], season: Option<&SeasonMarks>) -> Vec<Vec<(Key, String)>> {
    let outline = outline90(lines);
    let mut rows: Vec<Vec<(Key, String)>> = lines
        .iter()
        .map(|l| {
            let mut row = vec![(
                Key::Line(l.colour, if l.faint { 2 } else { 3 }, l.faint),
                format!("{}: median", l.label),
            )];
            if l.bands {
                row.push((
                    Key::Fill(l.colour.mix(style::BAND50)),
                    "middle 50% of iterations".into(),
                ));
                row.push(if outline {
                    (Key::Edges(l.colour), "90% of iterations".into())
                } else {
                    (
                        Key::Fill(l.colour.mix(style::BAND90)),
                        "90% of iterations".into(),
                    )
                });
            }
            row
        })
        .collect();
    if let Some(s) = season.filter(|s| s.has_lean_days()) {
        let entry = (Key::Fill(style::LEAN), s.lean_label());
        match rows.last_mut() {
            Some(last) if last.len() == 1 => last.push(entry),
            _ => rows.push(vec![entry]),
        }
    }
    rows
}

/// The height of the key [`with_key`] draws.
pub fn key_height(lines: &[Line], season: Option<&SeasonMarks>) -> u32 {
    super::legend::height(legend_rows(lines, season).len())
}

/// Draws the key of `lines` (and of the lean season) above `area` and returns the area
/// left for the panels.
pub fn with_key<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[Line<'a>],
    season: Option<&SeasonMarks>,
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let rows = legend_rows(lines, season);
    let (key, rest) = area.split_vertically(super::legend::height(rows.len()));
    super::legend::draw(&key, &rows)?;
    Ok(rest)
}

/// The runs of consecutive days (or points) that some iteration had: a figure no
/// iteration had on a day (`n` 0, such as what hosts ate before any guest arrives)
/// leaves a gap in its line and bands instead of a drop to 0.
fn runs(days: &[Estimate]) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, _) in days.iter().enumerate().filter(|(_, e)| e.n > 0) {
        match runs.last_mut() {
            Some(r) if r.end == i => r.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::season::SeasonMarks;

    fn line<'a>(days: &'a [Estimate], bands: bool) -> Line<'a> {
        Line {
            label: "l",
            days,
            colour: style::WITH,
            faint: !bands,
            bands,
        }
    }

    /// Days no iteration had (n 0) break a line into runs; worked by hand.
    #[test]
    fn days_without_iterations_leave_gaps() {
        let had = crate::stats::estimate(&[0.5, 0.7]);
        let none = crate::stats::estimate(&[]);
        assert_eq!((had.n, none.n), (2, 0));
        let days = [none, had, had, none, had];
        assert_eq!(runs(&days), vec![1..3, 4..5]);
        assert_eq!(runs(&[none, none]), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(runs(&[had]), vec![0..1]);
    }

    #[test]
    fn the_lean_season_joins_a_row_of_one_entry_or_has_its_own() {
        let marks = SeasonMarks::new("2021-04-10", 60, &[4, 5, 6, 7]);
        let paired = [line(&[], true), line(&[], false)];
        let rows = legend_rows(&paired, marks.as_ref());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].len(), 2);
        assert_eq!(rows[1][1].1, "lean season (May\u{2013}Aug)");
        let one = [line(&[], true)];
        assert_eq!(legend_rows(&one, marks.as_ref()).len(), 2);
        assert_eq!(legend_rows(&one, None).len(), 1);
        // A horizon with no lean day has no key for it.
        let october = SeasonMarks::new("2020-10-10", 120, &[4, 5, 6, 7]);
        assert_eq!(legend_rows(&one, october.as_ref()).len(), 1);
    }
}
