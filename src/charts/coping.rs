//! Charts 7 and 8 (scenarios with `[coping]`): households cutting their food deeply,
//! day by day, with and without the release; and what host households' own members
//! ate as a share of their need while they share with their guests.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::days::Days;
use super::no_stock::{paired_panels, single, single_panels, with_and_without};
use super::{DrawError, Figure};
use crate::scenario::Scenario;
use crate::summary::Summary;

/// The share of households in the top rCSI band (19 and above), day by day.
pub struct Coping<'a> {
    /// Per district: with the release, without it.
    days: Days<'a>,
}

impl<'a> Coping<'a> {
    pub fn from_summary(sc: &Scenario, summary: &'a Summary) -> Option<Coping<'a>> {
        sc.file.coping.as_ref()?;
        Days::from_summary(
            sc,
            summary,
            &[
                "coping_rcsi_19plus_share_with",
                "coping_rcsi_19plus_share_without",
            ],
        )
        .map(|days| Coping { days })
    }
}

impl Figure for Coping<'_> {
    const STEM: &'static str = "coping";

    fn title(&self) -> String {
        "Households cutting their food deeply (rCSI 19 or more), day by day".into()
    }

    fn caption(&self) -> String {
        format!(
            "Share of households whose reduced Coping Strategies Index over the last seven days (the week's \
             rCSI, defined in docs/MODEL.md section 5a) is 19 or more on each day: the highest of the three rCSI \
             bands. The solid blue line is the median across \
             {} with the release; the darker band holds the middle 50% of iterations and the lighter band \
             90%. The dashed orange line is the median of the same simulated worlds without the release (same \
             random numbers), so the gap between the lines is the coping the release adds; where the dashed \
             line cannot be seen, it lies under the solid one. Days before the \
             start count as days without coping, so the share can only build up over the first week.{}",
            crate::format::count(self.days.iterations, "iteration"),
            self.days.season_sentence()
        )
    }

    fn body_height(&self) -> u32 {
        self.days.body_height(&with_and_without(&[], &[]))
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let panels = paired_panels(&self.days);
        self.days
            .draw(area, &panels, "Households with rCSI 19+ (%)", None)
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
