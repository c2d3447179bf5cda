//! The chart of `burden sweep`: each headline figure against the swept value, a
//! median line with its 50% and 90% bands; on a grid sweep, one line per value of
//! the other swept keys.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::lines::{self, Line, Panel};
use super::{DrawError, Figure, headline, legend, style};
use crate::stats::Estimate;

/// One point of a sweep: the value of each key, and the headline figures (total).
pub struct SweepPoint<'a> {
    pub values: &'a [String],
    pub figures: Vec<(&'static str, Estimate)>,
}

/// One line of the chart: the points that share every key but the first.
struct SweepLine {
    label: String,
    /// Per metric, the estimates in the order of `xs`.
    by_metric: Vec<Vec<Estimate>>,
}

pub struct Sweep {
    x_key: String,
    xs: Vec<f64>,
    x_names: Option<Vec<String>>,
    metrics: Vec<&'static str>,
    lines: Vec<SweepLine>,
    iterations: u64,
}

impl Sweep {
    /// The x axis is the first key with more than one value; the other keys name lines.
    pub fn new(
        keys: &[String],
        x_desc: impl Fn(&str) -> String,
        points: &[SweepPoint],
        metrics: &[&'static str],
        iterations: u64,
    ) -> Option<Sweep> {
        let x_index = (0..keys.len()).find(|&k| {
            points
                .iter()
                .any(|p| p.values.get(k) != points.first().and_then(|f| f.values.get(k)))
        })?;
        let mut x_values: Vec<String> = Vec::new();
        for p in points {
            let v = p.values.get(x_index)?;
            if !x_values.contains(v) {
                x_values.push(v.clone());
            }
        }
        let numbers: Option<Vec<f64>> = x_values
            .iter()
            .map(|v| {
                v.replace('_', "")
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
            })
            .collect();
        // Numeric values are drawn in ascending order; others in the order given.
        let mut order: Vec<usize> = (0..x_values.len()).collect();
        if let Some(n) = &numbers {
            order.sort_by(|&a, &b| n[a].total_cmp(&n[b]));
        }
        let (xs, x_names) = match &numbers {
            Some(n) => (order.iter().map(|&i| n[i]).collect(), None),
            None => (
                (0..x_values.len()).map(|i| i as f64).collect(),
                Some(x_values.clone()),
            ),
        };
        let others: Vec<usize> = (0..keys.len()).filter(|&k| k != x_index).collect();
        let mut lines: Vec<(String, Vec<Option<&SweepPoint>>)> = Vec::new();
        for p in points {
            let label = others
                .iter()
                .filter_map(|&k| Some(format!("{} = {}", keys.get(k)?, p.values.get(k)?)))
                .collect::<Vec<_>>()
                .join(", ");
            let x = x_values
                .iter()
                .position(|v| Some(v) == p.values.get(x_index))?;
            let slot = order.iter().position(|&i| i == x)?;
            match lines.iter_mut().find(|(l, _)| *l == label) {
                Some((_, pts)) => pts[slot] = Some(p),
                None => {
                    let mut pts = vec![None; x_values.len()];
                    pts[slot] = Some(p);
                    lines.push((label, pts));
                }
            }
        }
        let metrics: Vec<&'static str> = metrics
            .iter()
            .copied()
            .filter(|m| points.iter().any(|p| p.figures.iter().any(|f| f.0 == *m)))
            .collect();
        let lines: Vec<SweepLine> = lines
            .into_iter()
            .filter_map(|(label, pts)| {
                let by_metric = metrics
                    .iter()
                    .map(|m| {
                        pts.iter()
                            .map(|p| (*p)?.figures.iter().find(|f| f.0 == *m).map(|f| f.1))
                            .collect::<Option<Vec<Estimate>>>()
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(SweepLine { label, by_metric })
            })
            .collect();
        // A figure that is the swept value itself in every iteration (people released,
        // when release.total is swept) would plot x against x: it is left out.
        let is_x = |m: usize| {
            numbers.is_some()
                && lines.iter().all(|l| {
                    l.by_metric.get(m).is_some_and(|es| {
                        es.iter().zip(&xs).all(|(e, x): (&Estimate, &f64)| {
                            let tol = 1e-9 * x.abs().max(1.0);
                            (e.p05 - x).abs() <= tol && (e.p95 - x).abs() <= tol
                        })
                    })
                })
        };
        let drop: Vec<bool> = (0..metrics.len()).map(is_x).collect();
        let metrics: Vec<&'static str> = metrics
            .iter()
            .zip(&drop)
            .filter(|(_, d)| !**d)
            .map(|(m, _)| *m)
            .collect();
        let lines: Vec<SweepLine> = lines
            .into_iter()
            .map(|l| SweepLine {
                label: l.label,
                by_metric: l
                    .by_metric
                    .into_iter()
                    .zip(&drop)
                    .filter(|(_, d)| !**d)
                    .map(|(e, _)| e)
                    .collect(),
            })
            .collect();
        (!lines.is_empty() && !metrics.is_empty()).then(|| Sweep {
            x_key: keys.get(x_index).map_or(String::new(), |k| x_desc(k)),
            xs,
            x_names,
            metrics,
            lines,
            iterations,
        })
    }

    /// The lines of metric `m`. A line that coincides with an earlier one (within 1%
    /// of the panel's height at every point: the other keys barely change this
    /// figure) is left out, since stacked translucent bands would mix into a colour
    /// the key does not show.
    fn lines_of(&self, m: usize) -> Vec<Line<'_>> {
        let one = self.lines.len() == 1;
        fn values(l: &SweepLine, m: usize) -> &[Estimate] {
            l.by_metric.get(m).map_or(&[][..], Vec::as_slice)
        }
        let top = self
            .lines
            .iter()
            .flat_map(|l| values(l, m).iter().map(|e| e.p95.abs().max(e.median.abs())))
            .fold(0.0, f64::max);
        let tolerance = 0.01 * top;
        self.lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                !self.lines[..*i]
                    .iter()
                    .any(|e| coincide(values(e, m), values(l, m), tolerance))
            })
            .map(|(i, l)| Line {
                label: if one { "All districts" } else { &l.label },
                days: values(l, m),
                colour: style::PALETTE[i % style::PALETTE.len()],
                faint: false,
                bands: true,
            })
            .collect()
    }
}

/// Whether two lines are drawn at the same place: every quantile within `tolerance`.
fn coincide(a: &[Estimate], b: &[Estimate], tolerance: f64) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            [
                (x.median, y.median),
                (x.p05, y.p05),
                (x.p25, y.p25),
                (x.p75, y.p75),
                (x.p95, y.p95),
            ]
            .iter()
            .all(|(u, v)| (u - v).abs() <= tolerance)
        })
}

impl Figure for Sweep {
    const STEM: &'static str = "sweep";

    fn title(&self) -> String {
        format!(
            "The headline figures against {}",
            self.x_key.split(" = ").next().unwrap_or(&self.x_key)
        )
    }

    fn caption(&self) -> String {
        let lines = if self.lines.len() > 1 {
            " Each colour is one value of the other swept inputs; their 90% bands are drawn as thin lines. \
             Where the other inputs barely change a figure (by less than 1% of the panel's height), its lines \
             coincide and only the first is drawn."
        } else {
            ""
        };
        format!(
            "Each panel is one headline figure for all districts together, against {}. The line \
             joins the medians across the {} run at each point (the same iterations at every point, \
             common random numbers); the darker band holds the middle 50% of iterations and the lighter band 90%.{lines}",
            self.x_key,
            crate::format::count(self.iterations as usize, "iteration")
        )
    }

    fn body_height(&self) -> u32 {
        headline::grid(self.metrics.len()).0 as u32 * headline::ROW_HEIGHT
            + legend::height(self.lines.len())
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let key: Vec<Line> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line {
                label: if self.lines.len() == 1 {
                    "All districts"
                } else {
                    &l.label
                },
                days: &[],
                colour: style::PALETTE[i % style::PALETTE.len()],
                faint: false,
                bands: true,
            })
            .collect();
        let area = lines::with_key(area, &key, None)?;
        let areas = area.split_evenly(headline::grid(self.metrics.len()));
        for ((m, name), a) in self.metrics.iter().enumerate().zip(&areas) {
            let lines = self.lines_of(m);
            let panel = Panel {
                title: Some(headline::short_title(name)),
                x_desc: &self.x_key,
                y_desc: "",
                share: headline::is_share(name),
                xs: Some(&self.xs),
                x_names: self.x_names.as_deref(),
                season: None,
            };
            lines::draw(a, &panel, &lines, style::axis_top(lines::top(&lines)))?;
        }
        Ok(())
    }
}
