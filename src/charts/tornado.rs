//! The chart of `burden sensitivity`: for each headline figure, the uncertain inputs
//! sorted by the share of its variance they explain on their own (first-order index),
//! with 95% bootstrap intervals; an index that cannot be told apart from zero is grey.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, MUTED_BAR, Panel, Series, Value};
use super::legend::{self, Key};
use super::{DrawError, Figure, headline, style};

/// Most inputs shown per figure (the rest are in `sensitivity.csv`).
pub const SHOWN: usize = 5;

/// One input's index for one figure.
pub struct Driver {
    pub input: String,
    pub index: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub distinguishable: bool,
}

/// One figure's drivers, strongest first.
pub struct Outcome {
    pub metric: String,
    /// False when the figure is the same in every iteration.
    pub varies: bool,
    pub drivers: Vec<Driver>,
}

pub struct Tornado {
    outcomes: Vec<Outcome>,
    /// Whose figures, in words: "all districts together" or a district's name.
    place: String,
    iterations: u64,
    bootstrap: u64,
}

impl Tornado {
    pub fn new(
        outcomes: Vec<Outcome>,
        place: String,
        iterations: u64,
        bootstrap: u64,
    ) -> Option<Tornado> {
        (!outcomes.is_empty()).then_some(Tornado {
            outcomes,
            place,
            iterations,
            bootstrap,
        })
    }

    fn rows(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| o.drivers.len().min(SHOWN))
            .max()
            .unwrap_or(1)
            .max(1)
    }
}

const LABEL_CHARS: usize = 34;

/// An input's name (its dotted path, with names for list elements) cut to fit by
/// dropping leading sections: the key at the end says what the input is.
fn label(input: &str) -> String {
    let mut parts: Vec<&str> = input.split('.').collect();
    while parts.len() > 1 && parts.join(".").chars().count() + 1 > LABEL_CHARS {
        parts.remove(0);
    }
    let kept = parts.join(".");
    if kept == input {
        kept
    } else if kept.chars().count() < LABEL_CHARS {
        format!("…{kept}")
    } else {
        headline::shorten(&kept, LABEL_CHARS)
    }
}

impl Figure for Tornado {
    const STEM: &'static str = "sensitivity";

    fn title(&self) -> String {
        "Which uncertain inputs drive each headline figure".into()
    }

    fn caption(&self) -> String {
        format!(
            "Each panel is one headline figure for {}. A bar is the share of the figure's \
             variance across {} that one uncertain input explains on its own (first-order index), \
             strongest first, at most {SHOWN} inputs; whiskers are 95% intervals from {} bootstrap resamples. \
             Grey bars cannot be told apart from zero with this many iterations (their interval includes \
             zero). Inputs are named by their keys, as --set and explain name them (… marks a key shortened \
             from the left); their meanings are in report.md and every input is in sensitivity.csv.",
            self.place,
            crate::format::count(self.iterations as usize, "iteration"),
            self.bootstrap
        )
    }

    fn body_height(&self) -> u32 {
        let panel = (130 + 30 * self.rows() as u32).max(220);
        self.outcomes.len().div_ceil(2) as u32 * panel + legend::height(1)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let row = vec![
            (
                Key::Fill(style::WITH.to_rgba()),
                "Share of variance explained on its own".to_string(),
            ),
            (
                Key::Fill(MUTED_BAR.to_rgba()),
                "Cannot be told apart from zero".to_string(),
            ),
            (Key::Whisker, "95% bootstrap interval".to_string()),
        ];
        let (strip, area) = area.split_vertically(legend::height(1));
        legend::draw(&strip, &[row])?;
        // Two panels to a row, each input named by its key, which is short.
        let areas = area.split_evenly((self.outcomes.len().div_ceil(2), 2));
        for (o, a) in self.outcomes.iter().zip(&areas) {
            let title = headline::short_title(&o.metric);
            let shown: Vec<&Driver> = o.drivers.iter().take(SHOWN).collect();
            if !o.varies || shown.is_empty() {
                headline::note_panel(
                    a,
                    &title,
                    "The same in every iteration: nothing to explain.",
                )?;
                continue;
            }
            let categories: Vec<String> = shown.iter().map(|d| label(&d.input)).collect();
            let series = [Series {
                label: "First-order index",
                colour: style::WITH,
                values: shown
                    .iter()
                    .map(|d| {
                        Some(Value {
                            median: d.index,
                            low: d.ci_low,
                            high: d.ci_high,
                        })
                    })
                    .collect(),
            }];
            let panel = Panel {
                title: Some(title),
                categories,
                horizontal: true,
                value_desc: "share of variance",
                share: true,
                thresholds: Vec::new(),
                label_area: 300,
                fills: shown
                    .iter()
                    .map(|d| (!d.distinguishable).then_some(MUTED_BAR))
                    .collect(),
            };
            bars::draw(a, &panel, &series, bars::top(&series, None))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_keep_their_key() {
        let l = label("district.Chongjin-Ranam.wealth_group.better-off.market_share");
        assert_eq!(l, "…better-off.market_share");
        assert!(l.chars().count() <= LABEL_CHARS);
        assert_eq!(label("release.total"), "release.total");
    }
}
