//! Chart 6: incidents (begging with threats, theft) by district over the horizon.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Panel, Series, Value};
use super::levy::{bar_rows_height, label_width};
use super::{DrawError, Figure, district_rows, style};
use crate::scenario::Scenario;
use crate::summary::Summary;

pub struct Incidents {
    districts: Vec<String>,
    counts: Vec<Option<Value>>,
    horizon: usize,
    /// Whether the scenario marks the incident rate as an estimate.
    rate_estimated: bool,
}

impl Incidents {
    pub fn from_summary(sc: &Scenario, summary: &Summary) -> Option<Incidents> {
        let (districts, counts) = district_rows(sc, summary, "incidents");
        counts.iter().any(Option::is_some).then_some(Incidents {
            districts,
            counts,
            horizon: sc.horizon(),
            rate_estimated: sc.inputs.iter().any(|i| {
                i.path == "incidents.rate_per_unfed_person_day"
                    && i.input.grade == Some(crate::scenario::Grade::E)
            }),
        })
    }
}

impl Figure for Incidents {
    const STEM: &'static str = "incidents";

    fn title(&self) -> String {
        "Incidents caused by hungry released people, by district".into()
    }

    fn caption(&self) -> String {
        format!(
            "Incidents (begging with threats, theft) over the {} days, from released people whose need is \
             not met. Bars are medians across iterations; whiskers hold 90% of iterations.{}",
            self.horizon,
            if self.rate_estimated {
                " The rate per unfed person-day is an estimate (grade E), so read the scale as an order \
                 of magnitude."
            } else {
                ""
            }
        )
    }

    fn body_height(&self) -> u32 {
        bar_rows_height(self.districts.len())
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let series = [Series {
            label: "Median",
            colour: style::WITH,
            values: self.counts.clone(),
        }];
        let panel = Panel {
            title: None,
            categories: self.districts.clone(),
            horizontal: true,
            value_desc: "incidents over the horizon",
            share: false,
            thresholds: Vec::new(),
            label_area: label_width(&self.districts),
            fills: Vec::new(),
        };
        let area = bars::with_key(area, &series, &[])?;
        bars::draw(&area, &panel, &series, bars::top(&series, None))
    }
}
