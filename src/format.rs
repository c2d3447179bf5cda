//! Numbers as people read them: shares as percentages, counts with separators,
//! and every figure with its interval and Monte Carlo error.

use crate::stats::Estimate;

/// Thousands separators for a whole number.
pub fn thousands(x: f64) -> String {
    let neg = x < 0.0;
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

/// A count with its noun, singular for exactly one: `count(1, "district")` is
/// "1 district", `count(1200, "scenario file")` is "1,200 scenario files". Every
/// count printed with a noun goes through here.
pub fn count(n: usize, noun: &str) -> String {
    let n_text = thousands(n as f64);
    if n == 1 {
        return format!("{n_text} {noun}");
    }
    let suffix = if noun.ends_with(['s', 'x']) || noun.ends_with("ch") || noun.ends_with("sh") {
        "es"
    } else {
        "s"
    };
    format!("{n_text} {noun}{suffix}")
}

/// Significant-figure formatting for a plain quantity.
fn plain(x: f64) -> String {
    let a = x.abs();
    if a >= 1000.0 {
        thousands(x)
    } else if a >= 100.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else if a >= 1.0 || a == 0.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

fn is_share(unit: &str) -> bool {
    unit.starts_with("share")
}

/// A percentage with enough decimals to show two significant digits of small values.
fn percent(p: f64) -> String {
    // Below a billionth of a percentage point is floating-point noise, not a figure.
    let p = if p.abs() < 1e-9 { 0.0 } else { p };
    let a = p.abs();
    if a >= 10.0 {
        format!("{p:.1}")
    } else if a >= 0.1 || a == 0.0 {
        format!("{p:.2}")
    } else {
        let decimals = (1.0 - a.log10().floor()).clamp(2.0, 12.0) as usize;
        format!("{p:.decimals$}")
    }
}

/// Units whose values are counts of people, households, days or events.
fn is_count(unit: &str) -> bool {
    matches!(unit, "households" | "persons" | "person-days" | "incidents")
}

/// A value in its unit: shares as %, whole counts without decimals, others plainly.
pub fn value(unit: &str, x: f64) -> String {
    if is_count(unit) && x == x.round() {
        return thousands(x);
    }
    if is_share(unit) {
        format!("{}%", percent(x * 100.0))
    } else {
        plain(x)
    }
}

/// A Monte Carlo error in the unit's terms: percentage points for shares.
pub fn error(unit: &str, se: f64) -> String {
    if is_share(unit) {
        let p = se * 100.0;
        if p >= 1.0 {
            format!("{p:.1} pp")
        } else {
            format!("{} pp", percent(p))
        }
    } else {
        plain(se)
    }
}

/// A signed difference in the unit's terms: percentage points for shares.
pub fn difference(unit: &str, x: f64) -> String {
    let text = signed(unit, x);
    // A difference that rounds to zero is written as zero, without a sign.
    if text.chars().all(|c| "+-0. p".contains(c)) {
        return if is_share(unit) { "0 pp" } else { "0" }.to_string();
    }
    text
}

fn signed(unit: &str, x: f64) -> String {
    let sign = if x > 0.0 { "+" } else { "" };
    if is_share(unit) {
        let p = x * 100.0;
        if p == 0.0 {
            "0 pp".to_string()
        } else if p.abs() >= 1.0 {
            format!("{sign}{p:.1} pp")
        } else if p.abs() >= 0.1 {
            format!("{sign}{p:.2} pp")
        } else {
            format!("{sign}{p:.3} pp")
        }
    } else {
        format!("{sign}{}", plain(x))
    }
}

/// A probability as a percentage.
pub fn probability(p: f64) -> String {
    let pct = p * 100.0;
    if pct > 0.0 && pct < 1.0 {
        "<1%".to_string()
    } else if pct < 100.0 && pct > 99.0 {
        ">99%".to_string()
    } else {
        format!("{pct:.0}%")
    }
}

/// "median (90%: p05 to p95)".
pub fn median_interval(unit: &str, e: &Estimate) -> String {
    format!(
        "{} (90%: {} to {})",
        value(unit, e.median),
        value(unit, e.p05),
        value(unit, e.p95)
    )
}

/// "mean ± MC s.e."
pub fn mean_error(unit: &str, e: &Estimate) -> String {
    format!("{} ± {}", value(unit, e.mean), error(unit, e.mc_se))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_hand() {
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(-1000.0), "-1,000");
        assert_eq!(count(1, "district"), "1 district");
        assert_eq!(count(0, "district"), "0 districts");
        assert_eq!(count(2, "scenario file"), "2 scenario files");
        assert_eq!(count(1000, "match"), "1,000 matches");
        assert_eq!(value("share of households", 0.124), "12.4%");
        assert_eq!(error("share of households", 0.006), "0.60 pp");
        assert_eq!(value("kg maize eq", 0.3333), "0.333");
        assert_eq!(value("households", 7000.0), "7,000");
        assert_eq!(error("share of need", 0.000_008_4), "0.00084 pp");
        assert_eq!(value("share of need", 0.000_123), "0.012%");
        assert_eq!(value("share of need", 0.0), "0.00%");
        assert_eq!(difference("share of households", 0.012), "+1.2 pp");
        assert_eq!(difference("share of households", -0.0012), "-0.12 pp");
        assert_eq!(difference("share of households", 0.00004), "+0.004 pp");
        assert_eq!(difference("share of households", 0.0), "0 pp");
        assert_eq!(difference("kg maize eq", 2.5), "+2.50");
        assert_eq!(difference("households", 0.0), "0");
        assert_eq!(difference("households", -0.0001), "0");
        assert_eq!(difference("share of households", -0.000_000_1), "0 pp");
        assert_eq!(error("share of households", 1e-17), "0.00 pp");
        assert_eq!(probability(0.5), "50%");
        assert_eq!(probability(0.995), ">99%");
    }
}
