//! A JSON Schema of scenario files, for editors (Even Better TOML / taplo) to check and
//! complete them, written out by `burden schema`.
//!
//! [`FILE`] is a compact description of every section and key: its kind, whether it is
//! required, its default and a line about it. Numeric inputs take their unit and meaning
//! from [`catalog`](super::catalog). The schema is for editors; the loader's checks
//! (with line and column) remain the authority, so the schema may accept a few files
//! that `burden validate` refuses (for example `"10 to 5"`), never the other way round.

use serde_json::{Map, Value, json};

use super::catalog;
use super::world::Domain;

/// What a key holds.
pub enum Kind {
    /// A numeric input: a number, `"a to b"` or a table with a value or a distribution.
    Input(Domain),
    /// Free text.
    Text,
    /// A scenario name (it names the output folder).
    Name,
    /// A date, YYYY-MM-DD.
    Date,
    /// A whole number in a range.
    Whole { min: i64, max: i64 },
    /// true or false.
    Flag,
    /// One of a few words, each with its meaning.
    Choice(&'static [(&'static str, &'static str)]),
    /// A `[section]`.
    Table(&'static Section),
    /// A list of `[[section]]`s.
    Tables(&'static Section),
    /// Two dotted paths of uncertain inputs.
    InputPair,
    /// A rank correlation, more than -1 and less than 1.
    Rank,
    /// Twelve numbers, January first, with a source: `{ months = [...], source, grade }`.
    Monthly,
    /// Months of the year, 1 (January) to 12.
    Months,
    /// A list of words from a fixed set, each with its meaning.
    Words(&'static [(&'static str, &'static str)]),
}

/// A default value, as the loader fills it in.
#[derive(Clone, Copy)]
pub enum Fallback {
    None,
    Number(f64),
    Whole(i64),
    Flag(bool),
    Word(&'static str),
}

/// One key of a section.
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub fallback: Fallback,
    /// What the key is for; for inputs, added after the catalog's meaning and unit.
    pub about: &'static str,
}

/// The keys of a section, and keys of which exactly one must be given.
pub struct Section {
    pub fields: &'static [Field],
    pub exactly_one_of: &'static [&'static str],
}

const fn input(key: &'static str, domain: Domain, required: bool, fallback: Fallback) -> Field {
    Field {
        key,
        kind: Kind::Input(domain),
        required,
        fallback,
        about: "",
    }
}

const fn input_about(
    key: &'static str,
    domain: Domain,
    required: bool,
    fallback: Fallback,
    about: &'static str,
) -> Field {
    Field {
        key,
        kind: Kind::Input(domain),
        required,
        fallback,
        about,
    }
}

const fn other(
    key: &'static str,
    kind: Kind,
    required: bool,
    fallback: Fallback,
    about: &'static str,
) -> Field {
    Field {
        key,
        kind,
        required,
        fallback,
        about,
    }
}

use Domain::{Any, AtLeastOne, Count, NonNegative, Positive, Share, Spread};
use Fallback::{Number as Num, Word};

const NO: Fallback = Fallback::None;

static META: Section = Section {
    fields: &[
        other(
            "name",
            Kind::Name,
            true,
            NO,
            "Short name of the scenario; outputs go to output/NAME. Letters of any script, digits, '-', '_' and '.'; no spaces, no / \\ : * ? \" < > |.",
        ),
        other(
            "title",
            Kind::Text,
            false,
            NO,
            "A title for tables and reports.",
        ),
        other(
            "description",
            Kind::Text,
            false,
            NO,
            "What the scenario is about, in a sentence or two.",
        ),
        other(
            "start_date",
            Kind::Date,
            false,
            NO,
            "The release date, day 0 of the horizon (YYYY-MM-DD); outputs label days with dates from it.",
        ),
        other(
            "horizon_days",
            Kind::Whole { min: 1, max: 3650 },
            true,
            NO,
            "Days simulated from the start date.",
        ),
        other(
            "iterations",
            Kind::Whole {
                min: 1,
                max: 10_000_000,
            },
            false,
            Fallback::Whole(1000),
            "Monte Carlo iterations (worlds drawn); `burden run -n` overrides it.",
        ),
        other(
            "seed",
            Kind::Whole {
                min: 0,
                max: i64::MAX,
            },
            false,
            Fallback::Whole(1),
            "Random seed; the same seed gives the same results on any number of threads.",
        ),
    ],
    exactly_one_of: &[],
};

static ENERGY: Section = Section {
    fields: &[
        input("need_kcal", Positive, false, Num(2100.0)),
        input("survival_floor_kcal", Positive, false, Num(1500.0)),
        other(
            "cold_adjustment",
            Kind::Flag,
            false,
            Fallback::Flag(true),
            "Add energy for cold weather: cold_kcal_per_step for every cold_step_c degrees of a district's mean temperature below cold_base_c.",
        ),
        input("cold_kcal_per_step", NonNegative, false, Num(100.0)),
        input("cold_step_c", Positive, false, Num(5.0)),
        input("cold_base_c", Any, false, Num(20.0)),
        input("maize_kcal_per_kg", Positive, false, Num(3650.0)),
    ],
    exactly_one_of: &[],
};

static WAVE: Section = Section {
    fields: &[
        other(
            "day",
            Kind::Whole { min: 0, max: 3649 },
            true,
            NO,
            "Days after the start date when this wave is released (0 is the start date).",
        ),
        other(
            "date",
            Kind::Date,
            false,
            NO,
            "A label for the wave's date (YYYY-MM-DD); the day decides.",
        ),
        input_about(
            "share",
            NonNegative,
            true,
            NO,
            "Share of the released who come out in this wave.",
        ),
    ],
    exactly_one_of: &[],
};

static RELEASE: Section = Section {
    fields: &[
        input_about(
            "total",
            Count,
            false,
            NO,
            "Required unless allocation = \"counts\".",
        ),
        other(
            "allocation",
            Kind::Choice(&[
                (
                    "population",
                    "in proportion to each district's population, times border_weight for border districts",
                ),
                ("weights", "in proportion to each district's release_weight"),
                (
                    "counts",
                    "each district's release_count; release.total is not used",
                ),
            ]),
            false,
            Word("population"),
            "How the released are spread over districts.",
        ),
        input("border_weight", NonNegative, false, Num(1.0)),
        input("share_homeless", Share, true, NO),
        input("recovery_extra_kcal", NonNegative, true, NO),
        input("recovery_days", NonNegative, true, NO),
        other(
            "wave",
            Kind::Tables(&WAVE),
            false,
            NO,
            "Release waves ([[release.wave]]); without any, everyone is released on day 0.",
        ),
    ],
    exactly_one_of: &[],
};

static ITEM: Section = Section {
    fields: &[
        other(
            "name",
            Kind::Text,
            true,
            NO,
            "What the item is, for example \"corn\".",
        ),
        input("quantity", NonNegative, true, NO),
        other(
            "unit",
            Kind::Text,
            true,
            NO,
            "The unit that quantity, kcal_per_unit and price_kpw_per_unit refer to, for example \"kg\" or \"bar\".",
        ),
        input("kcal_per_unit", NonNegative, false, Num(0.0)),
        input("price_kpw_per_unit", NonNegative, true, NO),
    ],
    exactly_one_of: &[],
};

static PACKAGE: Section = Section {
    fields: &[other(
        "item",
        Kind::Tables(&ITEM),
        false,
        NO,
        "The items of the package ([[package.item]]), per released person.",
    )],
    exactly_one_of: &[],
};

static LEVY: Section = Section {
    fields: &[
        input_about(
            "resident_share",
            Share,
            false,
            Num(1.0),
            "1: residents pay the whole package; 0: the office or the state pays it all.",
        ),
        other(
            "falls_on",
            Kind::Choice(&[
                (
                    "inminban",
                    "the households of the inminban a released person is assigned to split it",
                ),
                (
                    "district",
                    "every household of the district pays an equal part",
                ),
                (
                    "host_family",
                    "the family that takes a released person in pays; for people at inns, their inminban",
                ),
            ]),
            false,
            Word("inminban"),
            "Who bears the residents' share of the package.",
        ),
    ],
    exactly_one_of: &[],
};

static SHARING: Section = Section {
    fields: &[
        input("propensity", Share, false, Num(0.5)),
        input("stock_floor_days", NonNegative, false, Num(14.0)),
        input("max_share_of_need", Share, false, Num(0.1)),
    ],
    exactly_one_of: &[],
};

static INCIDENTS: Section = Section {
    fields: &[
        input("rate_per_unfed_person_day", NonNegative, false, Num(0.0)),
        input("take_kg", NonNegative, false, Num(0.0)),
    ],
    exactly_one_of: &[],
};

static ENGINE: Section = Section {
    fields: &[
        other(
            "unit_sample",
            Kind::Whole {
                min: 1,
                max: 100_000,
            },
            false,
            Fallback::Whole(64),
            "At most this many inminban with released people are simulated day by day per district and iteration; more are represented by a random sample of this size.",
        ),
        other(
            "household_sample",
            Kind::Whole {
                min: 1,
                max: 100_000,
            },
            false,
            Fallback::Whole(16),
            "Points of the grid over the acquisition draw in the expectation that stands for the households the release does not reach directly (their stock and size are integrated exactly).",
        ),
    ],
    exactly_one_of: &[],
};

static WEALTH_GROUP: Section = Section {
    fields: &[
        other(
            "name",
            Kind::Text,
            true,
            NO,
            "The group's name, for example \"poor\".",
        ),
        input_about(
            "share",
            NonNegative,
            true,
            NO,
            "Share of households in this group.",
        ),
        input("stock_days", NonNegative, true, NO),
        input_about(
            "stock_spread",
            Spread,
            false,
            Num(0.5),
            "Variation between households within one iteration, not uncertainty.",
        ),
        input("ration_share", NonNegative, false, Num(0.0)),
        input("market_share", NonNegative, false, Num(0.0)),
        input("work_share", NonNegative, false, Num(0.0)),
        input_about(
            "acquisition_spread",
            Spread,
            false,
            Num(0.15),
            "Variation between households within one iteration, not uncertainty.",
        ),
    ],
    exactly_one_of: &[],
};

static DISTRICT: Section = Section {
    fields: &[
        other("name", Kind::Text, true, NO, "The district's name."),
        input_about("population", Count, false, NO, "Give this or households."),
        input_about("households", Count, false, NO, "Give this or population."),
        input("persons_per_household", AtLeastOne, true, NO),
        input("households_per_inminban", AtLeastOne, true, NO),
        input("mean_temperature_c", Any, false, Num(20.0)),
        other(
            "border",
            Kind::Flag,
            false,
            Fallback::Flag(false),
            "A border district gets release.border_weight when the released are spread by population.",
        ),
        input("maize_price_kpw", Positive, true, NO),
        input("price_index", Positive, false, Num(1.0)),
        input_about(
            "release_weight",
            NonNegative,
            false,
            NO,
            "Required when allocation = \"weights\".",
        ),
        input_about(
            "release_count",
            Count,
            false,
            NO,
            "Required when allocation = \"counts\".",
        ),
        other(
            "wealth_group",
            Kind::Tables(&WEALTH_GROUP),
            false,
            NO,
            "Wealth groups of this district ([[district.wealth_group]]), replacing the scenario's [[wealth_group]].",
        ),
    ],
    exactly_one_of: &["population", "households"],
};

/// Every section of a scenario file.
pub static FILE: Section = Section {
    fields: &[
        other(
            "scenario",
            Kind::Table(&META),
            true,
            NO,
            "The scenario's name, dates, horizon, iterations and seed.",
        ),
        other(
            "energy",
            Kind::Table(&ENERGY),
            false,
            NO,
            "Energy need, survival floor, cold-weather adjustment and the energy of maize.",
        ),
        other(
            "release",
            Kind::Table(&RELEASE),
            true,
            NO,
            "How many are released, where, when, and their condition.",
        ),
        other(
            "package",
            Kind::Table(&PACKAGE),
            true,
            NO,
            "The support package each released person is to be given.",
        ),
        other(
            "levy",
            Kind::Table(&LEVY),
            false,
            NO,
            "Who pays for the package.",
        ),
        other(
            "sharing",
            Kind::Table(&SHARING),
            false,
            NO,
            "Informal sharing with released people at inns after the package runs out.",
        ),
        other(
            "incidents",
            Kind::Table(&INCIDENTS),
            false,
            NO,
            "Begging with threats and theft by released people whose need is unmet.",
        ),
        other(
            "engine",
            Kind::Table(&ENGINE),
            false,
            NO,
            "Sampling settings that trade run time for Monte Carlo error.",
        ),
        other(
            "wealth_group",
            Kind::Tables(&WEALTH_GROUP),
            false,
            NO,
            "Wealth groups ([[wealth_group]]) of every district that has none of its own.",
        ),
        other(
            "district",
            Kind::Tables(&DISTRICT),
            false,
            NO,
            "The districts ([[district]]); at least one.",
        ),
        other(
            "correlation",
            Kind::Tables(&CORRELATION),
            false,
            NO,
            "Rank correlations between uncertain inputs ([[correlation]]), one section per pair; without any, every input is drawn independently.",
        ),
        other(
            "calendar",
            Kind::Table(&CALENDAR),
            false,
            NO,
            "The seasons: multipliers by month on acquisition, prices and stocks, and monthly temperatures; without it every month is alike. Needs scenario.start_date.",
        ),
        other(
            "coping",
            Kind::Table(&COPING),
            false,
            NO,
            "How households cut their consumption before their stock runs out, in steps; without it they eat their full need until the stock is gone.",
        ),
    ],
    exactly_one_of: &[],
};

static CALENDAR: Section = Section {
    fields: &[
        input_about(
            "strength",
            Domain::NonNegative,
            false,
            Fallback::Number(1.0),
            "Each monthly multiplier m becomes 1 + strength × (m − 1).",
        ),
        other(
            "ration",
            Kind::Monthly,
            false,
            NO,
            "Multipliers on every wealth group's ration_share by month (the shares are the year's mean).",
        ),
        other(
            "market",
            Kind::Monthly,
            false,
            NO,
            "Multipliers on market_share by month.",
        ),
        other(
            "work",
            Kind::Monthly,
            false,
            NO,
            "Multipliers on work_share by month.",
        ),
        other(
            "price",
            Kind::Monthly,
            false,
            NO,
            "Multipliers on the package's KPW prices (and so the levy in KPW) by month of the levy.",
        ),
        other(
            "stock",
            Kind::Monthly,
            false,
            NO,
            "Multipliers on every group's stock_days by the month of the start date; 1 in the month stock_days describe.",
        ),
        other(
            "temperature_c",
            Kind::Monthly,
            false,
            NO,
            "Mean temperature by month (°C) for the cold adjustment, in place of the districts' mean_temperature_c, so that it follows the start date.",
        ),
        other(
            "lean_months",
            Kind::Months,
            false,
            NO,
            "The months of the lean season (1 = January), named in the report.",
        ),
    ],
    exactly_one_of: &[],
};

static COPING: Section = Section {
    fields: &[other(
        "step",
        Kind::Tables(&COPING_STEP),
        true,
        NO,
        "The coping steps ([[coping.step]]), from the mildest (largest reserve) to the most severe.",
    )],
    exactly_one_of: &[],
};

static COPING_STEP: Section = Section {
    fields: &[
        input_about(
            "below_days",
            Domain::NonNegative,
            true,
            Fallback::None,
            "Below this stock a household eats less to keep it, but never less than eat_share of its need.",
        ),
        input_about(
            "eat_share",
            Domain::Share,
            true,
            Fallback::None,
            "Shares are made never to rise from one step to the next.",
        ),
        other(
            "strategies",
            Kind::Words(&[
                (
                    "less_preferred",
                    "rely on less preferred, less expensive food (rCSI weight 1)",
                ),
                (
                    "borrow",
                    "borrow food or rely on help from relatives or friends (weight 2)",
                ),
                ("limit_portions", "limit portion size at meals (weight 1)"),
                (
                    "adults_eat_less",
                    "restrict adults' consumption so small children can eat (weight 3)",
                ),
                (
                    "fewer_meals",
                    "reduce the number of meals eaten in a day (weight 1)",
                ),
            ]),
            false,
            NO,
            "The reduced Coping Strategies Index strategies used every day at this step; a day's rCSI points are the sum of their weights.",
        ),
    ],
    exactly_one_of: &[],
};

static CORRELATION: Section = Section {
    fields: &[
        other(
            "inputs",
            Kind::InputPair,
            true,
            NO,
            "The two uncertain inputs that move together, by their dotted paths as iterations.csv names them (`release.total`, `district[0].population`, or with names: `district.Ranam.population`).",
        ),
        other(
            "rank",
            Kind::Rank,
            true,
            NO,
            "Spearman's rank correlation of the two inputs: 0.3 a weak tie, 0.6 a clear one, 0.9 nearly lockstep; negative when one rises as the other falls. Each input keeps its own distribution.",
        ),
        other(
            "source",
            Kind::Text,
            false,
            NO,
            "Where the correlation comes from.",
        ),
        other(
            "grade",
            Kind::Choice(&[
                ("S", "sourced"),
                ("S2", "sourced through a secondary copy"),
                ("E", "an estimate; the source says how it is derived"),
            ]),
            false,
            NO,
            "How well the correlation is sourced.",
        ),
        other("note", Kind::Text, false, NO, "Any remark."),
    ],
    exactly_one_of: &[],
};

/// Every key as a dotted path without indices (`release.wave.share`), with its field.
pub fn keys() -> Vec<(String, &'static Field)> {
    fn walk(prefix: &str, section: &'static Section, out: &mut Vec<(String, &'static Field)>) {
        for f in section.fields {
            let path = if prefix.is_empty() {
                f.key.to_string()
            } else {
                format!("{prefix}.{}", f.key)
            };
            out.push((path.clone(), f));
            if let Kind::Table(s) | Kind::Tables(s) = &f.kind {
                walk(&path, s, out);
            }
        }
    }
    let mut out = Vec::new();
    walk("", &FILE, &mut out);
    out
}

/// The domain an input's dotted path (indices removed) is declared with.
pub fn input_domain(path: &str) -> Option<Domain> {
    keys().into_iter().find_map(|(p, f)| match f.kind {
        Kind::Input(d) if p == path => Some(d),
        _ => None,
    })
}

/// The pattern of a number or a range `"a to b"` written as text. Numbers may carry
/// `_` or `,` between digits, as the loader accepts.
const NUMBER_TEXT: &str = r"[-+]?([0-9][0-9_,]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?";

fn domain_name(d: Domain) -> &'static str {
    match d {
        Any => "any",
        NonNegative => "non_negative",
        Positive => "positive",
        Share => "share",
        AtLeastOne => "at_least_one",
        Count => "count",
        Spread => "spread",
    }
}

fn number_in(d: Domain) -> Value {
    let mut n = json!({ "type": "number" });
    let bounds = match d {
        Any => json!({}),
        NonNegative => json!({ "minimum": 0 }),
        Positive => json!({ "exclusiveMinimum": 0 }),
        Share => json!({ "minimum": 0, "maximum": 1 }),
        AtLeastOne => json!({ "minimum": 1 }),
        Count => json!({ "minimum": 0, "maximum": crate::scenario::world::MAX_COUNT }),
        Spread => json!({ "minimum": 0, "maximum": crate::scenario::world::MAX_SPREAD }),
    };
    if let (Some(n), Some(b)) = (n.as_object_mut(), bounds.as_object()) {
        n.extend(b.clone());
    }
    n
}

fn numbers(n: usize, names: &str) -> Value {
    json!({
        "type": "array",
        "items": { "type": "number" },
        "minItems": n,
        "maxItems": n,
        "description": format!("[{names}]"),
    })
}

fn pair(a: &str, b: &str, b_positive: bool) -> Value {
    let second = if b_positive {
        json!({ "type": "number", "exclusiveMinimum": 0 })
    } else {
        json!({ "type": "number" })
    };
    json!({
        "type": "object",
        "properties": { a: { "type": "number" }, b: second },
        "required": [a, b],
        "additionalProperties": false,
    })
}

/// The schema of a numeric input whose fixed values must lie in `d`.
fn input_definition(d: Domain) -> Value {
    let forms = [
        "value",
        "uniform",
        "triangular",
        "pert",
        "normal",
        "lognormal",
        "beta",
    ];
    json!({
        "description": format!(
            "A numeric input ({}): a number; a range \"a to b\" (a lognormal with a and b as its 5th and 95th percentiles); \
             or a table with `value` or one distribution (uniform, triangular, pert, normal, lognormal, beta), \
             and optionally source, grade and note. A fixed number is certain; a range or distribution is uncertainty, drawn once per iteration.",
            d.describe()
        ),
        "anyOf": [
            number_in(d),
            { "$ref": "#/definitions/range" },
            {
                "type": "object",
                "properties": {
                    "value": {
                        "description": "A fixed number, or a range \"a to b\".",
                        "anyOf": [number_in(d), { "$ref": "#/definitions/range" }],
                    },
                    "uniform": numbers(2, "min, max"),
                    "triangular": numbers(3, "min, mode, max"),
                    "pert": numbers(3, "min, mode, max"),
                    "normal": pair("mean", "sd", true),
                    "lognormal": {
                        "description": "{ median, p95 }, { mean, sd } or { p05, p95 }",
                        "oneOf": [
                            pair("median", "p95", false),
                            pair("mean", "sd", true),
                            pair("p05", "p95", false),
                        ],
                    },
                    "beta": {
                        "type": "object",
                        "properties": {
                            "alpha": { "type": "number", "exclusiveMinimum": 0 },
                            "beta": { "type": "number", "exclusiveMinimum": 0 },
                        },
                        "required": ["alpha", "beta"],
                        "additionalProperties": false,
                    },
                    "source": { "type": "string", "description": "Where the value comes from." },
                    "grade": { "$ref": "#/definitions/grade" },
                    "note": { "type": "string", "description": "How an estimate was made, or anything else worth saying." },
                },
                "additionalProperties": false,
                "oneOf": forms.iter().map(|f| json!({ "required": [f] })).collect::<Vec<_>>(),
            },
        ],
    })
}

fn sentence(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What a key means, without its default.
fn meaning(f: &Field) -> String {
    let mut parts = Vec::new();
    if let Kind::Input(_) = f.kind {
        let (unit, meaning) = catalog::describe(f.key);
        if meaning.starts_with(unit) {
            parts.push(format!("{}.", sentence(meaning)));
        } else if !meaning.is_empty() {
            parts.push(format!("{} ({unit}).", sentence(meaning)));
        }
    }
    if !f.about.is_empty() {
        parts.push(f.about.to_string());
    }
    if let Kind::Choice(words) | Kind::Words(words) = f.kind {
        for (w, m) in words {
            parts.push(format!("\"{w}\": {m}."));
        }
    }
    parts.join(" ")
}

/// The default as written in a scenario file, if there is one.
fn fallback_text(f: &Field) -> Option<String> {
    match f.fallback {
        Fallback::None => None,
        Fallback::Number(x) => Some(x.to_string()),
        Fallback::Whole(x) => Some(x.to_string()),
        Fallback::Flag(x) => Some(x.to_string()),
        Fallback::Word(x) => Some(format!("\"{x}\"")),
    }
}

fn describe(f: &Field) -> String {
    match fallback_text(f) {
        Some(d) => format!("{} Default {d}.", meaning(f)),
        None => meaning(f),
    }
}

/// What a key holds, in words, for the reference tables.
fn kind_text(kind: &Kind) -> String {
    match kind {
        Kind::Input(d) => format!("input, {}", d.describe()),
        Kind::Text => "text".into(),
        Kind::Name => "name (letters of any script, digits, - _ .)".into(),
        Kind::Date => "date, 2020-10-10 or \"2020-10-10\"".into(),
        Kind::Whole { min, max } if *max == i64::MAX => format!("whole number, {min} or more"),
        Kind::Whole { min, max } => format!("whole number, {min} to {max}"),
        Kind::Flag => "true or false".into(),
        Kind::Choice(words) => words
            .iter()
            .map(|w| format!("\"{}\"", w.0))
            .collect::<Vec<_>>()
            .join(" or "),
        Kind::Table(_) => "section".into(),
        Kind::Tables(_) => "list of sections".into(),
        Kind::InputPair => "two input paths, [\"a\", \"b\"]".into(),
        Kind::Rank => "number, more than -1 and less than 1".into(),
        Kind::Monthly => "{ months = [12 numbers, January first], source, grade }".into(),
        Kind::Months => "list of months, 1 to 12".into(),
        Kind::Words(words) => format!(
            "list of {}",
            words
                .iter()
                .map(|w| format!("\"{}\"", w.0))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The reference of every section and key, as Markdown tables (docs/SCENARIOS.md).
pub fn reference_markdown() -> String {
    fn section(out: &mut String, path: &str, field: &Field, s: &'static Section) {
        let heading = match field.kind {
            Kind::Tables(_) => format!("[[{path}]]"),
            _ => format!("[{path}]"),
        };
        let needed = if field.required {
            "required"
        } else {
            "optional"
        };
        out.push_str(&format!(
            "### `{heading}` ({needed})\n\n{}\n\n",
            field.about
        ));
        if !s.exactly_one_of.is_empty() {
            out.push_str(&format!(
                "Give exactly one of {}.\n\n",
                s.exactly_one_of
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out.push_str("| key | value | required or default | meaning |\n|---|---|---|---|\n");
        for f in s.fields {
            if matches!(f.kind, Kind::Table(_) | Kind::Tables(_)) {
                out.push_str(&format!(
                    "| `{}` | {} | {} | see `[[{path}.{}]]` below |\n",
                    f.key,
                    kind_text(&f.kind),
                    if f.required { "required" } else { "optional" },
                    f.key
                ));
                continue;
            }
            let needed = match (f.required, fallback_text(f)) {
                (true, _) => "required".to_string(),
                (false, Some(d)) => format!("`{d}`"),
                (false, None) => "optional".to_string(),
            };
            out.push_str(&format!(
                "| `{}` | {} | {needed} | {} |\n",
                f.key,
                kind_text(&f.kind),
                meaning(f).replace('|', "/")
            ));
        }
        out.push('\n');
        for f in s.fields {
            if let Kind::Table(inner) | Kind::Tables(inner) = &f.kind {
                section(out, &format!("{path}.{}", f.key), f, inner);
            }
        }
    }
    let mut out = String::new();
    for f in FILE.fields {
        if let Kind::Table(s) | Kind::Tables(s) = &f.kind {
            section(&mut out, f.key, f, s);
        }
    }
    out
}

fn field_schema(f: &Field) -> Value {
    let mut s = match &f.kind {
        Kind::Input(d) => json!({ "$ref": format!("#/definitions/input_{}", domain_name(*d)) }),
        Kind::Text => json!({ "type": "string" }),
        // As `valid_name`: no '.' at the start, no spaces, none of / \ : * ? " < > |
        // and no control characters.
        Kind::Name => json!({
            "type": "string",
            "pattern": r#"^[^.\s/\\:*?"<>|\u0000-\u001f\u007f-\u009f][^\s/\\:*?"<>|\u0000-\u001f\u007f-\u009f]*$"#
        }),
        Kind::Date => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Kind::Whole { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Flag => json!({ "type": "boolean" }),
        Kind::Choice(words) => json!({
            "type": "string",
            "enum": words.iter().map(|w| w.0).collect::<Vec<_>>(),
        }),
        Kind::Table(s) => section_schema(s),
        Kind::Tables(s) => json!({ "type": "array", "items": section_schema(s) }),
        Kind::InputPair => json!({
            "type": "array",
            "items": { "type": "string" },
            "minItems": 2,
            "maxItems": 2,
        }),
        Kind::Rank => json!({ "type": "number", "exclusiveMinimum": -1, "exclusiveMaximum": 1 }),
        Kind::Monthly => json!({
            "type": "object",
            "properties": {
                "months": {
                    "type": "array",
                    "items": { "type": "number" },
                    "minItems": 12,
                    "maxItems": 12,
                    "description": "Twelve values, January first.",
                },
                "source": { "type": "string", "description": "Where the values come from." },
                "grade": {
                    "type": "string",
                    "enum": ["S", "S2", "E"],
                    "description": "How well they are sourced: S sourced, S2 through a secondary copy, E an estimate.",
                },
                "note": { "type": "string", "description": "Any remark." },
            },
            "required": ["months"],
            "additionalProperties": false,
        }),
        Kind::Months => json!({
            "type": "array",
            "items": { "type": "integer", "minimum": 1, "maximum": 12 },
        }),
        Kind::Words(words) => json!({
            "type": "array",
            "items": { "type": "string", "enum": words.iter().map(|w| w.0).collect::<Vec<_>>() },
        }),
    };
    if let Some(obj) = s.as_object_mut() {
        obj.insert("description".into(), Value::String(describe(f)));
        let fallback = match f.fallback {
            Fallback::None => None,
            Fallback::Number(x) => Some(json!(x)),
            Fallback::Whole(x) => Some(json!(x)),
            Fallback::Flag(x) => Some(json!(x)),
            Fallback::Word(x) => Some(json!(x)),
        };
        if let Some(v) = fallback {
            obj.insert("default".into(), v);
        }
    }
    s
}

fn section_schema(section: &Section) -> Value {
    let mut properties = Map::new();
    for f in section.fields {
        properties.insert(f.key.to_string(), field_schema(f));
    }
    let required: Vec<&str> = section
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    let mut s = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if let Some(obj) = s.as_object_mut() {
        if !required.is_empty() {
            obj.insert("required".into(), json!(required));
        }
        if !section.exactly_one_of.is_empty() {
            obj.insert(
                "oneOf".into(),
                Value::Array(
                    section
                        .exactly_one_of
                        .iter()
                        .map(|k| json!({ "required": [k] }))
                        .collect(),
                ),
            );
        }
    }
    s
}

/// The JSON Schema (draft 7) of scenario files.
pub fn scenario_schema() -> Value {
    let mut definitions = Map::new();
    definitions.insert(
        "range".into(),
        json!({
            "type": "string",
            "description": "A number written as text, or a range \"a to b\": a lognormal with a and b as its 5th and 95th percentiles (a > 0).",
            "pattern": format!(r"^\s*{NUMBER_TEXT}(\s* to \s*{NUMBER_TEXT})?\s*$"),
        }),
    );
    definitions.insert(
        "grade".into(),
        json!({
            "type": "string",
            "enum": ["S", "S2", "E"],
            "description": "How well the input is sourced: \"S\" sourced; \"S2\" sourced through a secondary copy; \"E\" an estimate (say how in source or note).",
        }),
    );
    for d in [Any, NonNegative, Positive, Share, AtLeastOne, Count, Spread] {
        definitions.insert(format!("input_{}", domain_name(d)), input_definition(d));
    }
    let mut schema = section_schema(&FILE);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        obj.insert("title".into(), json!("burden scenario file"));
        obj.insert(
            "description".into(),
            json!(
                "A scenario for burden, the Monte Carlo simulator of the food strain that amnesty releases put on residents. See docs/SCENARIOS.md."
            ),
        );
        obj.insert("definitions".into(), Value::Object(definitions));
    }
    schema
}

/// [`scenario_schema`] as pretty-printed JSON with a final newline, as committed in
/// `docs/scenario.schema.json`.
pub fn scenario_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&scenario_schema()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_of_the_shipped_scenarios_is_described_with_its_domain() {
        for (name, text) in crate::scenario::shipped::SHIPPED {
            let sc = crate::scenario::load_str(name, text).expect("shipped scenarios load");
            check_domains(&sc);
        }
    }

    fn check_domains(sc: &crate::scenario::Scenario) {
        for i in &sc.inputs {
            let mut path = String::new();
            let mut skip = false;
            for c in i.path.chars() {
                match c {
                    '[' => skip = true,
                    ']' => skip = false,
                    c if !skip => path.push(c),
                    _ => {}
                }
            }
            assert_eq!(
                input_domain(&path),
                Some(i.domain),
                "{} is described with another domain than the loader uses",
                i.path
            );
            assert_ne!(
                catalog::describe(&path).1,
                "",
                "{path} has no meaning in catalog.rs"
            );
        }
    }

    #[test]
    fn every_input_key_has_a_catalog_entry() {
        for (path, f) in keys() {
            if let Kind::Input(_) = f.kind {
                assert_ne!(catalog::describe(&path).0, "", "{path} has no unit");
            }
        }
    }
}
