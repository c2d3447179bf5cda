//! Scenario files made from others: the commented template `burden init` writes, a
//! copy of a shipped scenario or a file with only its name changed, and the
//! `#:schema` line that lets an editor check it.

use std::path::{Path, PathBuf};

use crate::scenario::{self, Scenario};

/// The commented template: the Ranam 2020 scenario with every key explained.
pub const TEMPLATE: &str = include_str!("init_template.toml");

/// Where the committed schema sits in a source checkout, for the `#:schema` line.
const SCHEMA_IN_CHECKOUT: &str = "docs/scenario.schema.json";

/// The file to write and the scenario name (the file's stem).
pub fn target(name: &str) -> Result<(PathBuf, String), String> {
    let given = PathBuf::from(name);
    let path = if given
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        given
    } else {
        PathBuf::from(format!("{name}.toml"))
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if !scenario::valid_name(&stem) {
        return Err(format!(
            "\"{stem}\" cannot be a scenario name, because it names the output folder
  = help: {}",
            scenario::NAME_HELP
        ));
    }
    Ok((path, stem))
}

/// The text to start from, and how to name it in messages.
pub fn source(from: Option<&str>) -> Result<(String, String), String> {
    let Some(from) = from else {
        return Ok((
            "the built-in Ranam 2020 scenario, with comments".into(),
            TEMPLATE.into(),
        ));
    };
    match scenario::shipped::resolve(Path::new(from)) {
        Some(scenario::Source::Shipped(name, text)) => {
            Ok((format!("the shipped scenario {name}"), text.to_string()))
        }
        Some(scenario::Source::File(path)) => {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {from}: {e}"))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("{from} is not UTF-8 text; save it as UTF-8 and try again"))?;
            Ok((from.to_string(), text))
        }
        None => Err(format!(
            "there is no file or shipped scenario called \"{from}\"; choose one of {}, \
             or give the path to a scenario file",
            scenario::shipped_names().join(", ")
        )),
    }
}

/// The text with its `[scenario] name` replaced; the loader's span points at the
/// quoted value, so nothing else in the file moves.
pub fn rename(sc: &Scenario, text: &str, name: &str) -> String {
    let span = sc.file.scenario.name.span();
    format!("{}\"{name}\"{}", &text[..span.start], &text[span.end..])
}

/// The text without a leading `#:schema` line, whose relative path would be wrong
/// in the new file's folder.
pub fn strip_schema_line(text: &str) -> &str {
    if text.starts_with("#:schema") {
        text.split_once('\n').map_or("", |(_, rest)| rest)
    } else {
        text
    }
}

/// A `#:schema` line for a file in `folder`, if a source checkout's committed schema
/// is found in it or a folder above it (up to the checkout's root).
pub fn schema_line(folder: &Path) -> Option<String> {
    let folder = folder.canonicalize().ok()?;
    folder
        .ancestors()
        .take(8)
        .enumerate()
        .find(|(_, dir)| dir.join(SCHEMA_IN_CHECKOUT).is_file())
        .map(|(up, _)| {
            let prefix = if up == 0 {
                "./".to_string()
            } else {
                "../".repeat(up)
            };
            format!("#:schema {prefix}{SCHEMA_IN_CHECKOUT}")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs_json(sc: &Scenario) -> String {
        serde_json::to_string_pretty(&sc.inputs).unwrap_or_default()
    }

    #[test]
    fn the_template_is_the_default_scenario() {
        let template = scenario::load_str("template", TEMPLATE).expect("the template loads");
        let default =
            scenario::load_str("default", scenario::DEFAULT_SCENARIO).expect("the default loads");
        // Same inputs, distributions, sources, grades and domains, in the same order.
        assert_eq!(inputs_json(&template), inputs_json(&default));
        let (t, d) = (&template.file, &default.file);
        assert_eq!(t.scenario.title, d.scenario.title);
        assert_eq!(t.scenario.description, d.scenario.description);
        assert_eq!(
            t.scenario.start_date.as_ref().map(|s| s.get_ref()),
            d.scenario.start_date.as_ref().map(|s| s.get_ref())
        );
        assert_eq!(
            t.scenario.horizon_days.get_ref(),
            d.scenario.horizon_days.get_ref()
        );
        assert_eq!(
            t.scenario.iterations.get_ref(),
            d.scenario.iterations.get_ref()
        );
        assert_eq!(t.scenario.seed.get_ref(), d.scenario.seed.get_ref());
        assert_eq!(t.energy.cold_adjustment, d.energy.cold_adjustment);
        assert_eq!(
            t.release.allocation.get_ref(),
            d.release.allocation.get_ref()
        );
        assert_eq!(t.levy.falls_on.get_ref(), d.levy.falls_on.get_ref());
        assert_eq!(
            t.engine.unit_sample.get_ref(),
            d.engine.unit_sample.get_ref()
        );
        assert_eq!(
            t.engine.household_sample.get_ref(),
            d.engine.household_sample.get_ref()
        );
        let waves = |f: &scenario::ScenarioFile| -> Vec<(i64, Option<String>)> {
            f.release
                .wave
                .iter()
                .map(|w| (*w.get_ref().day.get_ref(), w.get_ref().date.clone()))
                .collect()
        };
        assert_eq!(waves(t), waves(d));
        let items = |f: &scenario::ScenarioFile| -> Vec<(String, String)> {
            f.package
                .item
                .iter()
                .map(|i| (i.get_ref().name.clone(), i.get_ref().unit.clone()))
                .collect()
        };
        assert_eq!(items(t), items(d));
        assert_eq!(template.district_names(), default.district_names());
        for di in 0..d.district.len() {
            assert_eq!(template.group_names(di), default.group_names(di));
            assert_eq!(
                t.district[di].get_ref().border,
                d.district[di].get_ref().border
            );
        }
    }

    #[test]
    fn every_key_is_explained_in_the_template() {
        for (path, _) in scenario::keys::keys() {
            let key = path.rsplit('.').next().unwrap_or(&path);
            let written = TEMPLATE.lines().any(|l| {
                let l = l.trim_start_matches(['#', ' ']);
                l.starts_with(&format!("{key} ="))
                    || l.starts_with(&format!("{key}:"))
                    || l.starts_with(&format!("[{key}]"))
                    || l.starts_with(&format!("[[{key}]]"))
                    || l.contains(&format!("[[{path}]]"))
                    || l.contains(&format!("[{path}]"))
                    || l.contains(&format!("[[{path}."))
            });
            assert!(written, "the template does not show `{path}`");
        }
    }

    /// The comment that describes each key in the template, by section path and key:
    /// the comment lines above `key = ...` (or `# key = ...`), or a `#   key: ...`
    /// entry of the list that describes a `[[section]]`'s keys above its header.
    fn comments() -> Vec<(String, String, String)> {
        // `key = value`, or commented out, `# key = value` (a whole TOML line, so that
        // prose such as `# allocation = "counts". Default ...` is not taken for one).
        let key_line = |l: &str| {
            let l = l.strip_prefix("# ").unwrap_or(l);
            let (key, _) = l.split_once(" = ")?;
            (key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && toml::from_str::<toml::Table>(l).is_ok())
            .then(|| key.to_string())
        };
        let header = |l: &str| {
            let l = l.strip_prefix("# ").unwrap_or(l).trim_end();
            let name = l.trim_start_matches('[').trim_end_matches(']');
            (l.starts_with('[') && !name.contains(['[', ']', ' ', '"', '=']))
                .then(|| name.to_string())
        };
        let mut out = Vec::new();
        let mut section = String::new();
        let mut pending: Vec<&str> = Vec::new();
        for line in TEMPLATE.lines() {
            if let Some(name) = header(line) {
                // A block of `#   key: meaning` entries above a header describes its keys.
                let mut current: Option<(String, String)> = None;
                for l in &pending {
                    let body = l.trim_start_matches('#');
                    let entry = body
                        .strip_prefix("   ")
                        .filter(|b| !b.starts_with(' '))
                        .and_then(|b| b.split_once(':'))
                        .filter(|(k, _)| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
                    match entry {
                        Some((k, _)) => {
                            out.extend(current.take().map(|(k, t)| (name.clone(), k, t)));
                            current = Some((k.to_string(), body.to_string()));
                        }
                        None => {
                            if let Some((_, t)) = current.as_mut() {
                                t.push_str(body);
                            }
                        }
                    }
                }
                out.extend(current.map(|(k, t)| (name.clone(), k, t)));
                section = name;
                pending.clear();
            } else if let Some(key) = key_line(line) {
                pending.push(line);
                out.push((section.clone(), key, pending.join("\n")));
                pending.clear();
            } else if line.starts_with('#') {
                pending.push(line);
            } else {
                pending.clear();
            }
        }
        out
    }

    /// Whether `text` holds `word` followed by something other than more digits
    /// ("default 0" is not in "default 0.15").
    fn holds(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(i, _)| {
            let rest = &text[i + word.len()..];
            let mut c = rest.chars();
            match (c.next(), c.next()) {
                (Some(d), _) if d.is_ascii_digit() => false,
                (Some('.'), Some(d)) if d.is_ascii_digit() => false,
                _ => true,
            }
        })
    }

    #[test]
    fn the_template_states_each_default_and_range_of_the_key_table() {
        use crate::scenario::keys::{Fallback, Kind};
        let comments = comments();
        for (path, field) in scenario::keys::keys() {
            // A district's own wealth groups take the same keys as [[wealth_group]],
            // which the template describes once.
            if path.starts_with("district.wealth_group.") {
                continue;
            }
            let (section, key) = path.rsplit_once('.').unwrap_or(("", &path));
            let ranged = matches!(field.kind, Kind::Whole { max, .. } if max < i64::MAX)
                && path != "release.wave.day";
            if matches!(field.fallback, Fallback::None) && !ranged {
                continue;
            }
            let Some((_, _, comment)) = comments.iter().find(|(s, k, _)| s == section && k == key)
            else {
                panic!("the template has no comment on `{path}`");
            };
            let comment = comment.to_lowercase();
            let number = |x: f64| [x.to_string(), crate::format::thousands(x)];
            let written: Vec<String> = match field.fallback {
                Fallback::None => Vec::new(),
                Fallback::Number(x) => number(x).to_vec(),
                Fallback::Whole(x) => number(x as f64).to_vec(),
                Fallback::Flag(x) => vec![x.to_string()],
                Fallback::Word(w) => vec![format!("\"{w}\"")],
            };
            if !written.is_empty() {
                assert!(
                    written
                        .iter()
                        .any(|d| holds(&comment, &format!("default {d}"))
                            || holds(&comment, &format!("# {key} = {d}"))),
                    "the template does not give `{path}`'s default, {}:\n{comment}",
                    written[0]
                );
            }
            // (A wave's day is bounded by the horizon, which the template says.)
            if let Kind::Whole { min, max } = field.kind
                && ranged
            {
                let [lo, hi] = [min, max].map(|x| number(x as f64));
                assert!(
                    lo.iter()
                        .any(|l| hi.iter().any(|h| comment.contains(&format!("{l} to {h}")))),
                    "the template does not give `{path}`'s range, {min} to {max}:\n{comment}"
                );
            }
        }
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(
            target("studies/a-b.toml").ok(),
            Some((PathBuf::from("studies/a-b.toml"), "a-b".to_string()))
        );
        assert_eq!(
            target("a-b").ok(),
            Some((PathBuf::from("a-b.toml"), "a-b".to_string()))
        );
        assert!(target("state pays").is_err());
        assert!(target(".hidden").is_err());
        // Names are Unicode, as folder names are.
        assert!(target("나남-2020").is_ok());
        assert!(target("a:b").is_err());
    }

    #[test]
    fn only_a_leading_schema_line_is_stripped() {
        assert_eq!(strip_schema_line("#:schema x.json\n[a]\n"), "[a]\n");
        assert_eq!(
            strip_schema_line("# hi\n#:schema x\n"),
            "# hi\n#:schema x\n"
        );
    }
}
