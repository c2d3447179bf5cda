//! The charts of `burden compare`: the share of households with no stock left in
//! each scenario (the reference drawn faint behind), the headline figures of each
//! scenario side by side, and the paired difference B − A of each headline figure.
//!
//! They are built from plain numbers (labels, series, estimates), so they know
//! nothing of how the scenarios were run.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, MUTED_BAR, Panel as BarPanel, Series, Value};
use super::legend::{self, Key};
use super::lines::{self, Line, Panel as LinePanel};
use super::season::SeasonMarks;
use super::{DrawError, Figure, headline, style};
use crate::stats::Estimate;

/// One scenario of a comparison as the charts need it.
pub struct ScenarioFigures<'a> {
    /// "A", "B", or "B1", "B2", ...
    pub letter: String,
    pub label: String,
    /// Share of households with no stock left, day by day (all districts).
    pub no_stock: &'a [Estimate],
    /// One value per metric of [`HeadlineBars::metrics`] (the total).
    pub headline: Vec<Option<Value>>,
}

/// The bar of scenario `i`: the reference light grey, the others their line colour.
fn bar_colour(i: usize) -> RGBColor {
    if i == 0 { MUTED_BAR } else { colour(i) }
}

fn colour(i: usize) -> RGBColor {
    if i == 0 {
        style::MUTED
    } else {
        style::PALETTE[(i - 1) % style::PALETTE.len()]
    }
}

/// The day axis of the scenarios of a comparison.
pub struct DayAxis {
    /// What the axis counts, e.g. "Days from the start (day 0 = 2020-10-10)".
    pub desc: String,
    /// The lean season and the months, when every scenario starts on the same date
    /// with the same lean months.
    pub season: Option<SeasonMarks>,
    /// The scenarios start on different dates: day 0 is each one's own start.
    pub own_starts: bool,
}

/// Chart: households with no stock left, day by day, in each scenario.
pub struct CompareNoStock<'a> {
    scenarios: &'a [ScenarioFigures<'a>],
    axis: DayAxis,
    iterations: usize,
}

impl<'a> CompareNoStock<'a> {
    pub fn new(
        scenarios: &'a [ScenarioFigures<'a>],
        axis: DayAxis,
        iterations: usize,
    ) -> Option<CompareNoStock<'a>> {
        (scenarios.len() >= 2 && scenarios.iter().all(|s| !s.no_stock.is_empty())).then_some(
            CompareNoStock {
                scenarios,
                axis,
                iterations,
            },
        )
    }

    fn names(&self) -> Vec<String> {
        self.scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    format!("A (reference), {}", s.label)
                } else {
                    format!("{}, {}", s.letter, s.label)
                }
            })
            .collect()
    }

    fn lines<'b>(&'b self, names: &'b [String]) -> Vec<Line<'b>> {
        self.scenarios
            .iter()
            .zip(names)
            .enumerate()
            .map(|(i, (s, name))| Line {
                label: name,
                days: s.no_stock,
                colour: colour(i),
                faint: i == 0,
                bands: true,
            })
            .collect()
    }
}

impl Figure for CompareNoStock<'_> {
    const STEM: &'static str = "compare_no_stock";

    fn title(&self) -> String {
        "Households with no food stock left, day by day, in each scenario".into()
    }

    fn caption(&self) -> String {
        format!(
            "Share of households (all districts) whose own food stock is used up, by day, with the release. \
             Each line is a scenario's median across the same {} (common random numbers); the \
             shaded band around it holds the middle 50% of iterations and the two thin lines 90%. The \
             reference (A) is drawn grey and dashed behind the others; where it cannot be seen, it lies under \
             them: the scenarios barely differ there.{}{}",
            crate::format::count(self.iterations, "iteration"),
            if self.axis.own_starts {
                " The scenarios start on different dates: each line's day 0 is its own scenario's start \
                 date, so the same day is a different date in each, and no season is marked."
            } else {
                ""
            },
            self.axis
                .season
                .as_ref()
                .map_or(String::new(), |s| format!(" {}", s.sentence()))
        )
    }

    fn body_height(&self) -> u32 {
        let names = self.names();
        640 + lines::key_height(&self.lines(&names), self.axis.season.as_ref())
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let names = self.names();
        let lines = self.lines(&names);
        let area = lines::with_key(area, &lines, self.axis.season.as_ref())?;
        let panel = LinePanel {
            title: None,
            x_desc: &self.axis.desc,
            y_desc: "Households with no stock (%)",
            share: true,
            xs: None,
            x_names: None,
            season: self.axis.season.as_ref(),
        };
        lines::draw(&area, &panel, &lines, style::axis_top(lines::top(&lines)))
    }
}

/// The key row naming each scenario's letter.
fn scenario_key(scenarios: &[ScenarioFigures]) -> Vec<(Key, String)> {
    let mut row: Vec<(Key, String)> = scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let fill = bar_colour(i).to_rgba();
            let name = if i == 0 {
                format!("A: {} (reference)", headline::shorten(&s.label, 40))
            } else {
                format!("{}: {}", s.letter, headline::shorten(&s.label, 40))
            };
            (Key::Fill(fill), name)
        })
        .collect();
    row.push((Key::Whisker, "90% of iterations".into()));
    row
}

/// Chart: each headline figure, one bar per scenario.
pub struct HeadlineBars<'a> {
    scenarios: &'a [ScenarioFigures<'a>],
    metrics: Vec<&'static str>,
}

impl<'a> HeadlineBars<'a> {
    pub fn new(
        scenarios: &'a [ScenarioFigures<'a>],
        metrics: &[&'static str],
    ) -> Option<HeadlineBars<'a>> {
        let metrics: Vec<&'static str> = metrics
            .iter()
            .enumerate()
            .filter(|(m, _)| {
                scenarios
                    .iter()
                    .any(|s| s.headline.get(*m).is_some_and(Option::is_some))
            })
            .map(|(_, name)| *name)
            .collect();
        (scenarios.len() >= 2 && !metrics.is_empty()).then_some(HeadlineBars { scenarios, metrics })
    }
}

impl Figure for HeadlineBars<'_> {
    const STEM: &'static str = "compare_headline";

    fn title(&self) -> String {
        "The headline figures in each scenario".into()
    }

    fn caption(&self) -> String {
        "Each panel is one headline figure for all districts together. Bars are medians across iterations \
         (the reference A in grey, the others in their colours from the first chart); whiskers hold 90% of iterations. Every scenario ran on the same \
         iterations, so the bars differ only where the scenarios do."
            .into()
    }

    fn body_height(&self) -> u32 {
        headline::grid(self.metrics.len()).0 as u32 * headline::ROW_HEIGHT + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let (strip, area) = area.split_vertically(legend::height(1));
        legend::draw(&strip, &[scenario_key(self.scenarios)])?;
        let areas = area.split_evenly(headline::grid(self.metrics.len()));
        let all_metrics = crate::summary::HEADLINES;
        for (name, a) in self.metrics.iter().zip(&areas) {
            let index = all_metrics.iter().position(|h| h.name == *name);
            let values: Vec<Option<Value>> = self
                .scenarios
                .iter()
                .map(|s| index.and_then(|m| s.headline.get(m).copied().flatten()))
                .collect();
            let zero = |v: &Option<Value>| {
                v.is_none_or(|v| v.median == 0.0 && v.low == 0.0 && v.high == 0.0)
            };
            if values.iter().all(zero) {
                headline::note_panel(
                    a,
                    &headline::short_title(name),
                    "Zero in every scenario and iteration.",
                )?;
                continue;
            }
            let series = [Series {
                label: "Median",
                colour: style::WITH,
                values,
            }];
            let panel = BarPanel {
                title: Some(headline::short_title(name)),
                categories: self.scenarios.iter().map(|s| s.letter.clone()).collect(),
                horizontal: false,
                value_desc: "",
                share: headline::is_share(name),
                thresholds: Vec::new(),
                label_area: 0,
                fills: (0..self.scenarios.len())
                    .map(|i| Some(bar_colour(i)))
                    .collect(),
            };
            bars::draw(a, &panel, &series, bars::top(&series, None))?;
        }
        Ok(())
    }
}

/// Chart: the paired difference B − A of each headline figure.
pub struct HeadlineDifference {
    /// (letter of B, its label)
    compared: Vec<(String, String)>,
    reference: String,
    /// (metric, one difference per compared scenario)
    panels: Vec<(&'static str, Vec<Option<Value>>)>,
}

impl HeadlineDifference {
    /// `differences[m][b]`: the difference of compared scenario `b` for metric `m`.
    pub fn new(
        reference: &str,
        compared: Vec<(String, String)>,
        metrics: &[&'static str],
        differences: Vec<Vec<Option<&Estimate>>>,
    ) -> Option<HeadlineDifference> {
        let panels: Vec<(&'static str, Vec<Option<Value>>)> = metrics
            .iter()
            .zip(differences)
            .map(|(m, d)| (*m, d.into_iter().map(|e| e.map(Value::from)).collect()))
            .filter(|(_, d): &(&str, Vec<Option<Value>>)| d.iter().any(Option::is_some))
            .collect();
        (!compared.is_empty() && !panels.is_empty()).then(|| HeadlineDifference {
            compared,
            reference: reference.to_string(),
            panels,
        })
    }
}

impl Figure for HeadlineDifference {
    const STEM: &'static str = "compare_difference";

    fn title(&self) -> String {
        "How much each scenario differs from the reference (B − A)".into()
    }

    fn caption(&self) -> String {
        let names: Vec<String> = self
            .compared
            .iter()
            .map(|(l, n)| format!("{l} is {n}"))
            .collect();
        format!(
            "Each panel is one headline figure for all districts together: the difference between a scenario \
             and the reference A ({}), formed iteration by iteration on common random numbers ({}). Bars are \
             the median difference (in each scenario's colour); whiskers hold 90% of iterations. A bar above zero means the figure is \
             higher than in the reference.",
            self.reference,
            names.join("; ")
        )
    }

    fn body_height(&self) -> u32 {
        headline::grid(self.panels.len()).0 as u32 * headline::ROW_HEIGHT + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let mut row: Vec<(Key, String)> = if self.compared.len() == 1 {
            vec![(
                Key::Fill(style::WITH.to_rgba()),
                "Median of the paired difference".into(),
            )]
        } else {
            self.compared
                .iter()
                .enumerate()
                .map(|(b, (letter, label))| {
                    (
                        Key::Fill(colour(b + 1).to_rgba()),
                        format!("{letter}: {}", headline::shorten(label, 28)),
                    )
                })
                .collect()
        };
        row.push((Key::Whisker, "90% of iterations".into()));
        let (strip, area) = area.split_vertically(legend::height(1));
        legend::draw(&strip, &[row])?;
        let areas = area.split_evenly(headline::grid(self.panels.len()));
        let categories: Vec<String> = self
            .compared
            .iter()
            .map(|(l, _)| format!("{l} − A"))
            .collect();
        for ((name, values), a) in self.panels.iter().zip(&areas) {
            let zero = |v: &Option<Value>| {
                v.is_none_or(|v| v.median == 0.0 && v.low == 0.0 && v.high == 0.0)
            };
            if values.iter().all(zero) {
                headline::note_panel(
                    a,
                    &headline::short_title(name),
                    "No difference in any iteration.",
                )?;
                continue;
            }
            let series = [Series {
                label: "Median",
                colour: style::WITH,
                values: values.clone(),
            }];
            let panel = BarPanel {
                title: Some(headline::short_title(name)),
                categories: categories.clone(),
                horizontal: false,
                value_desc: "",
                share: headline::is_share(name),
                thresholds: Vec::new(),
                label_area: 0,
                fills: (1..=self.compared.len()).map(|b| Some(colour(b))).collect(),
            };
            bars::draw(a, &panel, &series, bars::top(&series, None))?;
        }
        Ok(())
    }
}
