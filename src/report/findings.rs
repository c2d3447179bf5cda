//! The headline findings: who carried the release, how much each, how many of them,
//! then the picture over the whole district and the released people themselves.
//!
//! Sentences are made from the numbers alone. Roles are ordered by the food a
//! household in them lost (the median household of the role, in days of its own need);
//! a role that no simulated world had says nothing, and a district-wide figure that is
//! the same with and without the release is not a finding.

use crate::format;
use crate::roles::{RELEASED, RoleSummary};
use crate::scenario::Scenario;
use crate::scope::Scope;
use crate::stats::Estimate;
use crate::summary::Summary;

/// How the report names each household role (plural noun phrase, and what they did).
const ROLE_WORDS: &[(&str, &str)] = &[
    (
        "host",
        "host households (families that took a released person in and fed them once the package was eaten)",
    ),
    (
        "sharer",
        "households that shared food with released people staying at inns",
    ),
    (
        "robbed",
        "households robbed or threatened by unfed released people",
    ),
    (
        "unit_levied",
        "households of the receiving inminban that paid the levy for the package",
    ),
    (
        "district_levied",
        "households that paid only the district-wide levy",
    ),
];

/// At most this many role sentences, the most burdened first.
const MAX_ROLE_SENTENCES: usize = 4;

/// One role's sentence and the burden it is ordered by.
struct RoleFinding {
    burden: f64,
    text: String,
}

/// The findings for all districts together, in report order (three to six sentences).
pub fn findings(sc: &Scenario, summary: &Summary, place: &Scope) -> Vec<String> {
    let maize = sc
        .file
        .energy
        .maize_kcal_per_kg
        .get_ref()
        .dist
        .centre()
        .max(1.0);
    let iterations = summary.iterations;
    let roles: Vec<&RoleSummary> = summary.roles.iter().filter(|r| r.scope == *place).collect();
    let mut found: Vec<RoleFinding> = ROLE_WORDS
        .iter()
        .filter_map(|(role, words)| {
            let r = roles.iter().find(|r| r.role == *role)?;
            role_finding(r, words, maize, iterations)
        })
        .collect();
    found.sort_by(|a, b| b.burden.total_cmp(&a.burden));
    found.truncate(MAX_ROLE_SENTENCES);
    let mut out: Vec<String> = found
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            if i == 0 {
                f.text.replacen(
                    " lost a median of",
                    " carried the most: they lost a median of",
                    1,
                )
            } else {
                f.text
            }
        })
        .collect();
    if let Some(s) = district_wide(sc, summary, place) {
        out.push(s);
    }
    if let Some(r) = roles.iter().find(|r| r.role == RELEASED)
        && let Some(s) = released_sentence(r)
    {
        out.push(s);
    }
    out.extend(super::season::horizon_sentence(sc));
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A count as a whole number (a weighted engine's counts need not be whole).
fn whole(x: f64) -> String {
    format::thousands(x.round())
}

/// "12 (90% interval 2 to 42)" for a count across iterations.
fn count_interval(e: &Estimate) -> String {
    format!(
        "{} (90% interval {} to {})",
        whole(e.median),
        whole(e.p05),
        whole(e.p95)
    )
}

fn role_finding(
    r: &RoleSummary,
    words: &str,
    maize: f64,
    iterations: usize,
) -> Option<RoleFinding> {
    let households = r.get("households")?;
    let lost = r.get("food_lost_days_median")?;
    if households.mean <= 0.0 || lost.n == 0 || lost.p95 <= 0.0 {
        return None;
    }
    let days = "days of food";
    let kg = r
        .get("food_lost_kcal_mean")
        .map(|e| {
            format!(
                ", about {} kg of maize on average",
                format::value("kg", e.median / maize)
            )
        })
        .unwrap_or_default();
    // Say so when a role is missing from a noticeable share of the simulated worlds.
    let worlds = if (lost.n as f64) < 0.95 * iterations as f64 {
        format!(
            " Such households existed in {} of {} simulated worlds; the figures are for those.",
            format::thousands(lost.n as f64),
            format::thousands(iterations as f64)
        )
    } else {
        String::new()
    };
    Some(RoleFinding {
        burden: lost.median,
        text: format!(
            "{} lost a median of {} days of their own food per household{kg} (90% interval {} to {} days across \
             simulated worlds; mean {} ± {} Monte Carlo error). In the median world there were {} such \
             households.{worlds}",
            capitalised(words),
            format::value(days, lost.median),
            format::value(days, lost.p05),
            format::value(days, lost.p95),
            format::value(days, lost.mean),
            format::error(days, lost.mc_se),
            count_interval(households),
        ),
    })
}

/// Whether a figure differs from zero in any iteration.
fn moves(e: &Estimate) -> bool {
    e.p05 != 0.0 || e.p95 != 0.0 || e.mean != 0.0
}

fn district_wide(sc: &Scenario, summary: &Summary, place: &Scope) -> Option<String> {
    let total = summary.entity(place)?;
    let households = total.get("households")?;
    let out = total.get("out_of_stock_attributable_households")?;
    let deficit = total.get("survival_deficit_attributable")?;
    let mut clauses = Vec::new();
    if moves(out) {
        clauses.push(format!(
            "pushed {} more households out of food stock before the horizon of {} (mean {} ± {})",
            count_interval(out),
            format::count(sc.horizon(), "day"),
            format::value("households", out.mean),
            format::error("households", out.mc_se),
        ));
    }
    if moves(deficit) {
        clauses.push(format!(
            "raised the survival deficit by {} of everyone's need (90% interval {} to {}; mean {} ± {})",
            format::value("share of need", deficit.median),
            format::value("share of need", deficit.p05),
            format::value("share of need", deficit.p95),
            format::value("share of need", deficit.mean),
            format::error("share of need", deficit.mc_se),
        ));
    }
    if clauses.is_empty() {
        return None;
    }
    let names = sc.district_names();
    let area = match (place.district(), names.as_slice()) {
        (Some(d), _) => d.to_string(),
        (None, [one]) => one.clone(),
        (None, _) => "all districts".to_string(),
    };
    Some(format!(
        "Across the {} households of {area}, the release {}. Averaged over everyone the release looks \
         small; it falls on the few households above.",
        whole(households.median),
        clauses.join(", and ")
    ))
}

fn released_sentence(r: &RoleSummary) -> Option<String> {
    let persons = r.get("persons")?;
    if persons.mean <= 0.0 {
        return None;
    }
    let people = format!(
        "{} people released (90% interval {} to {})",
        whole(persons.median),
        whole(persons.p05),
        whole(persons.p95)
    );
    let Some(unmet) = r.get("food_lost_days_median").filter(|e| moves(e)) else {
        return Some(format!("The {people} had all the food they needed."));
    };
    Some(format!(
        "The {people} each went without a median of {} days of their own food need (90% interval {} to {} days; \
         mean {} ± {}).",
        format::value("days of food", unmet.median),
        format::value("days of food", unmet.p05),
        format::value("days of food", unmet.p95),
        format::value("days of food", unmet.mean),
        format::error("days of food", unmet.mc_se),
    ))
}
