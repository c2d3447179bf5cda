//! Scenario editing: the inputs as the page shows them, and the page's edits applied
//! through the command line's own `--set` machinery ([`crate::cli::with_overrides`]),
//! so a bad value gets exactly the message `burden run --set` would print.

use serde::{Deserialize, Serialize};
use toml_edit::{DocumentMut, InlineTable, TableLike, Value};

use crate::cli::explain;
use crate::cli::{CliError, with_overrides};
use crate::output::input_rows;
use crate::scenario::dist::fmt_num;
use crate::scenario::overrides::{self, Override};
use crate::scenario::{Dist, Domain, Scenario, load_str};

/// One field the user changed: its dotted key and the text typed, as `--set KEY=VALUE`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Edit {
    pub key: String,
    pub value: String,
}

impl Edit {
    pub fn set(&self) -> String {
        format!("{}={}", self.key, self.value)
    }
}

/// A field's error: `key` is empty for an error of the edits together.
#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub key: String,
    pub message: String,
}

/// One numeric input as the page shows it.
#[derive(Debug, Serialize)]
pub struct Field {
    /// The dotted key `--set` and `explain` use, such as `levy.resident_share`.
    pub key: String,
    /// The same input named by its district, group or item, when that differs.
    pub named: String,
    /// Its value in the file's own syntax (`0.3`, `15 to 120`, `{ uniform = [0.6, 1.0] }`).
    pub text: String,
    pub value: String,
    pub unit: &'static str,
    pub meaning: &'static str,
    pub kind: &'static str,
    pub source: String,
    pub grade: String,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
    /// Draws between the 1st and 99th percentiles in block characters (as `explain`).
    pub histogram: String,
    /// A slider's range, for a single number.
    pub slider: Option<[f64; 3]>,
}

/// The inputs in the file's order, grouped by the section that holds them.
#[derive(Debug, Serialize)]
pub struct Group {
    pub name: String,
    pub fields: Vec<Field>,
}

/// The scenario with the edits applied, or each edit's error (each edit is tried alone
/// first, so an error stands beside its own field; then all together).
pub fn apply(base: &Scenario, edits: &[Edit]) -> Result<Scenario, Vec<FieldError>> {
    let errors: Vec<FieldError> = edits
        .iter()
        .filter_map(|e| {
            with_overrides(base.clone(), &[e.set()])
                .err()
                .map(|err| FieldError {
                    key: e.key.clone(),
                    message: err.shown(),
                })
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let sets: Vec<String> = edits.iter().map(Edit::set).collect();
    with_overrides(base.clone(), &sets).map_err(|err| {
        vec![FieldError {
            key: String::new(),
            message: err.shown(),
        }]
    })
}

/// Every numeric input of `sc`, grouped as in the file, with its percentiles.
pub fn groups(sc: &Scenario) -> Vec<Group> {
    let doc: Option<DocumentMut> = sc.text.parse().ok();
    let explained = explain::rows(sc);
    let rows = input_rows(sc);
    let mut groups: Vec<Group> = Vec::new();
    for (info, row) in sc.inputs.iter().zip(rows) {
        let dist = &info.input.dist;
        let (p05, p50, p95, histogram) = match explained.iter().find(|r| r.path == info.path) {
            Some(r) => (r.p05, r.p50, r.p95, r.histogram.clone()),
            None => (
                dist.quantile(0.05),
                dist.quantile(0.5),
                dist.quantile(0.95),
                String::new(),
            ),
        };
        let text = doc
            .as_ref()
            .and_then(|d| file_text(d, &info.path))
            .unwrap_or_else(|| dist_text(dist));
        let field = Field {
            key: info.path.clone(),
            named: row.path,
            text,
            value: row.value,
            unit: row.unit,
            meaning: row.meaning,
            kind: row.kind,
            source: row.source,
            grade: row.grade,
            p05,
            p50,
            p95,
            histogram,
            slider: slider(dist, info.domain),
        };
        let section = info
            .path
            .rsplit_once('.')
            .map_or("", |(s, _)| s)
            .to_string();
        match groups.last_mut() {
            Some(g) if g.name == section => g.fields.push(field),
            _ => groups.push(Group {
                name: section,
                fields: vec![field],
            }),
        }
    }
    groups
}

/// A slider's [min, max, step] for a fixed number in its domain.
fn slider(dist: &Dist, domain: Domain) -> Option<[f64; 3]> {
    let Dist::Fixed { value } = *dist else {
        return None;
    };
    if domain == Domain::Share {
        return Some([0.0, 1.0, 0.01]);
    }
    let top = if value.abs() > 0.0 {
        value.abs() * 3.0
    } else {
        10.0
    };
    let step = 10f64.powf((top / 300.0).log10().floor());
    let bottom = if domain == Domain::Any { -top } else { 0.0 };
    Some([bottom, top, step])
}

/// The input's value as written in the file: the text of the value, or of its
/// distribution without `source`, `grade` and `note`.
fn file_text(doc: &DocumentMut, path: &str) -> Option<String> {
    let mut doc = doc.clone();
    let value = value_mut(&mut doc, path)?;
    Some(match value {
        Value::InlineTable(t) => match t.get("value") {
            Some(v) => plain(v),
            None => {
                let mut dist = InlineTable::new();
                for (k, v) in t
                    .iter()
                    .filter(|(k, _)| !["source", "grade", "note"].contains(k))
                {
                    dist.insert(k, v.clone());
                }
                dist.fmt();
                dist.to_string().trim().to_string()
            }
        },
        v => plain(v),
    })
}

/// The value at a dotted path such as `district[0].population`, where the file has one.
fn value_mut<'d>(doc: &'d mut DocumentMut, path: &str) -> Option<&'d mut Value> {
    let parts: Vec<&str> = path.split('.').collect();
    let (last, sections) = parts.split_last()?;
    let mut table: &mut dyn TableLike = doc.as_table_mut();
    for part in sections {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, Some(i.strip_suffix(']')?.parse::<usize>().ok()?)),
            None => (*part, None),
        };
        let item = table.get_mut(key)?;
        table = match index {
            None => item.as_table_like_mut()?,
            Some(i) => {
                if item.is_array_of_tables() {
                    item.as_array_of_tables_mut()?.get_mut(i)? as &mut dyn TableLike
                } else {
                    item.as_array_mut()?.get_mut(i)?.as_inline_table_mut()? as &mut dyn TableLike
                }
            }
        };
    }
    table.get_mut(last)?.as_value_mut()
}

fn plain(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string().trim().to_string(),
    }
}

/// A distribution in the file's syntax, for an input the file leaves at its default.
fn dist_text(d: &Dist) -> String {
    let n = |x: f64| format!("{x}");
    match *d {
        Dist::Fixed { value } => n(value),
        Dist::Uniform { min, max } => format!("{{ uniform = [{}, {}] }}", n(min), n(max)),
        Dist::Triangular { min, mode, max } => {
            format!("{{ triangular = [{}, {}, {}] }}", n(min), n(mode), n(max))
        }
        Dist::Pert { min, mode, max } => {
            format!("{{ pert = [{}, {}, {}] }}", n(min), n(mode), n(max))
        }
        Dist::Normal { mean, sd } => format!("{{ normal = [{}, {}] }}", n(mean), n(sd)),
        Dist::Lognormal { .. } => format!(
            "{} to {}",
            fmt_num(d.quantile(0.05)),
            fmt_num(d.quantile(0.95))
        ),
        Dist::Beta { alpha, beta } => format!("{{ beta = [{}, {}] }}", n(alpha), n(beta)),
    }
}

/// The scenario's TOML with the edits made, comments and other sources kept: each
/// changed input's source says what it was before, and its grade becomes E (a what-if
/// is an estimate) unless the value typed gives its own.
pub fn edited_toml(base: &Scenario, edits: &[Edit]) -> Result<String, Vec<FieldError>> {
    let edited = apply(base, edits)?;
    let inputs: Vec<&str> = base.inputs.iter().map(|i| i.path.as_str()).collect();
    let mut annotated = Vec::new();
    for (edit, canonical) in edits.iter().zip(&edited.overrides) {
        let key = canonical
            .split_once('=')
            .map_or(canonical.as_str(), |(k, _)| k);
        let value = match base.inputs.iter().find(|i| i.path == key) {
            Some(before) => {
                let was = format!(
                    "changed in burden serve from {} (before: {})",
                    before.input.dist.describe(),
                    before.input.source.as_deref().unwrap_or("no source given")
                );
                let mut table = match overrides::parse_value(&edit.value) {
                    Value::InlineTable(t) => t,
                    other => {
                        let mut t = InlineTable::new();
                        t.insert("value", other);
                        t
                    }
                };
                if !table.contains_key("source") {
                    table.insert("source", Value::from(was));
                }
                if !table.contains_key("grade") {
                    table.insert("grade", Value::from("E"));
                }
                table.fmt();
                table.to_string()
            }
            None => overrides::parse_value(&edit.value).to_string(),
        };
        annotated.push(Override {
            key: key.to_string(),
            value,
        });
    }
    // A value the file holds is replaced where it stands, so the comments above it
    // stay; one the file leaves at its default is added by `--set`'s machinery.
    let mut doc: DocumentMut = base.text.parse().map_err(|e| {
        vec![FieldError {
            key: String::new(),
            message: format!("error: the scenario is not valid TOML: {e}"),
        }]
    })?;
    let mut rest = Vec::new();
    for o in annotated {
        let new: Option<Value> = o.value.parse().ok();
        match (value_mut(&mut doc, &o.key), new) {
            (Some(old), Some(new)) => {
                let decor = old.decor().clone();
                *old = new;
                *old.decor_mut() = decor;
            }
            _ => rest.push(o),
        }
    }
    let (text, _) =
        overrides::apply(&doc.to_string(), &inputs, &rest, "--set").map_err(|message| {
            vec![FieldError {
                key: String::new(),
                message,
            }]
        })?;
    let sets: Vec<String> = edits.iter().map(|e| format!("--set {}", e.set())).collect();
    let text = format!(
        "# Edited in burden serve from {} with {}\n{text}",
        base.origin,
        sets.join(" ")
    );
    // What is offered for download must load as it is.
    load_str(&base.origin, &text).map_err(|e| {
        vec![FieldError {
            key: String::new(),
            message: CliError::from(crate::scenario::LoadError::from(e)).shown(),
        }]
    })?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{DEFAULT_ORIGIN, DEFAULT_SCENARIO};

    fn ranam() -> Scenario {
        load_str(DEFAULT_ORIGIN, DEFAULT_SCENARIO).expect("the default scenario loads")
    }

    fn edit(key: &str, value: &str) -> Edit {
        Edit {
            key: key.into(),
            value: value.into(),
        }
    }

    #[test]
    fn fields_show_the_files_own_text_and_explains_percentiles() {
        let groups = groups(&ranam());
        let levy = groups
            .iter()
            .find(|g| g.name == "levy")
            .expect("a levy group");
        let share = &levy.fields[0];
        assert_eq!(share.key, "levy.resident_share");
        assert_eq!(share.text, "{ uniform = [0.6, 1.0] }");
        // Uniform 0.6 to 1: the 5th percentile is 0.6 + 0.05 x 0.4 = 0.62.
        assert!((share.p05 - 0.62).abs() < 1e-12 && (share.p95 - 0.98).abs() < 1e-12);
        assert_eq!(share.histogram.chars().count(), 16);
        let release = groups
            .iter()
            .find(|g| g.name == "release")
            .expect("a release group");
        let total = &release.fields[0];
        assert_eq!(
            (total.key.as_str(), total.text.as_str()),
            ("release.total", "15 to 120")
        );
    }

    #[test]
    fn every_field_set_to_its_own_text_loads() {
        let sc = ranam();
        for g in groups(&sc) {
            for f in g.fields {
                let e = edit(&f.key, &f.text);
                assert!(apply(&sc, &[e]).is_ok(), "{} = {}", f.key, f.text);
            }
        }
    }

    #[test]
    fn a_bad_value_gets_the_command_lines_message_beside_its_field() {
        let sc = ranam();
        let bad = edit("levy.resident_share", "1.5");
        let errors = apply(&sc, &[edit("release.total", "100"), bad.clone()]).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key, "levy.resident_share");
        let cli = with_overrides(sc, &[bad.set()]).unwrap_err().shown();
        assert_eq!(errors[0].message, cli);
    }

    #[test]
    fn the_download_keeps_comments_and_notes_each_change() {
        let sc = ranam();
        let text = edited_toml(
            &sc,
            &[
                edit("levy.resident_share", "0"),
                edit("release.total", "30 to 90"),
            ],
        )
        .expect("the edits apply");
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count()
        };
        assert_eq!(comments(&text), comments(&sc.text) + 1);
        let share = text
            .lines()
            .find(|l| l.starts_with("resident_share"))
            .expect("the line");
        assert!(share.contains("value = 0"), "{share}");
        assert!(
            share.contains(
                "changed in burden serve from uniform 0.6 to 1 (before: E from residents"
            ),
            "{share}"
        );
        assert!(share.contains("grade = \"E\""), "{share}");
        let again = load_str("edited.toml", &text).expect("the download loads");
        let total = again
            .inputs
            .iter()
            .find(|i| i.path == "release.total")
            .expect("release.total");
        let p05 = total.input.dist.quantile(0.05);
        assert!((p05 - 30.0).abs() < 1e-6, "{p05}");
    }
}
