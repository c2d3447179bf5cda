//! What the report says about the seasons: which months the horizon covers, how much of
//! it falls in the lean season, and why a release on another date differs.

use crate::charts::season::{lean_months, month_runs};
use crate::model::season::months_of_horizon;
use crate::output::date;
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
    Some(format!(
        "{label} starts on {} instead of {}: its horizon runs from {} to {}{lean}. By the calendar, food acquired over the horizon is {:.0}% of the year's mean against {:.0}%, and households start with {:.0}% of the stock they start with in A (before calendar.strength).",
        start(b)?,
        start(a)?,
        hb.first,
        hb.last,
        100.0 * hb.acquisition,
        100.0 * ha.acquisition,
        100.0 * hb.stock / ha.stock.max(f64::MIN_POSITIVE)
    ))
}
