//! What the report says about the seasons: which months the horizon covers, how much of
//! it falls in the lean season, and why a release on another date differs.

use crate::charts::season::{lean_months, month_runs};
use crate::model::season::months_of_horizon;
use crate::output::date;
use crate::scenario::world::groups_of;
use crate::scenario::{MONTHS, Scenario};

/// The horizon's months and lean-season days of a scenario with a `[calendar]`.
struct Horizon {
    first: String,
    last: String,
    lean_days: usize,
    days: usize,
    /// Mean over the horizon of the calendar's acquisition multipliers (ration, market
    /// and work, equally weighted; as written, before `calendar.strength`).
    acquisition: f64,
    /// The starting stock's multiplier (before `calendar.strength`).
    stock: f64,
}

fn start(sc: &Scenario) -> Option<&str> {
    sc.file
        .scenario
        .start_date
        .as_ref()
        .map(|d| d.get_ref().as_str())
}

fn horizon(sc: &Scenario) -> Option<Horizon> {
    let cal = sc.file.calendar.as_ref()?.get_ref();
    let begin = start(sc)?;
    let days = sc.horizon();
    let months = months_of_horizon(Some(begin), days);
    let label = |offset: usize| {
        let d = date::add_days(Some(begin), offset as i64);
        let (y, m) = (&d[..4], d[5..7].parse::<usize>().unwrap_or(1));
        format!("{} {y}", MONTHS[(m - 1).min(11)])
    };
    let lean = lean_months(sc).unwrap_or_default();
    let source = |m: &Option<crate::scenario::Monthly>, month: usize| {
        m.as_ref().map_or(1.0, |x| x.get(month))
    };
    let acquisition = months
        .iter()
        .map(|&m| (source(&cal.ration, m) + source(&cal.market, m) + source(&cal.work, m)) / 3.0)
        .sum::<f64>()
        / days.max(1) as f64;
    Some(Horizon {
        first: label(0),
        last: label(days.saturating_sub(1)),
        lean_days: months.iter().filter(|m| lean.contains(m)).count(),
        days,
        acquisition,
        stock: source(&cal.stock, months.first().copied().unwrap_or(0)),
    })
}

/// The names of the lean months, "May to August" (the same months the time charts
/// mark); `None` without lean months.
fn lean_words(sc: &Scenario) -> Option<String> {
    let words = month_runs(&lean_months(sc)?, " to ", |m| MONTHS[m].to_string());
    (!words.is_empty()).then_some(words)
}

/// "The horizon runs from October 2020 to February 2021; none of it is in the lean
/// season (May to August)." for a scenario with a calendar.
pub fn horizon_sentence(sc: &Scenario) -> Option<String> {
    let h = horizon(sc)?;
    let lean = match lean_words(sc) {
        Some(words) if h.lean_days == 0 => {
            format!("; none of it is in the lean season ({words})")
        }
        Some(words) => format!(
            "; {} of its {} days are in the lean season ({words}), when rations, market purchases and work bring less food",
            h.lean_days, h.days
        ),
        None => String::new(),
    };
    Some(format!(
        "The horizon runs from {} to {}{lean}.",
        h.first, h.last
    ))
}

/// Why scenario `b` differs from `a` when it starts in other months.
pub fn date_sentence(label: &str, a: &Scenario, b: &Scenario) -> Option<String> {
    if start(a) == start(b) {
        return None;
    }
    let (ha, hb) = (horizon(a)?, horizon(b)?);
    let lean = lean_words(b).map_or(String::new(), |w| {
        format!(
            ", {} of its days in the lean season ({w}) against {}",
            hb.lean_days, ha.lean_days
        )
    });
    let own = if has_group_calendars(a) || has_group_calendars(b) {
        " Wealth groups with their own month lists ([wealth_group.calendar]) follow those instead."
    } else {
        ""
    };
    Some(format!(
        "{label} starts on {} instead of {}: its horizon runs from {} to {}{lean}. By the calendar, food acquired over the horizon is {:.0}% of the year's mean against {:.0}%, and households start with {:.0}% of the stock they start with in A (before calendar.strength).{own}",
        start(b)?,
        start(a)?,
        hb.first,
        hb.last,
        100.0 * hb.acquisition,
        100.0 * ha.acquisition,
        100.0 * hb.stock / ha.stock.max(f64::MIN_POSITIVE)
    ))
}

/// Whether any district's wealth groups (its own, or the scenario's) include one with
/// its own month lists.
fn has_group_calendars(sc: &Scenario) -> bool {
    (0..sc.file.district.len())
        .flat_map(|d| groups_of(&sc.file, d).0)
        .any(|g| g.get_ref().calendar.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RANAM: &str = include_str!("../../scenarios/ranam-2020.toml");

    fn ranam(edits: &[(&str, &str)]) -> Scenario {
        let mut text = RANAM.to_string();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        crate::scenario::load_str("ranam-2020.toml", &text).expect("the edited scenario loads")
    }

    /// The sentence on a release in April says that groups with their own month lists
    /// follow them, only when some group has them.
    #[test]
    fn the_date_sentence_names_group_calendars_only_when_there_are_some() {
        let april = ("start_date = \"2020-10-10\"", "start_date = \"2021-04-10\"");
        let own = (
            "[[wealth_group]]\nname = \"middle\"",
            "[wealth_group.calendar]\nmarket = { months = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }\n\n[[wealth_group]]\nname = \"middle\"",
        );
        let (a, b) = (ranam(&[]), ranam(&[april]));
        let plain = date_sentence("B", &a, &b).expect("the dates differ");
        assert!(
            plain.starts_with("B starts on 2021-04-10 instead of 2020-10-10"),
            "{plain}"
        );
        assert!(!plain.contains("[wealth_group.calendar]"), "{plain}");
        let b = ranam(&[april, own]);
        let with_own = date_sentence("B", &a, &b).expect("the dates differ");
        assert!(
            with_own.ends_with("Wealth groups with their own month lists ([wealth_group.calendar]) follow those instead."),
            "{with_own}"
        );
    }
}
