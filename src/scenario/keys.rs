//! Every section and key of a scenario file, described once.
//!
//! [`FILE`] holds each key's name, kind (and so whether it may be uncertain), domain or
//! bounds, whether it is required, its default (with the default's source), its unit
//! and what it means. Everything else that knows a key is derived from it: the serde
//! defaults of [`types`](super::types), the domains [`world::resolve`](super::world::resolve)
//! checks and clamps to, the loader's section list, unknown-key suggestions and range
//! checks, the units and meanings of [`catalog`](super::catalog) (reports, `explain`),
//! the JSON Schema and the key reference in docs/SCENARIOS.md
//! ([`schema`](super::schema)).

use super::input::Grade;
use super::world::Domain;

/// What a key holds.
#[derive(Clone, Copy)]
pub enum Kind {
    /// A numeric input: a number, `"a to b"` or a table with a value or a distribution.
    /// The only kind that may be uncertain (drawn once per iteration).
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
#[derive(Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Needed under the other keys' defaults, though a choice elsewhere can make it
    /// unneeded (`release.total`, unless `allocation = "counts"`): listed with the
    /// required keys when a section is missing.
    pub usually_required: bool,
    pub fallback: Fallback,
    /// What the key is for; for inputs, added after the meaning and unit.
    pub about: &'static str,
    /// For inputs: the unit, as reports print it (`kcal/person/day`).
    pub unit: &'static str,
    /// For inputs: what the input is, as a phrase reports print after its path.
    pub meaning: &'static str,
    /// For an input's default: where the number comes from, and its grade.
    pub source: Option<(&'static str, Grade)>,
}

/// The keys of a section, and keys of which exactly one must be given.
pub struct Section {
    pub fields: &'static [Field],
    pub exactly_one_of: &'static [&'static str],
}

/// A numeric input (which may be uncertain), with its domain, unit and meaning.
const fn input(
    key: &'static str,
    domain: Domain,
    unit: &'static str,
    meaning: &'static str,
) -> Field {
    Field {
        key,
        kind: Kind::Input(domain),
        required: false,
        usually_required: false,
        fallback: Fallback::None,
        about: "",
        unit,
        meaning,
        source: None,
    }
}

/// Twelve numbers by month with their source (`{ months = [...], source, grade }`),
/// with the unit and meaning the report's assumptions table prints for them.
const fn monthly(
    key: &'static str,
    unit: &'static str,
    meaning: &'static str,
    about: &'static str,
) -> Field {
    Field {
        unit,
        meaning,
        ..other(key, Kind::Monthly, about)
    }
}

/// Any other key: text, a flag, a whole number, a choice, a section...
const fn other(key: &'static str, kind: Kind, about: &'static str) -> Field {
    Field {
        key,
        kind,
        required: false,
        usually_required: false,
        fallback: Fallback::None,
        about,
        unit: "",
        meaning: "",
        source: None,
    }
}

impl Field {
    /// The key must be given.
    const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    /// The key is needed unless another key's choice makes it unneeded.
    const fn usually_required(mut self) -> Field {
        self.usually_required = true;
        self
    }
    /// The value used when the key is left out.
    const fn or(mut self, fallback: Fallback) -> Field {
        self.fallback = fallback;
        self
    }
    /// What else to say about the key, after its meaning and unit.
    const fn about(mut self, about: &'static str) -> Field {
        self.about = about;
        self
    }
    /// Where the default comes from.
    const fn sourced(mut self, source: &'static str, grade: Grade) -> Field {
        self.source = Some((source, grade));
        self
    }

    /// The domain of an input (`None` for other keys).
    pub fn domain(&self) -> Option<Domain> {
        match self.kind {
            Kind::Input(d) => Some(d),
            _ => None,
        }
    }

    /// The section a `[key]` or `[[key]]` holds.
    pub fn section(&self) -> Option<&'static Section> {
        match self.kind {
            Kind::Table(s) | Kind::Tables(s) => Some(s),
            _ => None,
        }
    }
}

impl Section {
    /// The field called `key`, if the section has one.
    pub fn field(&'static self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The names of the section's keys, in the order of the table.
    pub fn key_names(&'static self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.key).collect()
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The field `key` of `section`, found at compile time when called in a `const`: a
/// key missing from the table stops the build.
pub const fn field(section: &Section, key: &str) -> Field {
    let mut i = 0;
    while i < section.fields.len() {
        if same(section.fields[i].key, key) {
            return section.fields[i];
        }
        i += 1;
    }
    panic!("the key is not in src/scenario/keys.rs")
}

/// "1 to 3650", "1 to 10,000,000": whole numbers of five digits or more are written
/// with thousands separators.
pub fn range_text(lo: i64, hi: i64) -> String {
    let text = |x: i64| {
        if x.abs() >= 10_000 {
            crate::format::thousands(x as f64)
        } else {
            x.to_string()
        }
    };
    format!("{} to {}", text(lo), text(hi))
}

/// The domain of input `key` of `section` (a compile-time lookup in a `const`).
pub const fn domain(section: &Section, key: &str) -> Domain {
    match field(section, key).kind {
        Kind::Input(d) => d,
        _ => panic!("the key is not a numeric input"),
    }
}

/// The default number of input `key` of `section`.
pub const fn default_number(section: &Section, key: &str) -> f64 {
    match field(section, key).fallback {
        Fallback::Number(x) => x,
        _ => panic!("the key has no default number"),
    }
}

/// The default whole number of `key` of `section`.
pub const fn default_whole(section: &Section, key: &str) -> i64 {
    match field(section, key).fallback {
        Fallback::Whole(x) => x,
        _ => panic!("the key has no default whole number"),
    }
}

/// The default of flag `key` of `section`.
pub const fn default_flag(section: &Section, key: &str) -> bool {
    match field(section, key).fallback {
        Fallback::Flag(x) => x,
        _ => panic!("the key has no default flag"),
    }
}

/// The bounds of whole number `key` of `section`.
pub const fn whole_range(section: &Section, key: &str) -> (i64, i64) {
    match field(section, key).kind {
        Kind::Whole { min, max } => (min, max),
        _ => panic!("the key is not a whole number"),
    }
}

use Domain::{Any, AtLeastOne, Count, NonNegative, Positive, Share, Spread};
use Fallback::{Number as Num, Word};
use Grade::S;

const KCAL_DAY: &str = "kcal/person/day";
const SHARE_OF_NEED: &str = "share of need";
const NORMALISED: &str = "share (normalised to sum to 1)";
const WHO97: &str = "WFP/UNHCR 1997 guidelines";

pub static META: Section = Section {
    fields: &[
        other(
            "name",
            Kind::Name,
            "Short name of the scenario; outputs go to output/NAME. Letters of any script, digits, '-', '_' and '.'; no spaces, no / \\ : * ? \" < > |.",
        )
        .required(),
        other("title", Kind::Text, "A title for tables and reports."),
        other(
            "description",
            Kind::Text,
            "What the scenario is about, in a sentence or two.",
        ),
        other(
            "start_date",
            Kind::Date,
            "The release date, day 0 of the horizon (YYYY-MM-DD); outputs label days with dates from it.",
        ),
        other(
            "horizon_days",
            Kind::Whole { min: 1, max: 3650 },
            "Days simulated from the start date.",
        )
        .required(),
        other(
            "iterations",
            Kind::Whole {
                min: 1,
                max: 10_000_000,
            },
            "Monte Carlo iterations (worlds drawn); `burden run -n` overrides it.",
        )
        .or(Fallback::Whole(1000)),
        other(
            "seed",
            Kind::Whole {
                min: 0,
                max: i64::MAX,
            },
            "Random seed; the same seed gives the same results on any number of threads.",
        )
        .or(Fallback::Whole(1)),
    ],
    exactly_one_of: &[],
};

pub static ENERGY: Section = Section {
    fields: &[
        input(
            "need_kcal",
            Positive,
            KCAL_DAY,
            "energy need per person per day above the cold base temperature",
        )
        .or(Num(2100.0))
        .sourced("Sphere handbook; WFP/UNHCR 1997 guidelines", S),
        input(
            "survival_floor_kcal",
            Positive,
            KCAL_DAY,
            "survival floor for released people's intake",
        )
        .or(Num(1500.0))
        .sourced("Institute of Medicine 1995", S),
        other(
            "cold_adjustment",
            Kind::Flag,
            "Add energy for cold weather: cold_kcal_per_step for every cold_step_c degrees of a district's mean temperature below cold_base_c.",
        )
        .or(Fallback::Flag(true)),
        input(
            "cold_kcal_per_step",
            NonNegative,
            KCAL_DAY,
            "extra energy per cold step below the base temperature",
        )
        .or(Num(100.0))
        .sourced(WHO97, S),
        input("cold_step_c", Positive, "°C", "size of one cold step")
            .or(Num(5.0))
            .sourced(WHO97, S),
        input(
            "cold_base_c",
            Any,
            "°C",
            "temperature below which the cold adjustment starts",
        )
        .or(Num(20.0))
        .sourced(WHO97, S),
        input(
            "maize_kcal_per_kg",
            Positive,
            "kcal/kg",
            "energy of maize, the unit food is reported in",
        )
        .or(Num(3650.0))
        .sourced("USDA, corn grain, yellow", S),
    ],
    exactly_one_of: &[],
};

pub static WAVE: Section = Section {
    fields: &[
        other(
            "day",
            // The last day of the longest horizon.
            Kind::Whole {
                min: 0,
                max: whole_range(&META, "horizon_days").1 - 1,
            },
            "Days after the start date when this wave is released (0 is the start date).",
        )
        .required(),
        other(
            "date",
            Kind::Date,
            "A label for the wave's date (YYYY-MM-DD); the day decides.",
        ),
        input("share", NonNegative, "share", NORMALISED)
            .required()
            .about("Share of the released who come out in this wave."),
    ],
    exactly_one_of: &[],
};

pub static RELEASE: Section = Section {
    fields: &[
        input(
            "total",
            Count,
            "persons",
            "people released in the scenario's districts",
        )
        .usually_required()
        .about("Required unless allocation = \"counts\"."),
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
            "How the released are spread over districts.",
        )
        .or(Word("population")),
        input(
            "border_weight",
            NonNegative,
            "×",
            "extra weight of border districts when the released are spread by population",
        )
        .or(Num(1.0)),
        input(
            "share_homeless",
            Share,
            "share",
            "released people with no home, who stay at inns",
        )
        .required(),
        input(
            "recovery_extra_kcal",
            NonNegative,
            KCAL_DAY,
            "extra energy a released person needs while recovering",
        )
        .required(),
        input(
            "recovery_days",
            NonNegative,
            "days",
            "how long recovery lasts",
        )
        .required(),
        other(
            "wave",
            Kind::Tables(&WAVE),
            "Release waves ([[release.wave]]); without any, everyone is released on day 0.",
        ),
    ],
    exactly_one_of: &[],
};

pub static ITEM: Section = Section {
    fields: &[
        other(
            "name",
            Kind::Text,
            "What the item is, for example \"corn\".",
        )
        .required(),
        input(
            "quantity",
            NonNegative,
            "units",
            "quantity per released person",
        )
        .required(),
        other(
            "unit",
            Kind::Text,
            "The unit that quantity, kcal_per_unit and price_kpw_per_unit refer to, for example \"kg\" or \"bar\".",
        )
        .required(),
        input(
            "kcal_per_unit",
            NonNegative,
            "kcal/unit",
            "food energy per unit (0 for non-food)",
        )
        .or(Num(0.0)),
        input(
            "price_kpw_per_unit",
            NonNegative,
            "KPW/unit",
            "market price per unit",
        )
        .required(),
    ],
    exactly_one_of: &[],
};

pub static PACKAGE: Section = Section {
    fields: &[other(
        "item",
        Kind::Tables(&ITEM),
        "The items of the package ([[package.item]]), per released person.",
    )],
    exactly_one_of: &[],
};

pub static LEVY: Section = Section {
    fields: &[
        input(
            "resident_share",
            Share,
            "share",
            "share of the package levied from residents",
        )
        .or(Num(1.0))
        .about("1: residents pay the whole package; 0: the office or the state pays it all."),
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
            "Who bears the residents' share of the package.",
        )
        .or(Word("inminban")),
    ],
    exactly_one_of: &[],
};

pub static SHARING: Section = Section {
    fields: &[
        input(
            "propensity",
            Share,
            "share",
            "probability that a household is willing to share",
        )
        .or(Num(0.5)),
        input(
            "stock_floor_days",
            NonNegative,
            "days of need",
            "only households with more than this many days of food in stock share",
        )
        .or(Num(14.0)),
        input(
            "max_share_of_need",
            Share,
            SHARE_OF_NEED,
            "most a sharer gives per day, as a share of its own need",
        )
        .or(Num(0.1)),
    ],
    exactly_one_of: &[],
};

pub static INCIDENTS: Section = Section {
    fields: &[
        input(
            "rate_per_unfed_person_day",
            NonNegative,
            "incidents/person-day",
            "incidents per person-day of fully unmet need",
        )
        .or(Num(0.0)),
        input(
            "take_kg",
            NonNegative,
            "kg maize eq",
            "food taken from a household per incident",
        )
        .or(Num(0.0)),
    ],
    exactly_one_of: &[],
};

pub static ENGINE: Section = Section {
    fields: &[
        other(
            "unit_sample",
            Kind::Whole {
                min: 1,
                max: 100_000,
            },
            "At most this many inminban with released people are simulated day by day per district and iteration; more are represented by a random sample of this size.",
        )
        .or(Fallback::Whole(64)),
        other(
            "household_sample",
            Kind::Whole {
                min: 1,
                max: 100_000,
            },
            "Points of the grid over the acquisition draw in the expectation that stands for the households the release does not reach directly (their stock and size are integrated exactly).",
        )
        .or(Fallback::Whole(16)),
    ],
    exactly_one_of: &[],
};

/// Said of the `*_spread` inputs, which are variation rather than uncertainty.
const VARIATION: &str = "Variation between households within one iteration, not uncertainty.";

pub static WEALTH_GROUP: Section = Section {
    fields: &[
        other(
            "name",
            Kind::Text,
            "The group's name, for example \"poor\".",
        )
        .required(),
        input("share", NonNegative, "share", NORMALISED)
            .required()
            .about("Share of households in this group."),
        input(
            "stock_days",
            NonNegative,
            "days of need",
            "median household stock at the start",
        )
        .required(),
        input(
            "stock_spread",
            Spread,
            "lognormal σ",
            "variation of stocks between households",
        )
        .or(Num(0.5))
        .about(VARIATION),
        input(
            "ration_share",
            NonNegative,
            SHARE_OF_NEED,
            "daily acquisition from the public distribution ration",
        )
        .or(Num(0.0)),
        input(
            "market_share",
            NonNegative,
            SHARE_OF_NEED,
            "daily acquisition from market purchases",
        )
        .or(Num(0.0)),
        input(
            "work_share",
            NonNegative,
            SHARE_OF_NEED,
            "daily acquisition from work",
        )
        .or(Num(0.0)),
        input(
            "acquisition_spread",
            Spread,
            "lognormal σ",
            "variation of acquisition between households",
        )
        .or(Num(0.15))
        .about(VARIATION),
        other(
            "calendar",
            Kind::Table(&GROUP_CALENDAR),
            "This group's own multipliers by month on its acquisition sources ([wealth_group.calendar] after the group's [[wealth_group]]), each replacing [calendar]'s for this group only; needs a [calendar], whose strength scales them.",
        ),
    ],
    exactly_one_of: &[],
};

/// A wealth group's own harvest and lean season on each acquisition source.
pub static GROUP_CALENDAR: Section = Section {
    fields: &[
        monthly(
            "ration",
            "×",
            "multipliers on this group's ration_share by month",
            "Multipliers on this group's ration_share by month, in place of calendar.ration.",
        ),
        monthly(
            "market",
            "×",
            "multipliers on this group's market_share by month",
            "Multipliers on this group's market_share by month, in place of calendar.market.",
        ),
        monthly(
            "work",
            "×",
            "multipliers on this group's work_share by month",
            "Multipliers on this group's work_share by month, in place of calendar.work.",
        ),
    ],
    exactly_one_of: &[],
};

pub static DISTRICT: Section = Section {
    fields: &[
        other("name", Kind::Text, "The district's name.").required(),
        input("population", Count, "persons", "residents").about("Give this or households."),
        input("households", Count, "households", "households")
            .about("Give this or population."),
        input(
            "persons_per_household",
            AtLeastOne,
            "persons",
            "mean household size",
        )
        .required(),
        input(
            "households_per_inminban",
            AtLeastOne,
            "households",
            "households in one neighbourhood unit",
        )
        .required(),
        input(
            "mean_temperature_c",
            Any,
            "°C",
            "mean temperature over the horizon",
        )
        .or(Num(20.0)),
        other(
            "border",
            Kind::Flag,
            "A border district gets release.border_weight when the released are spread by population.",
        )
        .or(Fallback::Flag(false)),
        input(
            "maize_price_kpw",
            Positive,
            "KPW/kg",
            "local market price of maize",
        )
        .required(),
        input(
            "price_index",
            Positive,
            "×",
            "local price level of package items",
        )
        .or(Num(1.0)),
        input(
            "release_weight",
            NonNegative,
            "weight",
            "weight when the released are spread by weights",
        )
        .about("Required when allocation = \"weights\"."),
        input(
            "release_count",
            Count,
            "persons",
            "people released in this district",
        )
        .about("Required when allocation = \"counts\"."),
        other(
            "wealth_group",
            Kind::Tables(&WEALTH_GROUP),
            "Wealth groups of this district ([[district.wealth_group]]), replacing the scenario's [[wealth_group]].",
        ),
    ],
    exactly_one_of: &["population", "households"],
};

pub static CALENDAR: Section = Section {
    fields: &[
        input(
            "strength",
            NonNegative,
            "×",
            "how strongly the calendar's monthly multipliers apply (0 none, 1 as written)",
        )
        .or(Num(1.0))
        .about("Each monthly multiplier m becomes 1 + strength × (m − 1)."),
        monthly(
            "ration",
            "×",
            "multipliers on the wealth groups' ration_share by month",
            "Multipliers on every wealth group's ration_share by month (the shares are the year's mean), unless the group has its own ([wealth_group.calendar]).",
        ),
        monthly(
            "market",
            "×",
            "multipliers on market_share by month",
            "Multipliers on market_share by month.",
        ),
        monthly(
            "work",
            "×",
            "multipliers on work_share by month",
            "Multipliers on work_share by month.",
        ),
        monthly(
            "price",
            "×",
            "multipliers on the package's KPW prices by month",
            "Multipliers on the package's KPW prices (and so the levy in KPW) by month of the levy.",
        ),
        monthly(
            "stock",
            "×",
            "multipliers on stock_days by the month of the start date",
            "Multipliers on every group's stock_days by the month of the start date; 1 in the month stock_days describe.",
        ),
        monthly(
            "temperature_c",
            "°C",
            "mean temperature by month",
            "Mean temperature by month (°C) for the cold adjustment, in place of the districts' mean_temperature_c, so that it follows the start date.",
        ),
        other(
            "lean_months",
            Kind::Months,
            "The months of the lean season (1 = January), named in the report and shaded on the time charts.",
        ),
    ],
    exactly_one_of: &[],
};

pub static COPING: Section = Section {
    fields: &[other(
        "step",
        Kind::Tables(&COPING_STEP),
        "The coping steps ([[coping.step]]), from the mildest (largest reserve) to the most severe.",
    )
    .required()],
    exactly_one_of: &[],
};

pub static COPING_STEP: Section = Section {
    fields: &[
        input(
            "below_days",
            NonNegative,
            "days",
            "stock (days of the household's own need) kept in reserve by this coping step",
        )
        .required()
        .about("Below this stock a household eats less to keep it, but never less than eat_share of its need."),
        input(
            "eat_share",
            Share,
            "share",
            "least share of its need a household eats at this coping step",
        )
        .required()
        .about("Shares are made never to rise from one step to the next."),
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
            "The reduced Coping Strategies Index strategies used every day at this step; a day's rCSI points are the sum of their weights.",
        ),
    ],
    exactly_one_of: &[],
};

pub static LIVELIHOODS: Section = Section {
    fields: &[input(
        "protection_kpw",
        NonNegative,
        "KPW/person/day",
        "spending that keeps a livelihood going, beyond survival (the livelihoods-protection threshold less the survival threshold)",
    )
    .required()
    .about("Converted to kcal of maize equivalent at each district's maize price. With it, deficits are also reported against the livelihoods-protection threshold (livelihood_deficit_*) and the IPC-style phases use both thresholds.")],
    exactly_one_of: &[],
};

pub static CORRELATION: Section = Section {
    fields: &[
        other(
            "inputs",
            Kind::InputPair,
            "The two uncertain inputs that move together, by their dotted paths as iterations.csv names them (`release.total`, `district[0].population`, or with names: `district.Ranam.population`).",
        )
        .required(),
        other(
            "rank",
            Kind::Rank,
            "Spearman's rank correlation of the two inputs: 0.3 a weak tie, 0.6 a clear one, 0.9 nearly lockstep; negative when one rises as the other falls. Each input keeps its own distribution.",
        )
        .required(),
        other(
            "source",
            Kind::Text,
            "Where the correlation comes from.",
        ),
        other(
            "grade",
            Kind::Choice(&[
                ("S", "sourced"),
                ("S2", "sourced through a secondary copy"),
                ("E", "an estimate; the source says how it is derived"),
            ]),
            "How well the correlation is sourced.",
        ),
        other("note", Kind::Text, "Any remark."),
    ],
    exactly_one_of: &[],
};

/// Every section of a scenario file.
pub static FILE: Section = Section {
    fields: &[
        other(
            "scenario",
            Kind::Table(&META),
            "The scenario's name, dates, horizon, iterations and seed.",
        )
        .required(),
        other(
            "energy",
            Kind::Table(&ENERGY),
            "Energy need, survival floor, cold-weather adjustment and the energy of maize.",
        ),
        other(
            "release",
            Kind::Table(&RELEASE),
            "How many are released, where, when, and their condition.",
        )
        .required(),
        other(
            "package",
            Kind::Table(&PACKAGE),
            "The support package each released person is to be given.",
        )
        .required(),
        other("levy", Kind::Table(&LEVY), "Who pays for the package."),
        other(
            "sharing",
            Kind::Table(&SHARING),
            "Informal sharing with released people at inns after the package runs out.",
        ),
        other(
            "incidents",
            Kind::Table(&INCIDENTS),
            "Begging with threats and theft by released people whose need is unmet.",
        ),
        other(
            "engine",
            Kind::Table(&ENGINE),
            "Sampling settings that trade run time for Monte Carlo error.",
        ),
        other(
            "wealth_group",
            Kind::Tables(&WEALTH_GROUP),
            "Wealth groups ([[wealth_group]]) of every district that has none of its own.",
        ),
        other(
            "district",
            Kind::Tables(&DISTRICT),
            "The districts ([[district]]); at least one.",
        ),
        other(
            "correlation",
            Kind::Tables(&CORRELATION),
            "Rank correlations between uncertain inputs ([[correlation]]), one section per pair; without any, every input is drawn independently.",
        ),
        other(
            "calendar",
            Kind::Table(&CALENDAR),
            "The seasons: multipliers by month on acquisition, prices and stocks, and monthly temperatures; without it every month is alike. Needs scenario.start_date.",
        ),
        other(
            "coping",
            Kind::Table(&COPING),
            "How households cut their consumption before their stock runs out, in steps; without it they eat their full need until the stock is gone.",
        ),
        other(
            "livelihoods",
            Kind::Table(&LIVELIHOODS),
            "The Household Economy Approach's livelihoods-protection threshold; without it deficits are against the survival threshold only.",
        ),
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
            if let Some(s) = f.section() {
                walk(&path, s, out);
            }
        }
    }
    let mut out = Vec::new();
    walk("", &FILE, &mut out);
    out
}

/// What a missing section needs, for the message that asks for it: its required keys
/// and the first of keys of which one must be given ("name and horizon_days"), or for
/// a section that is only a list of sections, at least one of them with its keys.
pub fn section_needs(path: &str) -> Option<String> {
    let section = section_at(path)?;
    let needed: Vec<&str> = section
        .fields
        .iter()
        .filter(|f| {
            f.required || f.usually_required || section.exactly_one_of.first() == Some(&f.key)
        })
        .map(|f| f.key)
        .collect();
    match (needed.split_last(), section.fields) {
        (Some((last, rest)), _) if !rest.is_empty() => {
            Some(format!("{} and {last}", rest.join(", ")))
        }
        (Some((only, _)), _) => Some(only.to_string()),
        (None, [list]) => {
            let inner = list.section()?;
            Some(format!(
                "at least one [[{path}.{}]] ({})",
                list.key,
                inner.key_names().join(", ")
            ))
        }
        (None, _) => None,
    }
}

/// A dotted path with its list indices removed: `district[0].wealth_group[1].share`
/// is `district.wealth_group.share`.
pub fn plain_path(path: &str) -> String {
    path.split('.')
        .map(|part| part.split('[').next().unwrap_or(part))
        .collect::<Vec<_>>()
        .join(".")
}

/// The field a dotted path names (indices allowed), if the format has it.
pub fn lookup(path: &str) -> Option<&'static Field> {
    let mut section: &'static Section = &FILE;
    let mut found = None;
    for part in plain_path(path).split('.') {
        let f = section.field(part)?;
        found = Some(f);
        if let Some(s) = f.section() {
            section = s;
        }
    }
    found
}

/// The section a dotted path (`release`, `district.wealth_group`) names.
pub fn section_at(path: &str) -> Option<&'static Section> {
    lookup(path).and_then(Field::section)
}

/// The domain an input's dotted path (indices removed) is declared with.
pub fn input_domain(path: &str) -> Option<Domain> {
    lookup(path).and_then(Field::domain)
}

/// The numeric input named `key` in any section (`resident_share`), for messages that
/// know only the key: inputs of one name share their unit, meaning and domain (a test
/// holds them to it).
pub fn input_named(key: &str) -> Option<&'static Field> {
    fn find(section: &'static Section, key: &str) -> Option<&'static Field> {
        section.fields.iter().find_map(|f| match f.kind {
            Kind::Input(_) if f.key == key => Some(f),
            Kind::Table(s) | Kind::Tables(s) => find(s, key),
            _ => None,
        })
    }
    find(&FILE, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_of_one_name_mean_the_same_everywhere() {
        let all = keys();
        for (path, f) in &all {
            let Some(d) = f.domain() else { continue };
            let first = input_named(f.key).expect("the input is found by its name");
            assert_eq!(
                (first.unit, first.meaning, first.domain()),
                (f.unit, f.meaning, Some(d)),
                "{path} differs from another input called {}",
                f.key
            );
        }
    }

    #[test]
    fn every_input_and_month_list_has_a_unit_and_a_meaning() {
        for (path, f) in keys() {
            if f.domain().is_some() || matches!(f.kind, Kind::Monthly) {
                assert_ne!(f.unit, "", "{path} has no unit");
                assert_ne!(f.meaning, "", "{path} has no meaning");
            } else {
                assert_eq!((f.unit, f.meaning), ("", ""), "{path} is not an input");
            }
        }
    }

    #[test]
    fn defaults_fit_their_keys() {
        for (path, f) in keys() {
            match (f.kind, f.fallback) {
                (_, Fallback::None) => {}
                (Kind::Input(d), Fallback::Number(x)) => {
                    assert!(d.contains(x), "{path}: default {x} is outside its domain")
                }
                (Kind::Whole { min, max }, Fallback::Whole(x)) => {
                    assert!((min..=max).contains(&x), "{path}: default {x}")
                }
                (Kind::Flag, Fallback::Flag(_)) => {}
                (Kind::Choice(words), Fallback::Word(w)) => {
                    assert!(words.iter().any(|c| c.0 == w), "{path}: default {w}")
                }
                _ => panic!("{path}: the default is of another kind than the key"),
            }
            assert!(
                !f.required || matches!(f.fallback, Fallback::None),
                "{path} is required and has a default"
            );
            if f.source.is_some() {
                assert!(matches!(f.fallback, Fallback::Number(_)), "{path}");
            }
        }
    }

    #[test]
    fn paths_are_looked_up_with_or_without_indices() {
        assert_eq!(
            input_domain("district[2].wealth_group[0].stock_spread"),
            Some(Domain::Spread)
        );
        assert_eq!(
            input_domain("release.wave.share"),
            Some(Domain::NonNegative)
        );
        assert_eq!(input_domain("release.allocation"), None);
        assert!(lookup("release.nonsense").is_none());
        assert!(section_at("district.wealth_group").is_some());
        assert_eq!(whole_range(&META, "horizon_days"), (1, 3650));
    }

    #[test]
    fn a_wave_falls_on_a_day_of_the_longest_horizon() {
        // Horizons run from 1 to 3650 days, counted from day 0: the last day is 3649.
        assert_eq!(whole_range(&META, "horizon_days"), (1, 3650));
        assert_eq!(whole_range(&WAVE, "day"), (0, 3649));
    }

    #[test]
    fn ranges_of_five_digits_or_more_have_thousands_separators() {
        assert_eq!(range_text(1, 3650), "1 to 3650");
        assert_eq!(range_text(1, 10_000_000), "1 to 10,000,000");
        assert_eq!(range_text(1, 100_000), "1 to 100,000");
    }

    #[test]
    fn a_missing_section_says_what_it_needs() {
        assert_eq!(
            section_needs("scenario").as_deref(),
            Some("name and horizon_days")
        );
        assert_eq!(
            section_needs("release").as_deref(),
            Some("total, share_homeless, recovery_extra_kcal and recovery_days")
        );
        assert_eq!(
            section_needs("package").as_deref(),
            Some(
                "at least one [[package.item]] (name, quantity, unit, kcal_per_unit, price_kpw_per_unit)"
            )
        );
        assert_eq!(
            section_needs("district").as_deref(),
            Some(
                "name, population, persons_per_household, households_per_inminban and maize_price_kpw"
            )
        );
        assert_eq!(section_needs("energy"), None);
    }
}
