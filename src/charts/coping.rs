//! Charts 7 and 8 (scenarios with `[coping]`): households coping, day by day, at the
//! two upper rCSI bands' edges (4 or more, 19 or more), with and without the release;
//! and what host households' own members ate as a share of their need while they share
//! with their guests.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::days::{Days, panels_height};
use super::lines::{self, Line};
use super::no_stock::{single, single_panels, with_and_without};
use super::{DrawError, Figure};
use crate::model::season::RCSI_EDGES;
use crate::scenario::Scenario;
use crate::summary::Summary;

/// The share of households at or above each upper rCSI band's edge (4 and 19), day by
/// day: a panel for each edge in each district, on one value axis.
pub struct Coping<'a> {
    /// Per district: 4+ with, 4+ without, 19+ with, 19+ without.
    days: Days<'a>,
}

impl<'a> Coping<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<Coping<'a>> {
        sc.file.coping.as_ref()?;
        Days::from_summary(
            sc,
            summary,
            &[
                "coping_rcsi_4plus_share_with",
                "coping_rcsi_4plus_share_without",
                "coping_rcsi_19plus_share_with",
                "coping_rcsi_19plus_share_without",
            ],
        )
        .map(|days| Coping { days })
    }

    /// Each district's two panels, 4+ then 19+: their titles, and the series that
    /// `with_and_without` draws in them.
    fn panels(&self) -> Vec<(String, [usize; 2])> {
        let many = self.days.panels.len() > 1;
        self.days
            .panels
            .iter()
            .flat_map(|(name, _)| {
                let [moderate, severe] = RCSI_EDGES;
                let title = |edge: f64, what: &str| {
                    let place = if many {
                        format!("{name}: ")
                    } else {
                        String::new()
                    };
                    format!("{place}rCSI {edge} or more ({what})")
                };
                [
                    (title(moderate, "stressed or worse"), [0, 1]),
                    (title(severe, "crisis or worse"), [2, 3]),
                ]
            })
            .collect()
    }
}

impl Figure for Coping<'_> {
    const STEM: &'static str = "coping";

    fn title(&self) -> String {
        "Households cutting their food, by rCSI band, day by day".into()
    }

    fn caption(&self) -> String {
        let [moderate, severe] = RCSI_EDGES;
        format!(
            "Share of households whose reduced Coping Strategies Index over the last seven days (the week's \
             rCSI, defined in docs/MODEL.md section 5a) is {moderate} or more on each day (the first panel: \
             households in the stressed band, {moderate} to {}, or above) and {severe} or more (the second: \
             the highest band, which IPC usage reads as crisis or worse); the households below {moderate} \
             are the rest. The panels share their value axis. The solid blue line is the median across {} \
             with the release; the darker band holds the middle 50% of iterations and the lighter band 90%. \
             The dashed orange line is the median of the same simulated worlds without the release (same \
             random numbers), so the gap between the lines is the coping the release adds; where the dashed \
             line cannot be seen, it lies under the solid one. Days before the start count as days without \
             coping, so the shares can only build up over the first week.{}",
            severe - 1.0,
            crate::format::count(self.days.iterations, "iteration"),
            self.days.season_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        panels_height(2 * self.days.panels.len())
            + lines::key_height(&with_and_without(&[], &[]), self.days.season.as_ref())
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let titles = self.panels();
        let panels: Vec<(&str, Vec<Line>)> = titles
            .iter()
            .zip(self.days.panels.iter().flat_map(|p| [p, p]))
            .map(|((title, [with, without]), (_, s))| {
                let get = |i: usize| s.get(i).copied().unwrap_or(&[]);
                (title.as_str(), with_and_without(get(*with), get(*without)))
            })
            .collect();
        self.days
            .draw(area, &panels, "Households at or above the score (%)", None)
    }
}

/// What host households' own members ate as a share of their need, day by day.
pub struct CopingHosts<'a> {
    days: Days<'a>,
}

impl<'a> CopingHosts<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<CopingHosts<'a>> {
        sc.file.coping.as_ref()?;
        let days = Days::from_summary(sc, summary, &["host_eaten_share"])?;
        // Without a host on any day of any iteration there is nothing to draw.
        let any = days
            .panels
            .iter()
            .flat_map(|(_, s)| s.iter().flat_map(|d| d.iter()))
            .any(|e| e.n > 0);
        any.then_some(CopingHosts { days })
    }
}

const HOSTS: &str = "What hosts ate, of their own need";

impl Figure for CopingHosts<'_> {
    const STEM: &'static str = "coping_hosts";

    fn title(&self) -> String {
        "What host households ate, as a share of their own need, day by day".into()
    }

    fn caption(&self) -> String {
        format!(
            "Food eaten each day by the members of all host households together (the households that take \
             in released people, each counted from the day its first guest arrives), \
             divided by those members' own energy need that day, with the release \
             (`host_eaten_share` in timeseries.csv, docs/OUTPUTS.md). A host shares what it eats with its \
             guests and cuts its consumption as its stock falls (docs/MODEL.md section 5a), so 100% is a \
             host whose own members ate their full need. The line is the median across the iterations \
             that have any host household (of {}), and starts on the first day any of them has one; the \
             darker band holds the middle 50% of them and the lighter band 90%.{}",
            crate::format::count(self.days.iterations, "iteration"),
            self.days.season_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        self.days.body_height(&single(HOSTS, &[]))
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let panels = single_panels(&self.days, HOSTS);
        // A share of need: the axis runs to 100%.
        self.days.draw(
            area,
            &panels,
            "Eaten by hosts' members (% of need)",
            Some(1.0),
        )
    }
}
