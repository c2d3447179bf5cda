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
    iterations: u64,
    bootstrap: u64,
}

impl Tornado {
    pub fn new(outcomes: Vec<Outcome>, iterations: u64, bootstrap: u64) -> Option<Tornado> {
        (!outcomes.is_empty()).then_some(Tornado {
            outcomes,
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

const LABEL_CHARS: usize = 58;

/// An input's name cut to fit, keeping the group or item it belongs to (the part in
/// brackets at the end), which is what tells two similar inputs apart.
fn label(input: &str) -> String {
    if input.chars().count() <= LABEL_CHARS {
        return input.to_string();
    }
    match input.rsplit_once(" (") {
        Some((meaning, owner)) if owner.ends_with(')') && owner.chars().count() < 30 => {
            let room = LABEL_CHARS.saturating_sub(owner.chars().count() + 2);
            format!("{} ({owner}", headline::shorten(meaning, room))
        }
        _ => headline::shorten(input, LABEL_CHARS),
    }
}

impl Figure for Tornado {
    const STEM: &'static str = "sensitivity";

    fn title(&self) -> String {
        "Which uncertain inputs drive each headline figure".into()
    }

    fn caption(&self) -> String {
        format!(
            "Each panel is one headline figure for all districts together. A bar is the share of the figure's \
             variance across {} iterations that one uncertain input explains on its own (first-order index), \
             strongest first, at most {SHOWN} inputs; whiskers are 95% intervals from {} bootstrap resamples. \
             Grey bars cannot be told apart from zero with this many iterations (their interval includes \
             zero). Long input names are shortened; every input is in sensitivity.csv and report.md.",
            crate::format::thousands(self.iterations as f64),
            self.bootstrap
        )
    }

    fn body_height(&self) -> u32 {
        let panel = (130 + 30 * self.rows() as u32).max(220);
        self.outcomes.len() as u32 * panel + legend::height(1)
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
        // One panel to a row: the inputs' names need the room.
        let areas = area.split_evenly((self.outcomes.len(), 1));
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
                threshold: None,
                label_area: 560,
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
    fn long_labels_keep_their_owner() {
        let l = label(
            "daily acquisition from the market as a share of the household's need (Poor households)",
        );
        assert!(l.ends_with("(Poor households)") && l.contains('…'), "{l}");
        assert!(l.chars().count() <= LABEL_CHARS);
        assert_eq!(label("mean temperature"), "mean temperature");
    }
}
