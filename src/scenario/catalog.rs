//! What each numeric field means: its unit and a one-line description, for the
//! report's assumptions table, `explain` and the scenario template.

/// (field name, unit, meaning)
pub const FIELDS: &[(&str, &str, &str)] = &[
    (
        "need_kcal",
        "kcal/person/day",
        "energy need per person per day above the cold base temperature",
    ),
    (
        "survival_floor_kcal",
        "kcal/person/day",
        "survival floor for released people's intake",
    ),
    (
        "cold_kcal_per_step",
        "kcal/person/day",
        "extra energy per cold step below the base temperature",
    ),
    ("cold_step_c", "°C", "size of one cold step"),
    (
        "cold_base_c",
        "°C",
        "temperature below which the cold adjustment starts",
    ),
    (
        "maize_kcal_per_kg",
        "kcal/kg",
        "energy of maize, the unit food is reported in",
    ),
    (
        "total",
        "persons",
        "people released in the scenario's districts",
    ),
    (
        "border_weight",
        "×",
        "extra weight of border districts when the released are spread by population",
    ),
    (
        "share_homeless",
        "share",
        "released people with no home, who stay at inns",
    ),
    (
        "recovery_extra_kcal",
        "kcal/person/day",
        "extra energy a released person needs while recovering",
    ),
    ("recovery_days", "days", "how long recovery lasts"),
    (
        "strength",
        "×",
        "how strongly the calendar's monthly multipliers apply (0 none, 1 as written)",
    ),
    (
        "below_days",
        "days",
        "stock (days of the household's own need) kept in reserve by this coping step",
    ),
    (
        "eat_share",
        "share",
        "least share of its need a household eats at this coping step",
    ),
    ("share", "share", "share (normalised to sum to 1)"),
    ("quantity", "units", "quantity per released person"),
    (
        "kcal_per_unit",
        "kcal/unit",
        "food energy per unit (0 for non-food)",
    ),
    ("price_kpw_per_unit", "KPW/unit", "market price per unit"),
    (
        "resident_share",
        "share",
        "share of the package levied from residents",
    ),
    (
        "propensity",
        "share",
        "probability that a household is willing to share",
    ),
    (
        "stock_floor_days",
        "days of need",
        "only households with more than this many days of food in stock share",
    ),
    (
        "max_share_of_need",
        "share of need",
        "most a sharer gives per day, as a share of its own need",
    ),
    (
        "rate_per_unfed_person_day",
        "incidents/person-day",
        "incidents per person-day of fully unmet need",
    ),
    (
        "take_kg",
        "kg maize eq",
        "food taken from a household per incident",
    ),
    (
        "stock_days",
        "days of need",
        "median household stock at the start",
    ),
    (
        "stock_spread",
        "lognormal σ",
        "variation of stocks between households",
    ),
    (
        "ration_share",
        "share of need",
        "daily acquisition from the public distribution ration",
    ),
    (
        "market_share",
        "share of need",
        "daily acquisition from market purchases",
    ),
    ("work_share", "share of need", "daily acquisition from work"),
    (
        "acquisition_spread",
        "lognormal σ",
        "variation of acquisition between households",
    ),
    ("population", "persons", "residents"),
    ("households", "households", "households"),
    ("persons_per_household", "persons", "mean household size"),
    (
        "households_per_inminban",
        "households",
        "households in one neighbourhood unit",
    ),
    (
        "mean_temperature_c",
        "°C",
        "mean temperature over the horizon",
    ),
    ("maize_price_kpw", "KPW/kg", "local market price of maize"),
    ("price_index", "×", "local price level of package items"),
    (
        "release_weight",
        "weight",
        "weight when the released are spread by weights",
    ),
    (
        "release_count",
        "persons",
        "people released in this district",
    ),
];

/// The unit and meaning of the field at the end of a dotted path.
pub fn describe(path: &str) -> (&'static str, &'static str) {
    let field = path.rsplit('.').next().unwrap_or(path);
    FIELDS
        .iter()
        .find(|f| f.0 == field)
        .map_or(("", ""), |f| (f.1, f.2))
}

/// Whether an input is uncertainty (drawn per iteration), variation (between
/// households) or a fixed number.
pub fn kind(path: &str, uncertain: bool) -> &'static str {
    if path.ends_with("_spread") {
        if uncertain {
            "variation (uncertain size)"
        } else {
            "variation"
        }
    } else if uncertain {
        "uncertainty"
    } else {
        "fixed"
    }
}
