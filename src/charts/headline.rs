//! The headline figures as the what-if charts show them: one small panel per figure,
//! titled with a short name and its unit, two panels to a row.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawError, style};
use crate::summary::metric;

/// A short panel title with the unit, short enough for half the chart's width.
pub fn short_title(name: &str) -> String {
    match name {
        "released" => "People released (persons)".into(),
        "host_food_lost_days_median" => "Food lost per host household (days)".into(),
        "levy_kg_per_levied_household" => "Levy per paying household (kg maize)".into(),
        "levy_days_per_levied_household" => "Levy per paying household (days of food)".into(),
        "out_of_stock_with" => "Out of stock, with release (% households)".into(),
        "out_of_stock_without" => "Out of stock, no release (% households)".into(),
        "out_of_stock_attributable_households" => "Extra households out of stock".into(),
        "survival_deficit_attributable" => "Survival deficit added (% of need)".into(),
        "phase3plus_attributable" => "Pushed into phase 3+ (% of persons)".into(),
        "released_person_days_below_floor" => "Released: days below the floor".into(),
        "incidents" => "Incidents (begging with threats, theft)".into(),
        other => metric(other).map_or(other.to_string(), |m| m.label.to_string()),
    }
}

/// Whether a metric is a share, shown as a percentage.
pub fn is_share(name: &str) -> bool {
    metric(name).is_some_and(|m| m.unit.starts_with("share"))
}

/// Rows and columns for `n` headline panels: two to a row.
pub fn grid(n: usize) -> (usize, usize) {
    if n <= 1 { (1, 1) } else { (n.div_ceil(2), 2) }
}

/// Height of one row of headline panels.
pub const ROW_HEIGHT: u32 = 300;

/// A panel with nothing to plot: its title, centred, and a sentence saying why.
pub fn note_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    note: &str,
) -> Result<(), DrawError> {
    let (w, h) = area.dim_in_pixel();
    let title_style = style::text(style::PANEL_TITLE_SIZE);
    let (tw, _) = area.estimate_text_size(title, &title_style)?;
    area.draw(&Text::new(
        title.to_string(),
        ((w as i32 - tw as i32) / 2, 14),
        title_style,
    ))?;
    let note_style = style::muted_text(style::LABEL_SIZE);
    let (nw, _) = area.estimate_text_size(note, &note_style)?;
    area.draw(&Text::new(
        note.to_string(),
        ((w as i32 - nw as i32) / 2, h as i32 / 2),
        note_style,
    ))?;
    Ok(())
}

/// Shortens a label to `max` characters, marking the cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_headline_has_a_short_title() {
        for h in crate::summary::HEADLINES {
            let t = short_title(h.name);
            assert!(t.chars().count() <= 44, "{}: {t}", h.name);
        }
        assert!(is_share("out_of_stock_with"));
        assert!(!is_share("incidents"));
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(grid(10), (5, 2));
    }
}
