//! Chart 3: the levy per levied household by district, in kg of maize equivalent and
//! in days of the household's own food need.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars::{self, Panel, Series, Value};
use super::{DrawError, Figure, district_rows, style};
use crate::scenario::Scenario;
use crate::summary::Summary;

pub struct Levy {
    districts: Vec<String>,
    kg: Vec<Option<Value>>,
    days: Vec<Option<Value>>,
    /// Why there is nothing to draw, when no household pays a levy.
    nothing: Option<String>,
}

impl Levy {
    pub fn from_summary(sc: &Scenario, summary: &Summary) -> Option<Levy> {
        let (districts, kg) = district_rows(sc, summary, "levy_kg_per_levied_household");
        let (_, days) = district_rows(sc, summary, "levy_days_per_levied_household");
        // Zero in 95% of iterations or more everywhere: an empty axis would say nothing.
        let levied = kg.iter().flatten().any(|v| v.high > 0.0);
        let nothing = (!levied).then(|| {
            let share = sc
                .inputs
                .iter()
                .find(|i| i.path == "levy.resident_share")
                .map(|i| &i.input.dist);
            match share {
                Some(d) if d.is_fixed() && d.centre() == 0.0 => "No household pays a levy: levy.resident_share is 0, so the state pays the whole package.".to_string(),
                _ => "No household pays a levy in at least 95% of iterations.".to_string(),
            }
        });
        kg.iter().any(Option::is_some).then_some(Levy {
            districts,
            kg,
            days,
            nothing,
        })
    }
}

impl Figure for Levy {
    const STEM: &'static str = "levy";

    fn title(&self) -> String {
        "What the levy takes from each household that pays it, by district".into()
    }

    fn caption(&self) -> String {
        if let Some(nothing) = &self.nothing {
            return format!(
                "{nothing} The levy per household is 0 in kg of maize equivalent and in days of food."
            );
        }
        "Levy per levied household, in kg of maize equivalent (left) and in days of that household's own \
         food need (right). Bars are medians across iterations; whiskers hold 90% of iterations. Households \
         that were not asked to pay are not counted in the average."
            .into()
    }

    fn body_height(&self) -> u32 {
        bar_rows_height(self.districts.len())
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        if let Some(nothing) = &self.nothing {
            let (w, h) = area.dim_in_pixel();
            let centred =
                style::text(style::PANEL_TITLE_SIZE).pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Center,
                ));
            area.draw(&Text::new(
                nothing.clone(),
                (w as i32 / 2, h as i32 / 2),
                centred,
            ))?;
            return Ok(());
        }
        let key = [Series {
            label: "Median",
            colour: style::WITH,
            values: Vec::new(),
        }];
        let area = bars::with_key(area, &key, &[])?;
        let (left, right) = area.split_horizontally(area.dim_in_pixel().0 / 2);
        let label_area = label_width(&self.districts);
        for (a, values, desc) in [
            (&left, &self.kg, "kg of maize equivalent per household"),
            (&right, &self.days, "days of food per household"),
        ] {
            let series = [Series {
                label: "Median",
                colour: style::WITH,
                values: values.clone(),
            }];
            let panel = Panel {
                title: None,
                categories: self.districts.clone(),
                horizontal: true,
                value_desc: desc,
                share: false,
                thresholds: Vec::new(),
                label_area,
                fills: Vec::new(),
            };
            bars::draw(a, &panel, &series, bars::top(&series, None))?;
        }
        Ok(())
    }
}

/// Height for one horizontal bar per district.
pub fn bar_rows_height(n: usize) -> u32 {
    (160 + 56 * n as u32).max(300) + super::legend::height(1)
}

/// Room for the longest district name on a horizontal chart.
pub fn label_width(names: &[String]) -> u32 {
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) as u32;
    (longest * 10 + 24).clamp(70, 260)
}
