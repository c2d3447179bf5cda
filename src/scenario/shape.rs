//! The shape of a scenario file, checked on TOML's spanned document against the key
//! table ([`keys`](super::keys)) before serde reads it.
//!
//! Unknown and missing keys, values of the wrong type, words outside a choice and numbers
//! too large to hold become a typed [`ShapeError`] with the exact span, so that the
//! loader never reads another library's message text to tell what went wrong. The walk
//! visits keys in the order serde does (the document's tables are sorted by key), so
//! the first mistake it finds is the one serde would have stopped at; once it passes,
//! deserialising the same document into [`ScenarioFile`](super::ScenarioFile) succeeds
//! (a test holds it to that over many mistaken files).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::input::{Input, InputError, LIST_FORMS, parse_str_input, read_table};
use super::keys::{self, Field, Kind, Section};
use super::suggest::did_you_mean;

/// What a value was found to be, for messages ("not the text \"x\"").
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Text(String),
    /// A whole number, as written in decimal.
    Whole(String),
    Decimal(f64),
    Flag(bool),
    Date(String),
    List,
    Table,
}

/// What a key wants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expected {
    Whole,
    Number,
    Text,
    Flag,
    Date,
    /// A section, `[key]`.
    Section,
    /// A list of sections, `[[key]]`.
    Sections,
    /// A list of values in brackets, with an example of the key's own.
    List(&'static str),
    /// One of a few words.
    Word(&'static [(&'static str, &'static str)]),
}

/// What a message names a value by.
#[derive(Debug, Clone, PartialEq)]
pub enum Name {
    /// Its key, as the file writes it where the value is.
    Key(String),
    /// The element at `index` (from 0) of the list at the dotted path `list`, which has
    /// no key of its own.
    Element { list: String, index: usize },
}

/// The first mistake in the shape of a scenario file.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeError {
    /// A key the section does not have; `allowed` are its keys in the table's order.
    UnknownKey {
        key: String,
        span: Range<usize>,
        allowed: Vec<&'static str>,
    },
    /// Required sections missing from the whole file.
    MissingSections { missing: Vec<&'static str> },
    /// Required keys missing from a section: `header` is its dotted path when the
    /// section has a `[header]` line, so that all of them are named at once.
    MissingKeys {
        span: Range<usize>,
        header: Option<String>,
        missing: Vec<&'static str>,
    },
    WrongType {
        name: Name,
        span: Range<usize>,
        expected: Expected,
        found: Found,
    },
    /// A whole number beyond 64 bits.
    TooLarge { name: Name, span: Range<usize> },
    /// A decimal number beyond what a float holds (1e400).
    DecimalTooLarge { name: Name, span: Range<usize> },
    /// `nan` or an infinity in a distribution's list (`uniform = [nan, 1]`).
    NotFinite {
        name: Name,
        span: Range<usize>,
        nan: bool,
    },
    /// A word that is not one of the choices.
    UnknownWord {
        word: String,
        span: Range<usize>,
        allowed: Vec<&'static str>,
    },
    /// A date with a time of day.
    DateWithTime {
        key: String,
        span: Range<usize>,
        written: String,
    },
    /// A numeric input that does not read as one: the mistake is the input's own
    /// ([`input`](super::input)).
    Input {
        key: String,
        span: Range<usize>,
        mistake: InputError,
    },
}

type Value<'i> = Spanned<DeValue<'i>>;

/// The keys of a monthly array, `{ months = [...], source, grade, note }`; `months`,
/// twelve numbers, is told by its place (first).
static MONTHLY: Section = Section {
    fields: &[
        keys::Field {
            key: "months",
            required: true,
            ..keys::field(&keys::CORRELATION, "source")
        },
        keys::field(&keys::CORRELATION, "source"),
        keys::field(&keys::CORRELATION, "grade"),
        keys::field(&keys::CORRELATION, "note"),
    ],
    exactly_one_of: &[],
};

/// Checks a parsed scenario file's shape; `text` is the file, to tell a `[header]`
/// section from an inline one.
pub fn check(text: &str, doc: &Spanned<DeTable<'_>>) -> Result<(), ShapeError> {
    Walk { text }.section(doc.get_ref(), doc.span(), &keys::FILE, &mut Vec::new())
}

struct Walk<'t> {
    text: &'t str,
}

impl Walk<'_> {
    /// Whether the value at `span` is a section with a `[header]` line.
    fn has_header(&self, span: &Range<usize>) -> bool {
        !span.is_empty()
            && self
                .text
                .get(span.start..)
                .is_some_and(|t| t.starts_with('['))
    }

    fn section(
        &self,
        table: &DeTable<'_>,
        span: Range<usize>,
        section: &'static Section,
        path: &mut Vec<&'static str>,
    ) -> Result<(), ShapeError> {
        for (key, value) in table.iter() {
            let Some(field) = section.field(key.get_ref()) else {
                return Err(ShapeError::UnknownKey {
                    key: key.get_ref().to_string(),
                    span: key.span(),
                    allowed: section.key_names(),
                });
            };
            path.push(field.key);
            let checked = self.field(field, value, path);
            path.pop();
            checked?;
        }
        let missing: Vec<&'static str> = section
            .fields
            .iter()
            .filter(|f| serde_requires(f) && !table.contains_key(f.key))
            .map(|f| f.key)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else if path.is_empty() {
            Err(ShapeError::MissingSections { missing })
        } else {
            let header = self.has_header(&span).then(|| path.join("."));
            Err(ShapeError::MissingKeys {
                span,
                header,
                missing,
            })
        }
    }

    /// The key a message names for `value` of `field`: the section's dotted path when
    /// it is a `[header]` section, as the file writes it.
    fn key_of(&self, field: &Field, value: &Value<'_>, path: &[&str]) -> String {
        if value.get_ref().is_table() && self.has_header(&value.span()) {
            path.join(".")
        } else {
            field.key.to_string()
        }
    }

    /// What a message names the element at `index` of the list at `path` by: its place
    /// in the list, as it has no key of its own, unless it is a `[[header]]` section.
    fn item_name(&self, item: &Value<'_>, path: &[&str], index: usize) -> Name {
        if item.get_ref().is_table() && self.has_header(&item.span()) {
            Name::Key(path.join("."))
        } else {
            Name::Element {
                list: path.join("."),
                index,
            }
        }
    }

    /// Checks every element of the list at `path`, each named by its place.
    fn each(
        &self,
        items: &[Value<'_>],
        path: &[&str],
        check: impl Fn(Name, &Value<'_>) -> Result<(), ShapeError>,
    ) -> Result<(), ShapeError> {
        items
            .iter()
            .enumerate()
            .try_for_each(|(index, item)| check(self.item_name(item, path, index), item))
    }

    fn field(
        &self,
        field: &'static Field,
        value: &Value<'_>,
        path: &mut Vec<&'static str>,
    ) -> Result<(), ShapeError> {
        let name = self.key_of(field, value, path);
        let key = Name::Key(name.clone());
        let span = value.span();
        if std::ptr::eq(field, &MONTHLY.fields[0]) {
            let example = "months = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]";
            let items = list(key, value, Expected::List(example))?;
            return self.each(items, path, |n, v| scalar(n, v, Expected::Number));
        }
        match field.kind {
            Kind::Input(_) => input(name, value, path),
            Kind::Text | Kind::Name => scalar(key, value, Expected::Text),
            Kind::Whole { .. } => scalar(key, value, Expected::Whole),
            Kind::Flag => scalar(key, value, Expected::Flag),
            Kind::Rank => scalar(key, value, Expected::Number),
            Kind::Choice(words) => word(key, value, words),
            Kind::Date => date(name, value),
            Kind::Table(section) => match value.get_ref() {
                DeValue::Table(t) => self.section(t, span, section, path),
                _ => Err(wrong(key, value, Expected::Section)),
            },
            Kind::Monthly => match value.get_ref() {
                DeValue::Table(t) => self.section(t, span, &MONTHLY, path),
                _ => Err(wrong(key, value, Expected::Section)),
            },
            Kind::Tables(section) => {
                let items = list(key, value, Expected::Sections)?;
                for (index, item) in items.iter().enumerate() {
                    match item.get_ref() {
                        DeValue::Table(t) => self.section(t, item.span(), section, path)?,
                        _ => {
                            let name = self.item_name(item, path, index);
                            return Err(wrong(name, item, Expected::Section));
                        }
                    }
                }
                Ok(())
            }
            Kind::Months => {
                let items = list(key, value, Expected::List("lean_months = [1, 2, 3]"))?;
                self.each(items, path, |n, v| scalar(n, v, Expected::Whole))
            }
            Kind::InputPair => {
                let example = "inputs = [\"release.total\", \"release.share_homeless\"]";
                let items = list(key, value, Expected::List(example))?;
                self.each(items, path, |n, v| scalar(n, v, Expected::Text))
            }
            Kind::Words(words) => {
                let example = "strategies = [\"borrow\", \"fewer_meals\"]";
                let items = list(key, value, Expected::List(example))?;
                self.each(items, path, |n, v| word(n, v, words))
            }
        }
    }
}

/// Whether serde refuses a section without `field`. A list of sections may always be
/// left out: the checks after loading say when one is needed (`[coping]` with no
/// steps).
fn serde_requires(field: &Field) -> bool {
    field.required && !matches!(field.kind, Kind::Tables(_))
}

/// What a value is, or the mistake of a number too large to hold.
fn found(name: &Name, value: &Value<'_>) -> Result<Found, ShapeError> {
    let span = value.span();
    Ok(match value.get_ref() {
        DeValue::String(s) => Found::Text(s.to_string()),
        DeValue::Integer(i) => match i128::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if i64::try_from(n).is_ok() || u64::try_from(n).is_ok() => {
                Found::Whole(n.to_string())
            }
            _ => {
                return Err(ShapeError::TooLarge {
                    name: name.clone(),
                    span,
                });
            }
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(x) if x.is_finite() || f.as_str().contains("inf") || x.is_nan() => Found::Decimal(x),
            _ => {
                return Err(ShapeError::DecimalTooLarge {
                    name: name.clone(),
                    span,
                });
            }
        },
        DeValue::Boolean(b) => Found::Flag(*b),
        DeValue::Datetime(d) => Found::Date(d.to_string()),
        DeValue::Array(_) => Found::List,
        DeValue::Table(_) => Found::Table,
    })
}

fn wrong(name: Name, value: &Value<'_>, expected: Expected) -> ShapeError {
    match found(&name, value) {
        Ok(found) => ShapeError::WrongType {
            name,
            span: value.span(),
            expected,
            found,
        },
        Err(too_large) => too_large,
    }
}

/// A single value of a kind the document's value types tell apart.
fn scalar(name: Name, value: &Value<'_>, expected: Expected) -> Result<(), ShapeError> {
    let found = found(&name, value)?;
    let fits = match (&found, expected) {
        (Found::Whole(n), Expected::Whole) => {
            if n.parse::<i64>().is_err() {
                return Err(ShapeError::TooLarge {
                    name,
                    span: value.span(),
                });
            }
            true
        }
        (Found::Whole(_) | Found::Decimal(_), Expected::Number)
        | (Found::Text(_), Expected::Text)
        | (Found::Flag(_), Expected::Flag) => true,
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(ShapeError::WrongType {
            name,
            span: value.span(),
            expected,
            found,
        })
    }
}

fn list<'v, 'i>(
    name: Name,
    value: &'v Value<'i>,
    expected: Expected,
) -> Result<&'v [Value<'i>], ShapeError> {
    match value.get_ref() {
        DeValue::Array(a) => Ok(a.as_ref()),
        _ => Err(wrong(name, value, expected)),
    }
}

fn word(
    name: Name,
    value: &Value<'_>,
    words: &'static [(&'static str, &'static str)],
) -> Result<(), ShapeError> {
    match value.get_ref() {
        DeValue::String(s) if words.iter().any(|(w, _)| w == s) => Ok(()),
        DeValue::String(s) => Err(ShapeError::UnknownWord {
            word: s.to_string(),
            span: value.span(),
            allowed: words.iter().map(|(w, _)| *w).collect(),
        }),
        _ => Err(wrong(name, value, Expected::Word(words))),
    }
}

fn date(key: String, value: &Value<'_>) -> Result<(), ShapeError> {
    match value.get_ref() {
        DeValue::String(_) => Ok(()),
        DeValue::Datetime(d) if d.date.is_some() && d.time.is_none() => Ok(()),
        DeValue::Datetime(d) => Err(ShapeError::DateWithTime {
            key,
            span: value.span(),
            written: d.to_string(),
        }),
        _ => Err(wrong(Name::Key(key), value, Expected::Date)),
    }
}

/// A numeric input, read by [`Input`]'s own reader; its messages are the input
/// module's. A mistake at a value inside an input's table (`source = 3`) is that key's:
/// the reader reads `source`, `note` and `grade` as text and the rest as any value,
/// which only a number too large to hold can fail. The numbers in a distribution's
/// list (`pert = [20, 30, 40]`) are checked here, so that a mistake names its place.
fn input(key: String, value: &Value<'_>, path: &[&str]) -> Result<(), ShapeError> {
    let named = Name::Key(key.clone());
    match value.get_ref() {
        DeValue::Integer(_) | DeValue::Float(_) => {
            found(&named, value)?;
        }
        DeValue::Datetime(_) => return Err(wrong(named, value, Expected::Number)),
        DeValue::Table(t) => {
            for (form, numbers) in t.iter() {
                let (true, DeValue::Array(numbers)) = (
                    LIST_FORMS.contains(&form.get_ref().as_ref()),
                    numbers.get_ref(),
                ) else {
                    continue;
                };
                let list = format!("{}.{}", path.join("."), form.get_ref());
                for (index, number) in numbers.iter().enumerate() {
                    let name = Name::Element {
                        list: list.clone(),
                        index,
                    };
                    if let Found::Decimal(x) = found(&name, number)?
                        && !x.is_finite()
                    {
                        return Err(ShapeError::NotFinite {
                            name,
                            span: number.span(),
                            nan: x.is_nan(),
                        });
                    }
                    scalar(name, number, Expected::Number)?;
                }
            }
        }
        _ => {}
    }
    // Text and tables are read as the input's reader reads them, for its typed mistakes;
    // a number too large to hold inside a table is the toml crate's to tell.
    let library = |e: toml::de::Error| InputError::Written(e.message().to_string());
    let read = match value.get_ref() {
        DeValue::String(s) => parse_str_input(s).map(drop),
        DeValue::Table(_) => toml::Table::deserialize(ValueDeserializer::from(value.clone()))
            .map_err(library)
            .and_then(|t| read_table(&t).map(drop)),
        _ => Input::deserialize(ValueDeserializer::from(value.clone()))
            .map(drop)
            .map_err(library),
    };
    let Err(mistake) = read else {
        return Ok(());
    };
    if let (InputError::NotText { key: k }, DeValue::Table(t)) = (&mistake, value.get_ref())
        && let Some((k, v)) = t.iter().find(|(name, _)| name.get_ref() == k)
    {
        return Err(wrong(Name::Key(k.get_ref().to_string()), v, Expected::Text));
    }
    Err(ShapeError::Input {
        key,
        span: value.span(),
        mistake,
    })
}

/// "the 4th value of `calendar.ration.months`" for the element at `index` (from 0) of
/// a list: counted from 1, as a reader counts.
pub fn nth_value(index: usize, list: &str) -> String {
    let n = index + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("the {n}{suffix} value of `{list}`")
}

impl Name {
    /// As a message says it: `` `horizon_days` ``, or the element's place in its list.
    fn describe(&self) -> String {
        match self {
            Name::Key(k) => format!("`{k}`"),
            Name::Element { list, index } => nth_value(*index, list),
        }
    }
}

/// "a", "a and b", "a, b and c", each in backticks.
pub fn and_list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

impl Found {
    /// As a message says it: `the text "x"`, `the number 5`, `a list`.
    fn describe(&self) -> String {
        match self {
            Found::Text(s) => format!("the text {s:?}"),
            Found::Whole(n) => format!("the number {n}"),
            Found::Decimal(x) => format!("the decimal number {}", decimal(*x)),
            Found::Flag(b) => b.to_string(),
            Found::Date(d) => format!("the date {d}"),
            Found::List => "a list".into(),
            Found::Table => "a table or section".into(),
        }
    }

    /// The value as it would be written inside quotes, where it is a single value.
    fn written(&self) -> Option<String> {
        match self {
            Found::Whole(n) => Some(n.clone()),
            Found::Decimal(x) => Some(decimal(*x)),
            Found::Flag(b) => Some(b.to_string()),
            Found::Date(d) => Some(d.clone()),
            Found::Text(_) | Found::List | Found::Table => None,
        }
    }
}

/// A decimal number with its point: 60.5, 3.0.
fn decimal(x: f64) -> String {
    let s = x.to_string();
    if x.is_finite() && !s.contains('.') {
        format!("{s}.0")
    } else {
        s
    }
}

/// The largest whole number a scenario holds, as messages say it.
const WHOLE_MAX: &str = "9,223,372,036,854,775,807";

impl ShapeError {
    /// The span the mistake is at (empty at 0 when it has no place).
    pub fn span(&self) -> Range<usize> {
        match self {
            ShapeError::MissingSections { .. } => 0..0,
            ShapeError::UnknownKey { span, .. }
            | ShapeError::MissingKeys { span, .. }
            | ShapeError::WrongType { span, .. }
            | ShapeError::TooLarge { span, .. }
            | ShapeError::DecimalTooLarge { span, .. }
            | ShapeError::NotFinite { span, .. }
            | ShapeError::UnknownWord { span, .. }
            | ShapeError::DateWithTime { span, .. }
            | ShapeError::Input { span, .. } => span.clone(),
        }
    }

    /// The message and the help a student reads.
    pub fn explain(&self) -> (String, Option<String>) {
        match self {
            ShapeError::UnknownKey { key, allowed, .. } => {
                let mut help = match did_you_mean(key, allowed) {
                    Some(s) => format!("did you mean `{s}`? Keys allowed here: {}", allowed.join(", ")),
                    None => format!("keys allowed here: {}", allowed.join(", ")),
                };
                if keys::FILE.field(key).is_some() && !allowed.contains(&key.as_str()) {
                    help.push_str(&format!(
                        "; `{key}` is a section of its own, and keys below a [section] header belong to that section: move it above the first section or write it as [{key}]"
                    ));
                }
                (format!("unknown key `{key}`"), Some(help))
            }
            ShapeError::MissingSections { missing } => match missing.as_slice() {
                [one] => (
                    format!("the [{one}] section is missing"),
                    Some(format!(
                        "add a [{one}] section with {}; scenarios/ranam-2020.toml shows each with its source",
                        keys::section_needs(one).unwrap_or_default()
                    )),
                ),
                _ => {
                    let sections: Vec<String> = missing.iter().map(|k| format!("[{k}]")).collect();
                    let sections: Vec<&str> = sections.iter().map(String::as_str).collect();
                    let help = missing
                        .iter()
                        .filter_map(|k| {
                            keys::section_needs(k).map(|keys| format!("add a [{k}] section with {keys}"))
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                        + "; scenarios/ranam-2020.toml shows each with its source";
                    (
                        format!("the {} sections are missing", and_list(&sections).replace('`', "")),
                        Some(help),
                    )
                }
            },
            ShapeError::MissingKeys {
                header, missing, ..
            } => match (header, missing.as_slice()) {
                (Some(header), [_, _, ..]) => (
                    format!("[{header}] is missing {}", and_list(missing)),
                    Some(format!(
                        "add {} below [{header}]; the shipped scenarios (scenarios/*.toml) and `burden init` show every key with an example",
                        and_list(missing)
                    )),
                ),
                (_, [first, ..]) => (
                    format!("`{first}` is missing here"),
                    Some(format!(
                        "add `{first}`; the shipped scenarios (scenarios/*.toml) and `burden init` show every key with an example"
                    )),
                ),
                (_, []) => ("a key is missing here".into(), None),
            },
            ShapeError::WrongType {
                name,
                expected,
                found,
                ..
            } => {
                let (want, help) = wanted(name, *expected, found);
                (format!("{} must be {want}, not {}", name.describe(), found.describe()), Some(help))
            }
            ShapeError::TooLarge { name, .. } => (
                format!("{} is too large for a whole number", name.describe()),
                Some(format!("whole numbers here are at most {WHOLE_MAX}")),
            ),
            ShapeError::DecimalTooLarge { name, .. } => (
                format!("{} is too large a number", name.describe()),
                Some("check for extra digits in the exponent (1e400 is beyond any number a computer holds)".into()),
            ),
            ShapeError::NotFinite { name, nan, .. } => (
                format!(
                    "{} is {}, which cannot be used as an input",
                    name.describe(),
                    if *nan {
                        "`nan` (\"not a number\")"
                    } else {
                        "infinite"
                    }
                ),
                Some("write an ordinary number".into()),
            ),
            ShapeError::UnknownWord { word, allowed, .. } => {
                let hint = did_you_mean(word, allowed)
                    .map(|s| format!("did you mean \"{s}\"? "))
                    .unwrap_or_default();
                let choices: Vec<String> = allowed.iter().map(|e| format!("\"{e}\"")).collect();
                (
                    format!("\"{word}\" is not one of the allowed choices"),
                    Some(format!("{hint}choose one of: {}", choices.join(", "))),
                )
            }
            ShapeError::DateWithTime { key, written, .. } => (
                format!("`{key}`: `{written}` has a time of day; write the date alone, such as 2020-10-10"),
                None,
            ),
            // The input's reader does not know the key it reads, so its message never
            // names it.
            ShapeError::Input { key, mistake, .. } => (format!("`{key}`: {mistake}"), None),
        }
    }
}

/// What a value wants, as a message says it, and how to write it: a key as a whole
/// line (`horizon_days = 120`), an element of a list as the value alone.
fn wanted(name: &Name, expected: Expected, found: &Found) -> (String, String) {
    let (key, line) = match name {
        Name::Key(k) => (k.as_str(), format!("{k} = ")),
        Name::Element { list, .. } => (list.as_str(), String::new()),
    };
    // An example for a key; an element's list already shows its neighbours.
    let example = |v: &str| match name {
        Name::Key(_) => format!(", for example {line}{v}"),
        Name::Element { .. } => String::new(),
    };
    let (want, help) = match expected {
        Expected::Whole => (
            "a whole number",
            match found {
                Found::Text(s) if s.trim().parse::<i64>().is_ok() => {
                    format!("remove the quotes: {line}{}", s.trim())
                }
                Found::Text(_) => {
                    format!("write a whole number without quotes{}", example("120"))
                }
                _ => format!("write a whole number{}", example("120")),
            },
        ),
        Expected::Number => (
            "a number",
            match found {
                Found::Text(s) if s.trim().parse::<f64>().is_ok() => {
                    format!("remove the quotes: {}", s.trim())
                }
                _ => "write a number without quotes, for example 1.5".into(),
            },
        ),
        Expected::Text => (
            "text in quotes",
            match found.written() {
                Some(v) => format!("put it in quotes: {line}\"{v}\""),
                None => format!("put it in quotes{}", example("\"Ranam\"")),
            },
        ),
        Expected::Flag => (
            "true or false",
            format!("write true or false without quotes{}", example("true")),
        ),
        Expected::Date => (
            "a date",
            format!("write it as YYYY-MM-DD{}", example("\"2020-10-10\"")),
        ),
        Expected::Section => (
            "a section",
            match name {
                Name::Key(_) => format!(
                    "`{key}` is a section: write [{key}] on its own line and its keys below it"
                ),
                Name::Element { .. } => format!(
                    "each entry of `{key}` is a section: write [[{key}]] on its own line and the entry's keys below it"
                ),
            },
        ),
        Expected::Sections => (
            "a list of sections",
            format!(
                "each entry is its own section with double brackets: write [[{key}]], not [{key}]"
            ),
        ),
        Expected::List(example) => (
            "a list in [brackets]",
            format!("write the values between [ and ], for example {example}"),
        ),
        Expected::Word(words) => (
            "one of its words in quotes",
            format!(
                "choose one of: {}",
                words
                    .iter()
                    .map(|(w, _)| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    };
    (want.to_string(), help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ScenarioFile;

    fn shape_of(text: &str) -> Result<(), ShapeError> {
        let doc = DeTable::parse(text).expect("valid TOML");
        check(text, &doc)
    }

    /// The shipped Ranam scenario with a rank correlation, so that every kind of key
    /// appears in it.
    fn base() -> String {
        format!(
            "{}\n[[correlation]]\ninputs = [\"release.total\", \"release.share_homeless\"]\nrank = 0.6\ngrade = \"E\"\n",
            crate::scenario::DEFAULT_SCENARIO
        )
    }

    /// Every line `key = value` of the base file with its value replaced by each of
    /// many values of every type, and deleted: the walk refuses exactly the files serde
    /// refuses, so serde never has a mistake left to report.
    #[test]
    fn the_walk_refuses_what_serde_refuses() {
        let values = [
            "\"text\"",
            "\"12\"",
            "12",
            "-3",
            "1.5",
            "true",
            "[1, 2]",
            "[\"borrow\"]",
            "[]",
            "{ a = 1 }",
            "{}",
            "2020-10-10",
            "2020-10-10T10:00:00",
            "99999999999999999999999",
            "18446744073709551615",
            "1e400",
            "nan",
            "\"S\"",
            "\"counts\"",
            "{ value = 1, source = 3 }",
            "{ value = 1, grade = \"A\" }",
            "{ value = 1, note = true }",
            "{ months = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }",
            "{ months = \"x\" }",
            "[{ name = \"x\" }]",
        ];
        let text = base();
        let lines: Vec<&str> = text.lines().collect();
        let mut checked = 0;
        for (i, line) in lines.iter().enumerate() {
            let Some((key, _)) = line.split_once(" = ") else {
                continue;
            };
            if key.starts_with('#') || key.contains(' ') {
                continue;
            }
            let replaced = values.iter().map(|v| format!("{key} = {v}"));
            for new in replaced.chain([String::new()]) {
                let mut mutated = lines.clone();
                mutated[i] = &new;
                let mutated = mutated.join("\n");
                if DeTable::parse(&mutated).is_err() {
                    continue;
                }
                let walk = shape_of(&mutated);
                let serde = toml::from_str::<ScenarioFile>(&mutated);
                // serde alone would also read a section from a list (`engine = []`).
                let list_for_section = matches!(
                    walk,
                    Err(ShapeError::WrongType {
                        expected: Expected::Section,
                        found: Found::List,
                        ..
                    })
                );
                assert_eq!(
                    walk.is_err(),
                    serde.is_err() || list_for_section,
                    "line {} as `{new}`: walk {walk:?}, serde {:?}",
                    i + 1,
                    serde.err().map(|e| e.to_string())
                );
                checked += 1;
            }
        }
        assert!(checked > 2000, "{checked} files");
    }

    #[test]
    fn mistakes_are_typed_with_their_place() {
        let text = base().replace("seed = 20201010", "sead = 1");
        let at = text.find("sead").unwrap();
        match shape_of(&text) {
            Err(ShapeError::UnknownKey { key, span, allowed }) => {
                assert_eq!((key.as_str(), span), ("sead", at..at + 4));
                assert_eq!(allowed, keys::META.key_names());
            }
            other => panic!("{other:?}"),
        }
        let text = base().replace("allocation = \"population\"", "allocation = 3");
        let at = text.find("allocation = 3").unwrap() + "allocation = ".len();
        assert_eq!(
            shape_of(&text),
            Err(ShapeError::WrongType {
                name: Name::Key("allocation".into()),
                span: at..at + 1,
                expected: Expected::Word(match keys::RELEASE.field("allocation").unwrap().kind {
                    Kind::Choice(words) => words,
                    _ => unreachable!(),
                }),
                found: Found::Whole("3".into()),
            })
        );
        let text = base().replace("horizon_days = 120", "horizon_days = 1e400");
        assert!(matches!(
            shape_of(&text),
            Err(ShapeError::DecimalTooLarge { name: Name::Key(k), .. }) if k == "horizon_days"
        ));
    }

    /// The loader chooses its help for a range from zero by this kind, however the
    /// range is written.
    #[test]
    fn a_range_from_zero_is_typed_in_every_form() {
        for written in ["value = \"0 to 120\"", "lognormal = { p05 = 0, p95 = 120 }"] {
            let text = base().replace("value = \"15 to 120\"", written);
            match shape_of(&text) {
                Err(ShapeError::Input { key, mistake, .. }) => {
                    assert_eq!(key, "total");
                    assert_eq!(
                        mistake,
                        InputError::Dist(crate::scenario::dist::DistError::LognormalFromZero {
                            low: 0.0,
                            high: 120.0
                        })
                    );
                }
                other => panic!("{written}: {other:?}"),
            }
        }
    }

    /// Even where the mistake is a key of the input's own that has the input's name.
    #[test]
    fn an_input_mistake_names_the_input() {
        let text = base().replace(
            "total = { value = \"15 to 120\"",
            "total = { total = \"15 to 120\"",
        );
        let (message, _) = shape_of(&text).unwrap_err().explain();
        assert!(
            message.starts_with("`total`: unknown key `total` in an input;"),
            "{message}"
        );
    }

    #[test]
    fn elements_are_counted_from_one_with_english_ordinals() {
        let nth = |i| nth_value(i, "l");
        assert_eq!(nth(0), "the 1st value of `l`");
        assert_eq!(nth(1), "the 2nd value of `l`");
        assert_eq!(nth(2), "the 3rd value of `l`");
        assert_eq!(nth(3), "the 4th value of `l`");
        assert_eq!(nth(10), "the 11th value of `l`");
        assert_eq!(nth(11), "the 12th value of `l`");
        assert_eq!(nth(12), "the 13th value of `l`");
        assert_eq!(nth(20), "the 21st value of `l`");
        assert_eq!(nth(21), "the 22nd value of `l`");
        assert_eq!(nth(110), "the 111th value of `l`");
        assert_eq!(nth(101), "the 102nd value of `l`");
    }

    #[test]
    fn a_section_lists_every_key_it_misses() {
        let text = base()
            .replace("share_homeless = {", "# share_homeless = {")
            .replace("recovery_days = {", "# recovery_days = {");
        let header = text.find("[release]").unwrap();
        match shape_of(&text) {
            Err(ShapeError::MissingKeys {
                span,
                header: Some(h),
                missing,
            }) => {
                assert_eq!((span.start, h.as_str()), (header, "release"));
                assert_eq!(missing, ["share_homeless", "recovery_days"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
