//! `--set KEY=VALUE`: changing one input of a scenario without editing its file.
//!
//! The change is made on the TOML text (with `toml_edit`, which keeps the rest of the
//! file as it was), and the new text is loaded like any scenario, so every check
//! applies to the value set. A key is a dotted path as the report names inputs:
//! `release.total`, `levy.resident_share`, `district[0].population`,
//! `wealth_group[1].stock_days`; a district may also be named, as in
//! `district.Ranam.population`. The value is read as TOML (a number, `true`, a table
//! such as `{ uniform = [0.5, 0.9] }`), and as text otherwise, so `5000 to 9000` and
//! `district` need no quotes.

use std::fmt;

use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value};

use super::suggest::did_you_mean;

/// The source recorded for a value set on the command line.
pub const SET_SOURCE: &str = "set on the command line with --set (replaces the file's value)";

/// One `--set KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub key: String,
    pub value: String,
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.key, self.value)
    }
}

impl Override {
    /// Parses `KEY=VALUE` (the first `=` separates them).
    pub fn parse(text: &str) -> Result<Override, String> {
        match text.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => Ok(Override {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
            }),
            _ => Err(format!(
                "--set `{text}` needs the form KEY=VALUE\n  = help: for example --set release.total=7000 or --set 'levy.resident_share=0.5'"
            )),
        }
    }
}

/// The value of `--set`: TOML if it parses as TOML, otherwise the text itself.
pub fn parse_value(raw: &str) -> Value {
    let t = raw.trim();
    match t.parse::<Value>() {
        Ok(v) => v.decorated("", ""),
        Err(_) => Value::from(t.trim_matches('"')),
    }
}

/// One step of a path: a key, with an index when the key holds a list of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    key: String,
    index: Option<usize>,
}

fn parse_steps(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let part = part.trim();
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => {
                let n = rest
                    .strip_suffix(']')
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .ok_or_else(|| {
                        format!(
                            "`{part}` in `{path}` is not a key with an index such as district[0]"
                        )
                    })?;
                (k.to_string(), Some(n))
            }
            None => (part.to_string(), None),
        };
        if key.is_empty() {
            return Err(format!(
                "`{path}` has an empty part; write keys separated by dots, such as release.total"
            ));
        }
        steps.push(Step { key, index });
    }
    Ok(steps)
}

fn path_string(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| match s.index {
            Some(i) => format!("{}[{i}]", s.key),
            None => s.key.clone(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The tables of a list, read-only (an array of tables or an array of inline tables).
fn list_tables(item: &Item) -> Option<Vec<&dyn TableLike>> {
    if let Some(a) = item.as_array_of_tables() {
        return Some(a.iter().map(|t| t as &dyn TableLike).collect());
    }
    item.as_array().map(|a| {
        a.iter()
            .filter_map(|v| v.as_inline_table().map(|t| t as &dyn TableLike))
            .collect()
    })
}

fn name_of(t: &dyn TableLike) -> Option<&str> {
    t.get("name").and_then(Item::as_str)
}

/// Resolves names (`district.Ranam`) to indices and reports whether the path exists.
fn canonical(doc: &DocumentMut, path: &str) -> Result<(Vec<Step>, bool), String> {
    let raw = parse_steps(path)?;
    let mut steps: Vec<Step> = Vec::new();
    let mut table: Option<&dyn TableLike> = Some(doc.as_table() as &dyn TableLike);
    let mut i = 0;
    let mut exists = true;
    while i < raw.len() {
        let mut step = raw[i].clone();
        let Some(t) = table.filter(|_| exists) else {
            steps.push(step);
            i += 1;
            continue;
        };
        let child = t.get(&step.key).filter(|c| !c.is_none());
        let Some(child) = child else {
            exists = false;
            steps.push(step);
            i += 1;
            continue;
        };
        if let Some(list) = list_tables(child) {
            let index = match step.index {
                Some(n) => n,
                None if i + 1 < raw.len() && raw[i + 1].index.is_none() => {
                    // `district.Ranam.population`: the next part names an element.
                    let wanted = &raw[i + 1].key;
                    let found = list
                        .iter()
                        .position(|e| name_of(*e).is_some_and(|n| n.eq_ignore_ascii_case(wanted)));
                    match found {
                        Some(n) => {
                            i += 1;
                            n
                        }
                        None => {
                            let names: Vec<&str> =
                                list.iter().filter_map(|e| name_of(*e)).collect();
                            let hint = did_you_mean(wanted, &names)
                                .map(|s| format!("did you mean `{s}`? "))
                                .unwrap_or_default();
                            return Err(format!(
                                "`{path}`: there is no {} named \"{wanted}\"\n  = help: {hint}{}",
                                step.key,
                                list_help(&step.key, &list)
                            ));
                        }
                    }
                }
                None => {
                    return Err(format!(
                        "`{path}`: `{}` is a list; say which one, for example {}[0]",
                        step.key, step.key
                    ));
                }
            };
            let Some(element) = list.get(index) else {
                return Err(format!(
                    "`{path}`: the scenario has {} `{}` entries, so `{}[{index}]` does not exist\n  = help: {}",
                    list.len(),
                    step.key,
                    step.key,
                    list_help(&step.key, &list)
                ));
            };
            step.index = Some(index);
            table = Some(*element);
        } else {
            if step.index.is_some() {
                return Err(format!("`{path}`: `{}` is not a list", step.key));
            }
            table = child.as_table_like();
        }
        steps.push(step);
        i += 1;
    }
    Ok((steps, exists))
}

fn list_help(key: &str, list: &[&dyn TableLike]) -> String {
    let named: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(i, e)| match name_of(*e) {
            Some(n) => format!("{key}[{i}] is {n}"),
            None => format!("{key}[{i}]"),
        })
        .collect();
    if named.is_empty() {
        format!("the scenario has no `{key}` entries")
    } else {
        format!("entries are numbered from 0: {}", named.join(", "))
    }
}

/// Every leaf key of the document as a dotted path (for "did you mean").
fn leaf_paths(t: &dyn TableLike, prefix: &str, out: &mut Vec<String>) {
    for (k, item) in t.iter() {
        let p = if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        };
        if let Some(list) = list_tables(item).filter(|l| !l.is_empty()) {
            for (i, e) in list.iter().enumerate() {
                leaf_paths(*e, &format!("{p}[{i}]"), out);
            }
        } else if let Some(sub) = item.as_table() {
            leaf_paths(sub, &p, out);
        } else {
            out.push(p);
        }
    }
}

fn set_in(t: &mut dyn TableLike, steps: &[Step], value: Item) -> Result<(), String> {
    let Some((s, rest)) = steps.split_first() else {
        return Err("an empty key".into());
    };
    if rest.is_empty() {
        // A key the file holds keeps its place and the comments around it: only its
        // value is replaced (with the old value's spacing and trailing comment).
        match t.get_mut(&s.key) {
            Some(old) if !old.is_none() => {
                let mut value = value;
                if let (Some(was), Some(new)) = (old.as_value(), value.as_value_mut()) {
                    *new.decor_mut() = was.decor().clone();
                }
                *old = value;
            }
            _ => {
                t.insert(&s.key, value);
            }
        }
        return Ok(());
    }
    if t.get(&s.key).is_none_or(Item::is_none) {
        t.insert(&s.key, Item::Table(Table::new()));
    }
    let Some(child) = t.get_mut(&s.key) else {
        return Err(format!("`{}` could not be created", s.key));
    };
    match s.index {
        None => match child.as_table_like_mut() {
            Some(sub) => set_in(sub, rest, value),
            None => Err(format!("`{}` is a value, not a section", s.key)),
        },
        Some(i) => {
            if let Some(list) = child.as_array_of_tables_mut() {
                match list.get_mut(i) {
                    Some(sub) => set_in(sub, rest, value),
                    None => Err(format!("`{}[{i}]` does not exist", s.key)),
                }
            } else if let Some(sub) = child
                .as_array_mut()
                .and_then(|a| a.get_mut(i))
                .and_then(Value::as_inline_table_mut)
            {
                set_in(sub, rest, value)
            } else {
                Err(format!("`{}[{i}]` does not exist", s.key))
            }
        }
    }
}

/// Gives a value set for a numeric input its provenance, so the report never shows
/// the file's source beside a value the file does not hold.
fn with_provenance(value: Value) -> Value {
    let mut table = match value {
        Value::InlineTable(t) => t,
        other => {
            let mut t = InlineTable::new();
            t.insert("value", other.decorated(" ", ""));
            t
        }
    };
    if !table.contains_key("source") {
        table.insert("source", Value::from(SET_SOURCE).decorated(" ", " "));
    }
    table.fmt();
    Value::InlineTable(table).decorated(" ", "")
}

/// Applies `overrides` to scenario text. `inputs` are the dotted paths of the
/// scenario's numeric inputs (as loaded), which may be set even where the file
/// leaves them at their defaults. Returns the new text and the overrides with their
/// keys in canonical form (`district[0].population`). A mistake names the change with
/// the option that gave it, `flag` (`--set`, or `--set-on B` for one compared scenario).
pub fn apply(
    text: &str,
    inputs: &[&str],
    overrides: &[Override],
    flag: &str,
) -> Result<(String, Vec<Override>), String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the scenario is not valid TOML: {e}"))?;
    let mut applied = Vec::new();
    for o in overrides {
        let (steps, exists) = canonical(&doc, &o.key)?;
        let path = path_string(&steps);
        let is_input = inputs.contains(&path.as_str());
        if !exists && !is_input && !is_value_key(&path) {
            let mut candidates: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
            leaf_paths(doc.as_table(), "", &mut candidates);
            let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
            let help = match did_you_mean(&path, &refs) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`burden explain FILE` lists every uncertain input; the report's assumptions table lists them all".into(),
            };
            return Err(format!(
                "{flag} {o}: the scenario has no input `{path}`\n  = help: {help}"
            ));
        }
        if let Some(last) = steps.last()
            && last.index.is_some()
        {
            return Err(format!(
                "{flag} {o}: `{path}` is a whole section; set one of its values, such as {path}.name"
            ));
        }
        let value = parse_value(&o.value);
        let value = if is_input {
            with_provenance(value)
        } else {
            value.decorated(" ", "")
        };
        set_in(doc.as_table_mut(), &steps, Item::Value(value))
            .map_err(|e| format!("{flag} {o}: {e}"))?;
        applied.push(Override {
            key: path,
            value: o.value.clone(),
        });
    }
    Ok((doc.to_string(), applied))
}

/// Whether a dotted path names a key that holds a value (not a section) in the
/// scenario format, such as `scenario.start_date`, which a file may leave out.
fn is_value_key(path: &str) -> bool {
    super::keys::lookup(path).is_some_and(|f| f.section().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[release]
# How many were released: a comment above the key.
total = { value = "15 to 120", source = "E", grade = "E" }  # keep this comment
allocation = "population"

[levy]
falls_on = "inminban"

[[district]]
name = "Ranam"
population = 95000

[[district]]
name = "Sunam"
population = 80000
"#;

    fn set(key: &str, value: &str) -> Result<String, String> {
        let o = Override::parse(&format!("{key}={value}"))?;
        apply(
            TEXT,
            &[
                "release.total",
                "district[1].population",
                "release.border_weight",
            ],
            &[o],
            "--set",
        )
        .map(|(t, _)| t)
    }

    #[test]
    fn a_number_replaces_the_value_and_records_its_source() {
        let t = set("release.total", "7000").unwrap();
        let doc: toml::Table = toml::from_str(&t).unwrap();
        assert_eq!(doc["release"]["total"]["value"].as_integer(), Some(7000));
        assert_eq!(doc["release"]["total"]["source"].as_str(), Some(SET_SOURCE));
        assert!(t.contains("[[district]]"));
    }

    /// The comment above a key that `--set` rewrites stays above it, and the one after
    /// its value stays after the new value.
    #[test]
    fn the_comment_above_a_rewritten_key_stays() {
        let t = set("release.total", "7000").unwrap();
        assert!(
            t.contains("# How many were released: a comment above the key.\ntotal = "),
            "{t}"
        );
        assert!(t.contains("}  # keep this comment"), "{t}");
        let t = set("levy.falls_on", "district").unwrap();
        assert!(t.contains("[levy]\nfalls_on = \"district\""), "{t}");
    }

    #[test]
    fn unquoted_ranges_and_words_are_text() {
        let t = set("release.total", "5000 to 9000").unwrap();
        let doc: toml::Table = toml::from_str(&t).unwrap();
        assert_eq!(
            doc["release"]["total"]["value"].as_str(),
            Some("5000 to 9000")
        );
        let t = set("release.total", "\"5000 to 9000\"").unwrap();
        let doc: toml::Table = toml::from_str(&t).unwrap();
        assert_eq!(
            doc["release"]["total"]["value"].as_str(),
            Some("5000 to 9000")
        );
        let t = set("levy.falls_on", "district").unwrap();
        let doc: toml::Table = toml::from_str(&t).unwrap();
        assert_eq!(doc["levy"]["falls_on"].as_str(), Some("district"));
    }

    #[test]
    fn a_district_can_be_named_or_numbered() {
        let by_name = set("district.Sunam.population", "1000").unwrap();
        let by_index = set("district[1].population", "1000").unwrap();
        assert_eq!(by_name, by_index);
        let doc: toml::Table = toml::from_str(&by_name).unwrap();
        assert_eq!(
            doc["district"][1]["population"]["value"].as_integer(),
            Some(1000)
        );
    }

    #[test]
    fn an_input_left_at_its_default_can_be_set() {
        let t = set("release.border_weight", "2").unwrap();
        let doc: toml::Table = toml::from_str(&t).unwrap();
        assert_eq!(
            doc["release"]["border_weight"]["value"].as_integer(),
            Some(2)
        );
    }

    #[test]
    fn a_key_the_file_leaves_out_can_be_set_and_a_toml_date_is_a_date() {
        assert!(set("scenario.start_date", "2021-04-10").is_ok());
        let o = Override::parse("scenario.start_date=2021-04-10").expect("KEY=VALUE");
        let base = super::super::DEFAULT_SCENARIO.replace("start_date", "# start_date");
        let (text, _) = apply(&base, &[], &[o], "--set").expect("a known key");
        assert!(text.contains("start_date = 2021-04-10"), "{text}");
        let sc = super::super::load_str("t", &text).expect("a TOML date loads");
        assert_eq!(
            sc.file
                .scenario
                .start_date
                .as_ref()
                .map(|d| d.get_ref().as_str()),
            Some("2021-04-10")
        );
    }

    #[test]
    fn unknown_keys_suggest_the_right_one() {
        let e = set("release.totl", "7000").unwrap_err();
        assert!(e.contains("did you mean `release.total`"), "{e}");
        let e = set("district[5].population", "7").unwrap_err();
        assert!(e.contains("district[1] is Sunam"), "{e}");
        let e = set("district.Ranan.population", "7").unwrap_err();
        assert!(e.contains("did you mean `Ranam`"), "{e}");
        assert!(Override::parse("release.total").is_err());
    }
}
