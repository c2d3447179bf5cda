//! The season on a day axis: which days of the horizon fall in the scenario's lean
//! season (a light band) and where each month begins (the axis ticks), for the charts
//! whose x axis is the day of the horizon. Only a scenario with a `[calendar]` and a
//! `start_date` has them; every other chart's axis stays days from the start.

use std::ops::Range;

use crate::output::date;
use crate::scenario::{MONTHS, Scenario};

/// The calendar marks of a day axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeasonMarks {
    /// The start date as the scenario writes it (YYYY-MM-DD): day 0.
    start: String,
    /// The lean-season days of the horizon, as runs of day indices (first day, one
    /// past the last).
    pub lean: Vec<Range<usize>>,
    /// The lean months, 0 = January.
    lean_months: Vec<usize>,
    /// The first day of each month inside the horizon: (day, month 0 = January, year).
    month_starts: Vec<(usize, usize, i64)>,
}

/// The steps (in months) between labelled month ticks, finest first: each divides the
/// year, so the labelled months are the same every year (quarters, half years).
const STEPS: [usize; 6] = [1, 2, 3, 4, 6, 12];

impl SeasonMarks {
    /// The marks of a scenario with a `[calendar]` and a start date.
    pub fn of(sc: &Scenario) -> Option<SeasonMarks> {
        let start = sc.file.scenario.start_date.as_ref()?.get_ref();
        SeasonMarks::new(start, sc.horizon(), &lean_months(sc)?)
    }

    /// The marks of a horizon of `horizon` days from `start` (YYYY-MM-DD) with the lean
    /// season in `lean_months` (0 = January); `None` for a date that does not parse.
    pub fn new(start: &str, horizon: usize, lean_months: &[usize]) -> Option<SeasonMarks> {
        let (y, m, d) = date::parse(start).ok()?;
        let day0 = date::days_from_civil(y, m, d);
        let mut lean: Vec<Range<usize>> = Vec::new();
        let mut month_starts = Vec::new();
        for t in 0..horizon {
            let (year, month, day) = date::civil_from_days(day0 + t as i64);
            let month = month as usize - 1;
            if day == 1 {
                month_starts.push((t, month, year));
            }
            if lean_months.contains(&month) {
                match lean.last_mut() {
                    Some(run) if run.end == t => run.end = t + 1,
                    _ => lean.push(t..t + 1),
                }
            }
        }
        Some(SeasonMarks {
            start: start.to_string(),
            lean,
            lean_months: lean_months.to_vec(),
            month_starts,
        })
    }

    /// The legend's name of the band, "lean season (May–Aug)".
    pub fn lean_label(&self) -> String {
        let short = month_runs(&self.lean_months, "\u{2013}", |m| {
            abbreviation(MONTHS[m]).to_string()
        });
        format!("lean season ({short})")
    }

    /// Whether any day of the horizon is in the lean season.
    pub fn has_lean_days(&self) -> bool {
        !self.lean.is_empty()
    }

    /// The description of a day axis labelled by months.
    pub fn axis(&self) -> String {
        format!("Date (day 0 = {})", self.start)
    }

    /// The month ticks of an axis that has room for at most `max_labels` labels: the
    /// first day of every month, or of every second, third, ... month when they do not
    /// fit, each named by its month and, on the first tick and where the year changes,
    /// its year ("Nov 2020", "Dec", "Jan 2021"). Empty when no month begins inside the
    /// horizon (the axis then counts days).
    pub fn ticks(&self, max_labels: usize) -> Vec<(usize, String)> {
        let mut chosen = Vec::new();
        for step in STEPS {
            chosen = self
                .month_starts
                .iter()
                .filter(|(_, month, _)| month % step == 0)
                .copied()
                .collect();
            if chosen.len() <= max_labels.max(1) {
                break;
            }
        }
        let mut year_shown = None;
        chosen
            .into_iter()
            .map(|(day, month, year)| {
                let name = abbreviation(MONTHS[month]);
                let label = if year_shown == Some(year) {
                    name.to_string()
                } else {
                    format!("{name} {year}")
                };
                year_shown = Some(year);
                (day, label)
            })
            .collect()
    }

    /// What a caption says about the marks.
    pub fn sentence(&self) -> String {
        let ticks = "ticks on the day axis mark the first day of a month";
        let words = month_runs(&self.lean_months, " to ", |m| MONTHS[m].to_string());
        if words.is_empty() {
            format!("The {ticks}.")
        } else if self.has_lean_days() {
            format!(
                "The grey band marks the days in the lean season ({words}, from the scenario's calendar); {ticks}."
            )
        } else {
            format!(
                "No day of the horizon is in the lean season ({words}), so no band is drawn; {ticks}."
            )
        }
    }
}

/// The calendar's lean months (0 = January) of a scenario with a `[calendar]`.
pub fn lean_months(sc: &Scenario) -> Option<Vec<usize>> {
    let cal = sc.file.calendar.as_ref()?.get_ref();
    // The loader refuses a month outside 1..=12.
    Some(
        cal.lean_months
            .iter()
            .filter_map(|m| usize::try_from(*m.get_ref()).ok())
            .filter(|m| (1..=12).contains(m))
            .map(|m| m - 1)
            .collect(),
    )
}

/// A month's three-letter name ("Aug" for "August").
fn abbreviation(month: &str) -> &str {
    month.get(..3).unwrap_or(month)
}

/// The months (0 = January) as runs in the order of the year, a run that crosses the
/// new year kept whole: [4, 5, 6, 7] is "May to August", [10, 11, 0] "November to
/// January", [4, 6] "May, July". Empty for no months.
pub fn month_runs(months: &[usize], to: &str, name: impl Fn(usize) -> String) -> String {
    let mut member = [false; 12];
    for &m in months {
        if let Some(slot) = member.get_mut(m) {
            *slot = true;
        }
    }
    if member.iter().all(|&m| m) {
        return format!("{}{to}{}", name(0), name(11));
    }
    // Start after a month that is not in the season, so no run is cut at the new year.
    let Some(gap) = member.iter().position(|&m| !m) else {
        return String::new();
    };
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for i in 1..=12 {
        let m = (gap + i) % 12;
        if !member[m] {
            continue;
        }
        match runs.last_mut() {
            Some(run) if (run.1 + 1) % 12 == m => run.1 = m,
            _ => runs.push((m, m)),
        }
    }
    runs.sort_by_key(|r| r.0);
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                name(a)
            } else {
                format!("{}{to}{}", name(a), name(b))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lean_band_of_a_release_on_10_april_2021() {
        // Day 0 is 10 April 2021. April has 30 days, so days 0..=20 are 10 to 30 April
        // and 1 May is day 21. May 31 + June 30 + July 31 + August 31 = 123 days, so
        // 31 August is day 21 + 122 = 143 and the band is days 21 to 143.
        let marks = SeasonMarks::new("2021-04-10", 200, &[4, 5, 6, 7]).unwrap();
        assert_eq!(marks.lean, vec![21..144]);
        assert_eq!(marks.lean_label(), "lean season (May\u{2013}Aug)");
        // A horizon of 100 days ends on day 99, inside the lean season.
        let short = SeasonMarks::new("2021-04-10", 100, &[4, 5, 6, 7]).unwrap();
        assert_eq!(short.lean, vec![21..100]);
    }

    #[test]
    fn a_horizon_over_two_lean_seasons_has_two_bands() {
        // 1 Jan 2020 is day 0 of a leap year: 1 May is day 31 + 29 + 31 + 30 = 121,
        // 1 September day 121 + 123 = 244; 1 May 2021 is day 366 + 120 = 486 and
        // 1 September 2021 day 486 + 123 = 609.
        let marks = SeasonMarks::new("2020-01-01", 730, &[4, 5, 6, 7]).unwrap();
        assert_eq!(marks.lean, vec![121..244, 486..609]);
    }

    #[test]
    fn ranam_in_october_has_no_lean_day_and_ticks_from_november() {
        // 10 October 2020 + 120 days: 1 November is day 22 (October has 31 days),
        // 1 December day 52, 1 January day 83, 1 February day 114; the last day is
        // 6 February 2021 (day 119).
        let marks = SeasonMarks::new("2020-10-10", 120, &[4, 5, 6, 7]).unwrap();
        assert!(!marks.has_lean_days());
        assert_eq!(
            marks.ticks(12),
            vec![
                (22, "Nov 2020".to_string()),
                (52, "Dec".to_string()),
                (83, "Jan 2021".to_string()),
                (114, "Feb".to_string()),
            ]
        );
        // Two labels at most: every second month (January, March, ..., November).
        assert_eq!(
            marks.ticks(2),
            vec![(22, "Nov 2020".to_string()), (83, "Jan 2021".to_string())]
        );
        // One: every third month (January, April, July, October).
        assert_eq!(marks.ticks(1), vec![(83, "Jan 2021".to_string())]);
        assert!(marks.sentence().contains("No day of the horizon"));
        assert_eq!(marks.axis(), "Date (day 0 = 2020-10-10)");
    }

    #[test]
    fn lean_months_are_named_in_runs() {
        let long = |m: &[usize]| month_runs(m, " to ", |i| MONTHS[i].to_string());
        assert_eq!(long(&[4, 5, 6, 7]), "May to August");
        assert_eq!(long(&[10, 11, 0, 1]), "November to February");
        assert_eq!(long(&[4, 6]), "May, July");
        assert_eq!(long(&[4]), "May");
        assert_eq!(long(&[]), "");
        let marks = SeasonMarks::new("2012-02-16", 90, &[11, 0, 1]).unwrap();
        assert_eq!(marks.lean_label(), "lean season (Dec\u{2013}Feb)");
        // 16 to 29 February 2012 (a leap year) are days 0 to 13.
        assert_eq!(marks.lean, vec![0..14]);
    }
}
