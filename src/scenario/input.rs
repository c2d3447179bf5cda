//! One numeric input of a scenario: a fixed number or a distribution, with its source.
//!
//! In a scenario file an input is written as
//!
//! * a number: `persons_per_household = 3.97`
//! * a range shorthand: `total = "5000 to 9000"` (lognormal, 5th and 95th percentiles)
//! * a table, which can also carry the source and grade:
//!   `total = { value = "5000 to 9000", source = "RFA via UPI, 25 Nov 2020", grade = "S2" }`,
//!   or an explicit form such as `{ uniform = [0.5, 0.9] }`, `{ triangular = [a, mode, b] }`,
//!   `{ pert = [a, mode, b] }`, `{ normal = { mean = 1, sd = 0.1 } }`,
//!   `{ lognormal = { median = 10, p95 = 20 } }`, `{ lognormal = { mean = 10, sd = 3 } }`,
//!   `{ beta = { alpha = 2, beta = 5 } }`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::dist::{Dist, DistError, fmt_num};
use super::suggest::did_you_mean;

/// How well an input is sourced, as graded in the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    /// Sourced directly.
    S,
    /// Sourced through a secondary copy.
    S2,
    /// An estimate; the note says how it is derived.
    E,
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Grade::S => "S",
            Grade::S2 => "S2",
            Grade::E => "E",
        })
    }
}

impl Grade {
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::S => "sourced",
            Grade::S2 => "sourced through a secondary copy",
            Grade::E => "estimate",
        }
    }
}

/// A numeric input with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    pub dist: Dist,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Input {
    pub fn fixed(value: f64) -> Input {
        Input {
            dist: Dist::Fixed { value },
            source: None,
            grade: None,
            note: None,
        }
    }

    pub fn is_uncertain(&self) -> bool {
        !self.dist.is_fixed()
    }
}

/// A mistake in how an input is written. The kinds the loader or the shape walk treat
/// on their own are told apart; the rest carry their message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    /// Parameters that make no distribution.
    #[error(transparent)]
    Dist(#[from] DistError),
    /// `source`, `note` or `grade` written as something other than text.
    #[error("`{key}` must be text")]
    NotText { key: String },
    #[error("{0}")]
    Written(String),
}

impl From<String> for InputError {
    fn from(message: String) -> InputError {
        InputError::Written(message)
    }
}

impl From<&str> for InputError {
    fn from(message: &str) -> InputError {
        InputError::Written(message.to_string())
    }
}

/// The distributions written as a list of numbers, `{ pert = [20, 30, 40] }`.
pub const LIST_FORMS: &[&str] = &["uniform", "triangular", "pert"];

const INPUT_KEYS: &[&str] = &[
    "value",
    "source",
    "grade",
    "note",
    "uniform",
    "triangular",
    "pert",
    "normal",
    "lognormal",
    "beta",
];
const FORM_HELP: &str = "write a number (3.97), a range (\"5000 to 9000\"), or a table such as \
     { value = 3.97, source = \"...\", grade = \"E\" } or { uniform = [0.5, 0.9] }";

/// Parses the string form: a number or `"a to b"`.
pub fn parse_str_input(s: &str) -> Result<Dist, InputError> {
    let t = s.trim();
    if let Some((a, b)) = t.split_once(" to ") {
        let a = parse_number(a)?;
        let b = parse_number(b)?;
        return Ok(Dist::lognormal_from_p05_p95(a, b)?);
    }
    if t.ends_with('%') {
        parse_number(t)?;
    }
    parse_number(t)
        .map(|value| Dist::Fixed { value })
        .map_err(|_| format!("`{s}` is not a number or a range; {FORM_HELP}").into())
}

fn parse_number(s: &str) -> Result<f64, String> {
    if let Some(Ok(x)) = s.trim().strip_suffix('%').map(|n| n.trim().parse::<f64>()) {
        return Err(format!(
            "`{}` is a percentage; write shares as fractions without a percent sign: {} is {}",
            s.trim(),
            s.trim(),
            fmt_num(x / 100.0)
        ));
    }
    let t = s.trim().replace(['_', ','], "");
    let x: f64 = t
        .parse()
        .map_err(|_| format!("`{}` is not a number", s.trim()))?;
    check_finite(x)
}

fn check_finite(x: f64) -> Result<f64, String> {
    if x.is_nan() {
        Err("`nan` (\"not a number\") cannot be used as an input; write an ordinary number, or a range such as \"5 to 10\" if the value is uncertain".into())
    } else if x.is_infinite() {
        Err("an infinite number cannot be used as an input; write an ordinary number, or a range such as \"5000 to 9000\" if the value is uncertain".into())
    } else {
        Ok(x)
    }
}

fn as_f64(v: &toml::Value, what: &str) -> Result<f64, String> {
    match v {
        toml::Value::Integer(i) => Ok(*i as f64),
        toml::Value::Float(f) => check_finite(*f),
        other => Err(format!("{what} must be a number, not {}", other.type_str())),
    }
}

fn as_array<const N: usize>(v: &toml::Value, form: &str, names: &str) -> Result<[f64; N], String> {
    let arr = v
        .as_array()
        .filter(|a| a.len() == N)
        .ok_or_else(|| format!("`{form}` takes a list of {N} numbers [{names}]"))?;
    let mut out = [0.0; N];
    for (index, (o, x)) in out.iter_mut().zip(arr).enumerate() {
        let what = super::shape::nth_value(index, form);
        *o = match x {
            toml::Value::Float(f) => check_finite(*f).map_err(|e| format!("{what}: {e}")),
            other => as_f64(other, &what),
        }?;
    }
    Ok(out)
}

fn table_field(
    t: &toml::Table,
    form: &str,
    key: &str,
    allowed: &[&str],
) -> Result<Option<f64>, String> {
    for k in t.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(format!(
                "`{form}` has no key `{k}`{}; it takes {}",
                did_you_mean(k, allowed)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default(),
                allowed.join(", ")
            ));
        }
    }
    t.get(key)
        .map(|v| as_f64(v, &format!("{form}.{key}")))
        .transpose()
}

fn parse_form(form: &str, v: &toml::Value) -> Result<Dist, InputError> {
    let ordered = |a: f64, m: f64, b: f64| -> Result<(), String> {
        if a < b && a <= m && m <= b {
            Ok(())
        } else {
            Err(format!(
                "`{form}` needs min < max and the mode between them (got min = {}, mode = {}, max = {}); \
                 write [min, mode, max]",
                fmt_num(a),
                fmt_num(m),
                fmt_num(b)
            ))
        }
    };
    match form {
        "uniform" => {
            let [a, b] = as_array::<2>(v, form, "min, max")?;
            if a >= b {
                return Err(format!(
                    "`uniform = [{}, {}]` needs min < max",
                    fmt_num(a),
                    fmt_num(b)
                )
                .into());
            }
            Ok(Dist::Uniform { min: a, max: b })
        }
        "triangular" => {
            let [a, m, b] = as_array::<3>(v, form, "min, mode, max")?;
            ordered(a, m, b)?;
            Ok(Dist::Triangular {
                min: a,
                mode: m,
                max: b,
            })
        }
        "pert" => {
            let [a, m, b] = as_array::<3>(v, form, "min, mode, max")?;
            ordered(a, m, b)?;
            Ok(Dist::Pert {
                min: a,
                mode: m,
                max: b,
            })
        }
        "normal" => {
            let t = v
                .as_table()
                .ok_or("`normal` takes a table { mean = .., sd = .. }")?;
            let keys = ["mean", "sd"];
            let mean = table_field(t, form, "mean", &keys)?;
            let sd = table_field(t, form, "sd", &keys)?;
            match (mean, sd) {
                (Some(mean), Some(sd)) if sd > 0.0 => Ok(Dist::Normal { mean, sd }),
                (Some(_), Some(sd)) => {
                    Err(format!("`normal` needs sd > 0 (got {})", fmt_num(sd)).into())
                }
                _ => Err("`normal` needs both `mean` and `sd`".into()),
            }
        }
        "lognormal" => {
            let t = v.as_table().ok_or(
                "`lognormal` takes a table: { median = .., p95 = .. }, { mean = .., sd = .. } or { p05 = .., p95 = .. }",
            )?;
            let keys = ["median", "p95", "mean", "sd", "p05"];
            let get = |k| table_field(t, form, k, &keys);
            match (get("median")?, get("p95")?, get("mean")?, get("sd")?, get("p05")?) {
                (Some(m), Some(p95), None, None, None) => Ok(Dist::lognormal_from_median_p95(m, p95)?),
                (None, None, Some(mean), Some(sd), None) => Ok(Dist::lognormal_from_mean_sd(mean, sd)?),
                (None, Some(p95), None, None, Some(p05)) => Ok(Dist::lognormal_from_p05_p95(p05, p95)?),
                _ => Err("`lognormal` takes exactly one pair: median and p95, mean and sd, or p05 and p95".into()),
            }
        }
        "beta" => {
            let t = v
                .as_table()
                .ok_or("`beta` takes a table { alpha = .., beta = .. }")?;
            let keys = ["alpha", "beta"];
            match (
                table_field(t, form, "alpha", &keys)?,
                table_field(t, form, "beta", &keys)?,
            ) {
                (Some(a), Some(b)) if a > 0.0 && b > 0.0 => Ok(Dist::Beta { alpha: a, beta: b }),
                (Some(_), Some(_)) => Err("`beta` needs alpha > 0 and beta > 0".into()),
                _ => Err("`beta` needs both `alpha` and `beta`".into()),
            }
        }
        _ => unreachable!("form names are checked by the caller"),
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = Input;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a number, a range such as \"5 to 10\", or a table with a value or a distribution",
        )
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Input, E> {
        Ok(Input::fixed(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Input, E> {
        Ok(Input::fixed(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Input, E> {
        check_finite(v).map(Input::fixed).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Input, E> {
        parse_str_input(v)
            .map(|dist| Input {
                dist,
                source: None,
                grade: None,
                note: None,
            })
            .map_err(E::custom)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Input, E> {
        Err(E::custom(format!(
            "expected a number, found true/false; {FORM_HELP}"
        )))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Input, A::Error> {
        Err(de::Error::custom(format!(
            "expected a number, found a list; for a range write {{ uniform = [a, b] }}; {FORM_HELP}"
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Input, A::Error> {
        let table = toml::Table::deserialize(de::value::MapAccessDeserializer::new(map))?;
        read_table(&table).map_err(de::Error::custom)
    }
}

/// An input written as a table: `{ value = .., source = .., grade = .., note = .. }` or
/// a distribution in place of the value. The keys are read in the table's order, and
/// the first mistake is the one told.
pub fn read_table(table: &toml::Table) -> Result<Input, InputError> {
    let mut dist: Option<(&str, Dist)> = None;
    let mut source = None;
    let mut grade = None;
    let mut note = None;
    for (key, v) in table {
        let text = || {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| InputError::NotText { key: key.clone() })
        };
        let d = match key.as_str() {
            "value" => match v {
                toml::Value::String(s) => parse_str_input(s)?,
                other => Dist::Fixed {
                    value: as_f64(other, "value")?,
                },
            },
            "source" => {
                source = Some(text()?);
                continue;
            }
            "note" => {
                note = Some(text()?);
                continue;
            }
            "grade" => {
                let g = text()?;
                grade = Some(match g.as_str() {
                    "S" => Grade::S,
                    "S2" => Grade::S2,
                    "E" => Grade::E,
                    _ => {
                        return Err(format!(
                            "grade `{g}` is not one of \"S\" (sourced), \"S2\" (secondary copy), \"E\" (estimate)"
                        )
                        .into());
                    }
                });
                continue;
            }
            "uniform" | "triangular" | "pert" | "normal" | "lognormal" | "beta" => {
                parse_form(key, v)?
            }
            other => {
                let hint = did_you_mean(other, INPUT_KEYS)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "unknown key `{other}` in an input{hint}; an input table takes {}",
                    INPUT_KEYS.join(", ")
                )
                .into());
            }
        };
        if let Some((prev, _)) = dist {
            return Err(format!(
                "this input has both `{prev}` and `{key}`; give exactly one value or distribution"
            )
            .into());
        }
        dist = Some((key, d));
    }
    let (_, dist) = dist.ok_or_else(|| {
        format!("this input has no value; add `value = ...` or a distribution; {FORM_HELP}")
    })?;
    Ok(Input {
        dist,
        source,
        grade,
        note,
    })
}

impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Input, D::Error> {
        d.deserialize_any(InputVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        x: Input,
    }

    fn parse(s: &str) -> Result<Input, String> {
        toml::from_str::<Doc>(s)
            .map(|d| d.x)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn forms_parse() {
        assert_eq!(parse("x = 3").unwrap().dist, Dist::Fixed { value: 3.0 });
        assert_eq!(
            parse("x = \"7_000\"").unwrap().dist,
            Dist::Fixed { value: 7000.0 }
        );
        assert!(matches!(
            parse("x = \"5 to 10\"").unwrap().dist,
            Dist::Lognormal { .. }
        ));
        assert_eq!(
            parse("x = { uniform = [0.5, 0.9], grade = \"E\" }").unwrap(),
            Input {
                dist: Dist::Uniform { min: 0.5, max: 0.9 },
                source: None,
                grade: Some(Grade::E),
                note: None
            }
        );
        assert!(matches!(
            parse("x = { pert = [1, 2, 4] }").unwrap().dist,
            Dist::Pert { .. }
        ));
        assert!(matches!(
            parse("x = { beta = { alpha = 2, beta = 3 } }")
                .unwrap()
                .dist,
            Dist::Beta { .. }
        ));
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse("x = \"0 to 10\"").unwrap_err().contains("above zero"));
        assert!(parse("x = \"70%\"").unwrap_err().contains("70% is 0.7"));
        assert!(
            parse("x = { unifrom = [1, 2] }")
                .unwrap_err()
                .contains("did you mean `uniform`")
        );
        assert!(
            parse("x = { triangular = [1, 5, 4] }")
                .unwrap_err()
                .contains("mode")
        );
        assert!(
            parse("x = { source = \"a\" }")
                .unwrap_err()
                .contains("no value")
        );
        assert!(
            parse("x = { value = 1, uniform = [1, 2] }")
                .unwrap_err()
                .contains("exactly one")
        );
        assert!(parse("x = nan").unwrap_err().contains("nan"));
    }
}
