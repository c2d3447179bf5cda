//! Calendar arithmetic for day labels, without a date library (Howard Hinnant's algorithms).

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// What is wrong with a date written as YYYY-MM-DD.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not YYYY-MM-DD at all.
    Format,
    /// A month other than 01 to 12.
    Month(u32),
    /// A day the month does not have (the month's last day given).
    Day { year: i64, month: u32, last: u32 },
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Format => write!(f, "it is not written as YYYY-MM-DD"),
            DateError::Month(m) => write!(f, "there is no month {m}"),
            DateError::Day { year, month, last } => write!(
                f,
                "{} {year} has {last} days",
                crate::scenario::MONTHS[(*month as usize).clamp(1, 12) - 1]
            ),
        }
    }
}

/// A date of the proleptic Gregorian calendar written as YYYY-MM-DD. A day is real
/// when counting to it and back gives the same date (so 2021-02-30 is refused and
/// 2024-02-29 accepted by the same leap-year rules that label the days).
pub fn parse(s: &str) -> Result<(i64, u32, u32), DateError> {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(parts.len() == 3 && digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2)) {
        return Err(DateError::Format);
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| DateError::Format);
    let (y, m, d) = (i64::from(num(parts[0])?), num(parts[1])?, num(parts[2])?);
    if !(1..=12).contains(&m) {
        return Err(DateError::Month(m));
    }
    // The first of the next month, one day back, is this month's last day.
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let last = civil_from_days(days_from_civil(ny, nm, 1) - 1).2;
    if !(1..=last).contains(&d) {
        return Err(DateError::Day {
            year: y,
            month: m,
            last,
        });
    }
    Ok((y, m, d))
}

/// `start` (YYYY-MM-DD) plus `days`, as YYYY-MM-DD; empty when there is no start date.
pub fn add_days(start: Option<&str>, days: i64) -> String {
    let Some(s) = start else { return String::new() };
    let p: Vec<i64> = s.split('-').filter_map(|x| x.parse().ok()).collect();
    if p.len() != 3 {
        return String::new();
    }
    let (y, m, d) = civil_from_days(days_from_civil(p[0], p[1] as u32, p[2] as u32) + days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A UTC timestamp (RFC 3339) from seconds since the epoch.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(add_days(Some("2020-10-10"), 120), "2021-02-07");
        assert_eq!(add_days(Some("2012-02-16"), 14), "2012-03-01"); // 2012 is a leap year
        assert_eq!(rfc3339(1_600_000_000), "2020-09-13T12:26:40Z");
    }

    /// The Gregorian rules, stated independently: 30 days hath September, April, June
    /// and November; February has 29 in years divisible by 4, except centuries not
    /// divisible by 400.
    #[test]
    fn every_month_has_its_days() {
        for year in [1900, 1999, 2000, 2020, 2021, 2023, 2024, 2100] {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            for month in 1..=12u32 {
                let days = match month {
                    4 | 6 | 9 | 11 => 30,
                    2 if leap => 29,
                    2 => 28,
                    _ => 31,
                };
                let date = |d: u32| format!("{year:04}-{month:02}-{d:02}");
                assert_eq!(parse(&date(days)), Ok((year, month, days)));
                assert_eq!(
                    parse(&date(days + 1)),
                    Err(DateError::Day {
                        year,
                        month,
                        last: days
                    })
                );
                assert!(parse(&date(0)).is_err());
            }
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(parse("2024-02-29"), Ok((2024, 2, 29)));
        assert_eq!(
            parse("2021-02-30").map_err(|e| e.to_string()),
            Err("February 2021 has 28 days".into())
        );
        assert_eq!(
            parse("2023-02-29").map_err(|e| e.to_string()),
            Err("February 2023 has 28 days".into())
        );
        assert_eq!(parse("2021-13-01"), Err(DateError::Month(13)));
        assert_eq!(parse("2021-00-01"), Err(DateError::Month(0)));
        for bad in [
            "10/10/2020",
            "2021-2-3",
            "2021-02-3x",
            "",
            "+021-02-03",
            "2021-02-03-",
        ] {
            assert_eq!(parse(bad), Err(DateError::Format), "{bad}");
        }
    }
}
