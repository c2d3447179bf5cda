//! A JSON Schema of scenario files, for editors (Even Better TOML / taplo) to check and
//! complete them, written out by `burden schema`, and the key reference of
//! docs/SCENARIOS.md: both derived from the key table, [`keys::FILE`](super::keys::FILE).
//!
//! The schema is for editors; the loader's checks (with line and column) remain the
//! authority, so the schema may accept a few files that `burden validate` refuses (for
//! example `"10 to 5"`), never the other way round.

use serde_json::{Map, Value, json};

use super::keys::{FILE, Fallback, Field, Kind, Section};
use super::world::Domain;
use Domain::{Any, AtLeastOne, Count, NonNegative, Positive, Share, Spread};

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
        let (unit, meaning) = (f.unit, f.meaning);
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
        Kind::Whole { min, max } => {
            format!("whole number, {}", super::keys::range_text(*min, *max))
        }
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
    // `[[path]]` for a list of sections, `[path]` for one.
    fn header(path: &str, kind: &Kind) -> String {
        match kind {
            Kind::Tables(_) => format!("[[{path}]]"),
            _ => format!("[{path}]"),
        }
    }
    fn section(out: &mut String, path: &str, field: &Field, s: &'static Section) {
        let heading = header(path, &field.kind);
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
                    "| `{}` | {} | {} | see `{}` below |\n",
                    f.key,
                    kind_text(&f.kind),
                    if f.required { "required" } else { "optional" },
                    header(&format!("{path}.{}", f.key), &f.kind)
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
    use super::super::keys::input_domain;

    #[test]
    fn every_input_of_the_shipped_scenarios_is_described_with_its_domain() {
        for (name, text) in crate::scenario::shipped::SHIPPED {
            let sc = crate::scenario::load_str(name, text).expect("shipped scenarios load");
            for i in &sc.inputs {
                // The walk names each input by a path the key table knows, with the
                // table's domain.
                assert_eq!(
                    input_domain(&i.path),
                    Some(i.domain),
                    "{} is described with another domain than the loader uses",
                    i.path
                );
            }
        }
    }
}
