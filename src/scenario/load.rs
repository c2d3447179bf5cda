//! Reading a scenario file: bytes, TOML, structure, then the checks that need the
//! whole file. Every problem becomes a [`Diagnostic`] with file, line and column.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use super::diagnostic::{Diagnostic, ScenarioError};
use serde::Deserialize;

use super::dist::{DistError, fmt_num};
use super::input::{Input, InputError};
use super::keys::{ENGINE, META, range_text, section_needs, whole_range};
use super::shape::ShapeError;
use super::shipped::Source;
use super::types::{Allocation, Monthly, Param, ScenarioFile, WealthGroup};
use super::world::{Domain, ParamVisitor, resolve};
use crate::output::date::DateError;

/// The shipped default scenario, embedded so that `burden run` works with no file.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/ranam-2020.toml");
/// How the default scenario is named in messages and manifests.
pub const DEFAULT_ORIGIN: &str = "scenarios/ranam-2020.toml (built in)";

/// Largest scenario file read, so that a mistaken path to a huge file fails fast.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// A numeric input as it appears in the file, with its dotted path and domain.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputInfo {
    pub path: String,
    pub input: Input,
    pub domain: Domain,
}

/// A scenario that has been read and checked.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub file: ScenarioFile,
    /// Where it came from, as shown in messages.
    pub origin: String,
    pub text: String,
    /// SHA-256 of the scenario file as written (before any `--set`).
    pub sha256: String,
    /// `--set KEY=VALUE` changes applied to the file, in canonical form.
    pub overrides: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// Every numeric input in walk order, fixed and uncertain.
    pub inputs: Vec<InputInfo>,
    /// The rank correlations between inputs (`[[correlation]]`), if any.
    pub copula: Option<super::correlation::Copula>,
}

impl Scenario {
    /// The dotted paths of the uncertain inputs, in draw order (the `input:` columns of
    /// iterations.csv).
    pub fn uncertain_paths(&self) -> Vec<&str> {
        self.inputs
            .iter()
            .filter(|i| i.input.is_uncertain())
            .map(|i| i.path.as_str())
            .collect()
    }

    /// The energy need per person per day as text, from the scenario (for example 2,100 kcal), or
    /// its distribution when it is uncertain. Every label that names it uses this.
    pub fn need_text(&self) -> String {
        kcal_text(&self.file.energy.need_kcal)
    }

    /// The survival floor per person per day as text, from the scenario.
    pub fn floor_text(&self) -> String {
        kcal_text(&self.file.energy.survival_floor_kcal)
    }

    pub fn name(&self) -> &str {
        self.file.scenario.name.get_ref()
    }
    pub fn horizon(&self) -> usize {
        *self.file.scenario.horizon_days.get_ref() as usize
    }
    pub fn iterations(&self) -> u64 {
        *self.file.scenario.iterations.get_ref() as u64
    }
    pub fn seed(&self) -> u64 {
        *self.file.scenario.seed.get_ref() as u64
    }
    pub fn district_names(&self) -> Vec<String> {
        self.file
            .district
            .iter()
            .map(|d| d.get_ref().name.get_ref().clone())
            .collect()
    }
    /// An input's dotted path with each list index replaced by the element's name where
    /// it has one (`district[0].population` is `district.Ranam.population`), as `--set`
    /// also accepts it. The one resolver for names shown to readers; files and CSV
    /// columns keep the indexed path.
    pub fn named_path(&self, path: &str) -> String {
        let mut district = None;
        path.split('.')
            .map(|part| {
                let Some((key, rest)) = part.split_once('[') else {
                    return part.to_string();
                };
                let Some(i) = rest.strip_suffix(']').and_then(|n| n.parse::<usize>().ok()) else {
                    return part.to_string();
                };
                let name = match key {
                    "district" => {
                        district = Some(i);
                        self.district_names().get(i).cloned()
                    }
                    "wealth_group" => match district {
                        Some(d) => self.group_names(d).get(i).cloned(),
                        None => self
                            .file
                            .wealth_group
                            .get(i)
                            .map(|g| g.get_ref().name.clone()),
                    },
                    "item" => self
                        .file
                        .package
                        .item
                        .get(i)
                        .map(|it| it.get_ref().name.clone()),
                    _ => None,
                };
                match name {
                    Some(n) if !n.is_empty() && !n.contains(['.', '[', ']']) => {
                        format!("{key}.{n}")
                    }
                    _ => part.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    /// Names of the wealth groups of each district.
    pub fn group_names(&self, district: usize) -> Vec<String> {
        super::world::groups_of(&self.file, district)
            .0
            .iter()
            .map(|g| g.get_ref().name.clone())
            .collect()
    }
}

/// Characters a scenario name cannot hold, because it names the output folder on
/// every system (Windows refuses the last seven in folder names).
pub const NAME_FORBIDDEN: &str = "/\\:*?\"<>|";

/// Whether `name` can be a scenario name: it names the output folder, so letters of
/// any script (`ranam-é`, `나남`), digits and punctuation, but no path separators or
/// characters Windows refuses ([`NAME_FORBIDDEN`]), no control characters, no spaces
/// (the name goes into shell commands), and not starting with '.' (`.`, `..` and
/// hidden folders).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || NAME_FORBIDDEN.contains(c))
}

/// How to write a scenario name, for messages that refuse one.
pub const NAME_HELP: &str = "a name may hold letters of any script, digits and '-', '_' or '.', \
     but not spaces, / \\ : * ? \" < > |, control characters, or a '.' at the start; \
     for example \"ranam-2020-state-pays\" or \"나남-2020\"";

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "cannot read scenario file {path}: {source}\n  = help: check the path; shipped scenarios are in the scenarios/ folder"
    )]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "cannot read scenario file {path}: there is no such file, and no shipped scenario is called that\n  = help: give the path to a scenario file, or the name of a shipped scenario: {shipped}"
    )]
    Unknown { path: String, shipped: String },
    #[error("{0}")]
    Invalid(#[from] ScenarioError),
}

/// Reads and checks the scenario a command line names: a file, or a shipped
/// scenario's name (see [`super::shipped::resolve`]; a file that exists wins).
pub fn load_arg(arg: &Path) -> Result<Scenario, LoadError> {
    match super::shipped::resolve(arg) {
        Some(Source::File(path)) => load_path(&path),
        Some(Source::Shipped(name, text)) => Ok(load_str(name, text)?),
        None => Err(LoadError::Unknown {
            path: arg.display().to_string(),
            shipped: super::shipped::shipped_names().join(", "),
        }),
    }
}

/// Reads and checks a scenario file.
pub fn load_path(path: &Path) -> Result<Scenario, LoadError> {
    let origin = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: origin.clone(),
        source,
    })?;
    if meta.len() as usize > MAX_FILE_BYTES {
        return Err(ScenarioError {
            diagnostics: vec![Diagnostic::at_line(
                &origin,
                0,
                0,
                format!(
                    "the file is {:.1} MB; scenario files are at most {:.1} MB",
                    meta.len() as f64 / 1e6,
                    MAX_FILE_BYTES as f64 / 1e6
                ),
                Some(
                    "check that this is a scenario file; a scenario is a few kilobytes of TOML"
                        .into(),
                ),
            )],
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: origin.clone(),
        source,
    })?;
    Ok(load_bytes(&origin, &bytes)?)
}

/// Checks bytes as a scenario file named `origin`.
pub fn load_bytes(origin: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ScenarioError {
            diagnostics: vec![Diagnostic::at_line(
                origin,
                1,
                1,
                "the file is saved as UTF-16 text; scenario files must be UTF-8",
                Some("save the file as UTF-8 (in Notepad: Save as, Encoding: UTF-8)".into()),
            )],
        });
    }
    // Some editors start UTF-8 files with an invisible byte-order mark; it is not part of the scenario.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            return Err(ScenarioError {
                diagnostics: vec![Diagnostic::at_line(
                    origin,
                    line,
                    column,
                    format!("the file is not valid UTF-8 text (byte 0x{:02X})", bytes[e.valid_up_to()]),
                    Some("save the file as UTF-8 (most editors offer it under \"Save with encoding\")".into()),
                )],
            });
        }
    };
    load_str(origin, text)
}

/// Checks a scenario given as text.
pub fn load_str(origin: &str, text: &str) -> Result<Scenario, ScenarioError> {
    let doc = toml::de::DeTable::parse(text).map_err(|e| ScenarioError {
        diagnostics: vec![syntax_diagnostic(origin, text, &e)],
    })?;
    if let Err(mistake) = super::shape::check(text, &doc) {
        return Err(ScenarioError {
            diagnostics: vec![shape_diagnostic(origin, text, &mistake)],
        });
    }
    // The shape check leaves serde nothing to refuse; were it to, its own message is shown.
    let file = ScenarioFile::deserialize(toml::de::Deserializer::from(doc)).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        ScenarioError {
            diagnostics: vec![Diagnostic::error(
                origin,
                text,
                span,
                e.message().trim(),
                None,
            )],
        }
    })?;
    let mut checker = Checker {
        origin,
        text,
        diagnostics: Vec::new(),
        seen: HashSet::new(),
        inputs: Vec::new(),
    };
    checker.structure(&file);
    if !checker.diagnostics.iter().any(Diagnostic::is_error) {
        let centre = resolve(&file, &mut checker);
        // Whole-scenario checks on inputs already found wrong would only repeat them.
        if !checker.diagnostics.iter().any(Diagnostic::is_error) {
            checker.whole(&file, &centre);
        }
    }
    let (errors, warnings): (Vec<_>, Vec<_>) = checker
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(ScenarioError {
            diagnostics: errors.into_iter().chain(warnings).collect(),
        });
    }
    let mut sc = Scenario {
        file,
        origin: origin.to_string(),
        text: text.to_string(),
        sha256: Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        overrides: Vec::new(),
        warnings,
        inputs: checker.inputs,
        copula: None,
    };
    // Correlations name inputs, so they are checked once every input is known.
    sc.copula = super::correlation::build(&sc).map_err(|errors| ScenarioError {
        diagnostics: errors.into_iter().chain(sc.warnings.clone()).collect(),
    })?;
    Ok(sc)
}

/// A TOML syntax error as a diagnostic. The parser reports syntax errors (an unclosed
/// table, a missing comma, a key written twice) only as message text, with no kind to
/// match on, so the help for the ones students make often is chosen by that text; every
/// mistake in what the keys hold is typed instead ([`shape`](super::shape)).
fn syntax_diagnostic(origin: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let raw = e.message().trim().to_string();
    let Some(span) = e.span() else {
        return Diagnostic::error(origin, text, 0..0, raw, None);
    };
    // An empty span at the very start is still a place (line 1, column 1).
    let span = if span.is_empty() && span.start == 0 && !text.is_empty() {
        0..1
    } else {
        span
    };
    let key = key_at(text, span.start);
    let at = text.get(span.clone()).unwrap_or("");
    // Whether the place is the name in a section header, `[release]`.
    let section = text.get(..span.start).is_some_and(|b| {
        b.ends_with('[') && b.trim_end_matches('[').ends_with('\n')
            || b.trim_end_matches('[').is_empty()
    });
    let (mut message, mut help) = explain_parser_message(&raw, key, at, section);
    if help.is_none() {
        help = explain_syntax(&raw, text, &span, at);
    }
    if raw.starts_with("string values must be quoted")
        && help.is_none()
        && let Some((key, value)) = key_and_value(text, span.start)
    {
        // `stock_days = 3 to 25`: show the line as it should be written.
        message = format!("`{key}`: `{value}` is text (not a number), so it must be in quotes");
        help = Some(format!("write the line as {key} = \"{value}\""));
    }
    Diagnostic::error(origin, text, span, message, help)
}

/// A mistake in what the file's keys hold, as a diagnostic.
fn shape_diagnostic(origin: &str, text: &str, mistake: &ShapeError) -> Diagnostic {
    let (message, mut help) = mistake.explain();
    if let ShapeError::Input {
        key,
        mistake: InputError::Dist(DistError::LognormalFromZero { low, high }),
        ..
    } = mistake
    {
        // The bounds as the message writes them.
        help = Some(range_from_zero_help(
            domain_of_key(key),
            &fmt_num(*low),
            &fmt_num(*high),
        ));
    }
    let span = mistake.span();
    // An empty span at the very start is still a place, except for what is missing
    // from the whole file.
    let span = if span.is_empty()
        && span.start == 0
        && !text.is_empty()
        && !matches!(mistake, ShapeError::MissingSections { .. })
    {
        0..1
    } else {
        span
    };
    Diagnostic::error(origin, text, span, message, help)
}

/// The domain of the input a key names (`resident_share`: a share), wherever it sits.
fn domain_of_key(key: &str) -> Option<Domain> {
    super::keys::input_named(key).and_then(super::keys::Field::domain)
}

/// How to write an uncertain range from `a` to `b` that the lognormal shorthand
/// cannot take, with distributions that fit the input's domain: a bounded one for a
/// share, never a normal where values below zero mean nothing.
fn range_from_zero_help(domain: Option<Domain>, a: &str, b: &str) -> String {
    let (lo, hi) = (
        a.parse::<f64>().unwrap_or(0.0),
        b.parse::<f64>().unwrap_or(1.0),
    );
    let mid = fmt_num((lo + hi) / 2.0);
    match domain {
        Some(Domain::Share) => format!(
            "a share lies between 0 and 1, so it wants a bounded distribution: {{ uniform = [{a}, {b}] }} \
             (every value equally likely), or {{ pert = [{a}, {mid}, {b}] }} with its most likely value in the middle, \
             or {{ beta = {{ alpha = 2, beta = 5 }} }} for a share skewed towards 0"
        ),
        Some(Domain::Any) => format!(
            "write it explicitly, for example {{ uniform = [{a}, {b}] }} or {{ normal = {{ mean = {mid}, sd = {} }} }}",
            fmt_num((hi - lo) / (2.0 * 1.6448536269514722))
        ),
        _ => format!(
            "this input cannot be below zero, so write a distribution bounded at zero, for example \
             {{ uniform = [{a}, {b}] }} or {{ triangular = [{a}, {mid}, {b}] }}"
        ),
    }
}

/// The key and the value as written (without a trailing comment) of the line whose
/// value starts at byte `at`.
fn key_and_value(text: &str, at: usize) -> Option<(&str, &str)> {
    let key = key_at(text, at)?;
    let rest = text.get(at..)?;
    let line = rest.lines().next()?;
    let value = line.split(" #").next().unwrap_or(line).trim();
    (!value.is_empty()).then_some((key, value))
}

/// The key whose value starts at byte `at`: `horizon_days` in `horizon_days = "x"`,
/// `value` in `total = { value = "x" }`.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    if line.trim().is_empty() {
        // A section header: `[district]` names the key `district`.
        let rest = text.get(at..)?;
        let header = rest.lines().next()?.trim();
        let name = header.trim_start_matches('[').split(']').next()?.trim();
        return (header.starts_with('[') && !name.is_empty()).then_some(name);
    }
    let line = line.trim_end().strip_suffix('=')?.trim_end();
    let start = line
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '"'))
        .map_or(0, |i| i + 1);
    let key = line[start..].trim_matches('"');
    (!key.is_empty()).then_some(key)
}

/// Help for TOML syntax errors that students make often.
fn explain_syntax(
    raw: &str,
    text: &str,
    span: &std::ops::Range<usize>,
    at: &str,
) -> Option<String> {
    if text.trim_start().starts_with('{') {
        return Some(
            "this looks like JSON; scenario files are TOML (key = value lines and [sections]), as in scenarios/ranam-2020.toml".into(),
        );
    }
    let before = text.get(..span.start).unwrap_or("");
    let after = text.get(span.start..).unwrap_or("");
    if at.trim_end().ends_with('%')
        || after
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .starts_with('%')
    {
        return Some("write shares as fractions without a percent sign: 70% is 0.7".into());
    }
    if before.ends_with(|c: char| c.is_ascii_digit()) && after.starts_with(',')
        || before.ends_with(',') && after.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some("decimals are written with a point (3.97), not a comma; for thousands write 95000 or 95_000".into());
    }
    let help = if raw.starts_with("missing comma between key-value pairs")
        || raw.starts_with("unclosed inline table")
    {
        "an inline table { ... } must be closed with } on the same line; check the line above"
    } else if raw.starts_with("invalid basic string") || raw.starts_with("invalid literal string") {
        "close the text with a quote on the same line, for example name = \"corn\""
    } else if raw.starts_with("unclosed table") || raw.starts_with("unclosed array of tables") {
        "close the section name with ], for example [release] or [[district]]"
    } else if raw.starts_with("key with no value") || raw.starts_with("invalid key-value pair") {
        "each line is key = value (for example horizon_days = 120), a [section] header, or a comment that starts with #"
    } else {
        return None;
    };
    Some(help.into())
}

/// The message and help for a parser error that has a better wording: values nested
/// too deeply, and a key or a section written twice.
fn explain_parser_message(
    raw: &str,
    key: Option<&str>,
    at: &str,
    section: bool,
) -> (String, Option<String>) {
    if raw.starts_with("cannot recurse further") || raw.contains("recursion") {
        return (
            "values are nested too deeply (too many [ ] or { } inside each other)".into(),
            Some("a scenario needs at most three levels, as in total = { lognormal = { median = 10, p95 = 20 } }; check for brackets that are never closed".into()),
        );
    }
    if raw == "duplicate key" {
        let name = at.trim().trim_matches('"');
        if section {
            return (
                format!("the section [{name}] appears twice"),
                Some(format!(
                    "keep one [{name}] section and put all its keys there; only lists such as [[district]] repeat"
                )),
            );
        }
        return if at.is_empty() {
            (
                "a key appears twice".into(),
                Some("keep one of them".into()),
            )
        } else {
            (
                format!("`{name}` appears twice"),
                Some(format!(
                    "keep one `{name}`; for several districts, wealth groups or items use [[double brackets]] (a list of sections)"
                )),
            )
        };
    }
    let message = match key {
        Some(k) if !raw.contains(&format!("`{k}`")) => format!("`{k}`: {raw}"),
        _ => raw.to_string(),
    };
    (message, None)
}

struct Checker<'a> {
    origin: &'a str,
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
    seen: HashSet<String>,
    inputs: Vec<InputInfo>,
}

impl Checker<'_> {
    fn error(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        self.diagnostics.push(Diagnostic::error(
            self.origin,
            self.text,
            span,
            message,
            help.into(),
        ));
    }

    fn warning(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        self.diagnostics.push(Diagnostic::warning(
            self.origin,
            self.text,
            span,
            message,
            help.into(),
        ));
    }

    /// Checks that need no numbers: names, required pairs of keys, integer ranges.
    fn structure(&mut self, f: &ScenarioFile) {
        let m = &f.scenario;
        let name = m.name.get_ref();
        if !valid_name(name) {
            self.error(
                m.name.span(),
                format!("scenario name \"{name}\" cannot be used as a folder name"),
                Some(NAME_HELP.into()),
            );
        }
        let h = *m.horizon_days.get_ref();
        let (lo_h, hi_h) = const { whole_range(&META, "horizon_days") };
        if !(lo_h..=hi_h).contains(&h) {
            self.error(
                m.horizon_days.span(),
                format!(
                    "horizon_days is {h}; it must be from {}",
                    range_text(lo_h, hi_h)
                ),
                None,
            );
        }
        let it = *m.iterations.get_ref();
        let (lo, hi) = const { whole_range(&META, "iterations") };
        if !(lo..=hi).contains(&it) {
            self.error(
                m.iterations.span(),
                format!("iterations is {it}; it must be from {}", range_text(lo, hi)),
                Some("1000 iterations is a good start; `burden run --precision` finds how many a figure needs".into()),
            );
        }
        if *m.seed.get_ref() < const { whole_range(&META, "seed").0 } {
            self.error(
                m.seed.span(),
                "seed must be zero or a positive whole number",
                None,
            );
        }
        if let Some(d) = &m.start_date
            && let Err(e) = crate::output::date::parse(d.get_ref())
        {
            let help = match e {
                DateError::Format => "write it as YYYY-MM-DD, for example \"2020-10-10\"".into(),
                DateError::Month(_) => "the month comes second, from 01 to 12: YYYY-MM-DD".into(),
                DateError::Day { year, month, last } => format!(
                    "give a day from 01 to {last}, for example \"{year:04}-{month:02}-{last:02}\""
                ),
            };
            let what = match e {
                DateError::Format => "is not a date".to_string(),
                _ => format!("is not a day of the calendar: {e}"),
            };
            self.error(
                d.span(),
                format!("start_date \"{}\" {what}", d.get_ref()),
                Some(help),
            );
        }
        for (s, what) in [
            (&f.engine.unit_sample, "unit_sample"),
            (&f.engine.household_sample, "household_sample"),
        ] {
            let (lo, hi) = whole_range(&ENGINE, what);
            if !(lo..=hi).contains(s.get_ref()) {
                self.error(
                    s.span(),
                    format!(
                        "engine.{what} is {}; it must be from {}",
                        s.get_ref(),
                        range_text(lo, hi)
                    ),
                    None,
                );
            }
        }
        // Waves are placed in the horizon only once it is a real one (an absurd horizon
        // such as -9223372036854775808 has been refused above).
        let waves = if (lo_h..=hi_h).contains(&h) {
            f.release.wave.as_slice()
        } else {
            &[]
        };
        for w in waves {
            let day = *w.get_ref().day.get_ref();
            if !(0..h.max(1)).contains(&day) {
                self.error(
                    w.get_ref().day.span(),
                    format!("a release wave on day {day} falls outside the horizon of {h} days"),
                    Some(format!(
                        "wave days count from the start date: 0 to {}",
                        h - 1
                    )),
                );
            }
        }
        self.seasons(f);
        let alloc = *f.release.allocation.get_ref();
        if f.release.total.is_none() && alloc != Allocation::Counts {
            self.error(
                f.release.allocation.span(),
                "release.total is missing",
                Some("add `total = ...` under [release] (how many are released), or set allocation = \"counts\" and give each district a release_count".into()),
            );
        }
        if f.package.item.is_empty() {
            self.warning(0..0, "the support package has no items: nobody is levied and the released get no package", None);
        }
        if f.district.is_empty() {
            let keys = section_needs("district").unwrap_or_default();
            self.error(
                0..0,
                "the scenario has no districts",
                Some(format!("add at least one [[district]] section with {keys}")),
            );
        }
        let mut names: HashMap<String, ()> = HashMap::new();
        for d in &f.district {
            let dv = d.get_ref();
            let name = dv.name.get_ref();
            if name.trim().is_empty() {
                self.error(dv.name.span(), "a district has an empty name", None);
            } else if names.insert(name.to_lowercase(), ()).is_some() {
                self.error(
                    dv.name.span(),
                    format!("district \"{name}\" appears twice"),
                    Some("give each district a different name".into()),
                );
            }
            match (&dv.population, &dv.households) {
                (None, None) => self.error(
                    d.span(),
                    format!("district \"{name}\" has neither population nor households"),
                    Some("add `population = ...` (persons) or `households = ...`".into()),
                ),
                (Some(_), Some(h)) => self.error(
                    h.span(),
                    format!("district \"{name}\" has both population and households"),
                    Some(
                        "keep one of them; households are population / persons_per_household"
                            .into(),
                    ),
                ),
                _ => {}
            }
            match alloc {
                Allocation::Weights if dv.release_weight.is_none() => self.error(dv.name.span(), format!("district \"{name}\" has no release_weight, which allocation = \"weights\" needs"), None),
                Allocation::Counts if dv.release_count.is_none() => self.error(dv.name.span(), format!("district \"{name}\" has no release_count, which allocation = \"counts\" needs"), None),
                _ => {}
            }
            if dv.wealth_group.is_empty() && f.wealth_group.is_empty() {
                self.error(dv.name.span(), format!("district \"{name}\" has no wealth groups"), Some("add [[wealth_group]] sections (for all districts) or [[district.wealth_group]] for this one".into()));
            }
            self.groups(&dv.wealth_group);
        }
        self.groups(&f.wealth_group);
        for it in &f.package.item {
            if it.get_ref().name.trim().is_empty() {
                self.error(it.span(), "a package item has an empty name", None);
            }
        }
    }

    /// One month list, named by its dotted `path`: twelve finite numbers, and zero or
    /// more when it holds multipliers.
    fn monthly(&mut self, path: &str, m: &Monthly, multiplier: bool) {
        let months = m.months.get_ref();
        if months.len() != 12 {
            self.error(
                m.months.span(),
                format!(
                    "{path} has {} months; it needs 12, January first",
                    months.len()
                ),
                Some("give one value per month: months = [Jan, Feb, ..., Dec]".into()),
            );
        }
        for (i, v) in months.iter().enumerate() {
            let x = *v.get_ref();
            let bad = !x.is_finite() || (multiplier && x < 0.0) || x.abs() > 1e6;
            if bad {
                let month = crate::scenario::MONTHS.get(i).copied().unwrap_or("?");
                self.error(
                    v.span(),
                    format!("{path} for {month} is {x}; a multiplier must be zero or more"),
                    Some("1 is the month's usual level, 0.5 half of it, 0 none".into()),
                );
            }
        }
    }

    /// The calendar's arrays (twelve months, multipliers of zero or more), the wealth
    /// groups' own calendars (which need a `[calendar]`) and the coping steps (at
    /// least one).
    fn seasons(&mut self, f: &ScenarioFile) {
        if let Some(cal) = &f.calendar {
            if f.scenario.start_date.is_none() {
                self.error(
                    cal.span(),
                    "a [calendar] needs the scenario's start_date, to know which months the horizon covers",
                    Some("add `start_date = \"2020-10-10\"` (the release date) under [scenario]".into()),
                );
            }
            let c = cal.get_ref();
            for (key, m, multiplier) in c.lists() {
                self.monthly(&format!("calendar.{key}"), m, multiplier);
            }
            if c.temperature_c.is_some() {
                for d in &f.district {
                    let t = &d.get_ref().mean_temperature_c;
                    if !t.span().is_empty() {
                        self.warning(
                            t.span(),
                            format!(
                                "district \"{}\" gives mean_temperature_c, but calendar.temperature_c is used instead",
                                d.get_ref().name.get_ref()
                            ),
                            Some("remove one of the two: the calendar's monthly temperatures follow the start date".into()),
                        );
                    }
                }
            }
            for m in &c.lean_months {
                if !(1..=12).contains(m.get_ref()) {
                    self.error(
                        m.span(),
                        format!("lean month {} is not a month", m.get_ref()),
                        Some("months are numbered 1 (January) to 12 (December)".into()),
                    );
                }
            }
        }
        for (groups, path) in crate::scenario::world::wealth_group_lists(f) {
            for (gi, g) in groups.iter().enumerate() {
                let Some(own) = &g.get_ref().calendar else {
                    continue;
                };
                if f.calendar.is_none() {
                    self.error(
                        own.span(),
                        format!(
                            "wealth group \"{}\" has its own calendar, but the scenario has no [calendar]",
                            g.get_ref().name
                        ),
                        Some("add a [calendar] section (with scenario.start_date), whose strength scales the group's multipliers, or remove the group's calendar".into()),
                    );
                }
                for (key, m) in own.get_ref().lists() {
                    self.monthly(&format!("{path}[{gi}].calendar.{key}"), m, true);
                }
            }
        }
        if let Some(c) = &f.coping
            && c.get_ref().step.is_empty()
        {
            self.error(
                c.span(),
                "[coping] has no steps",
                Some("add [[coping.step]] sections with below_days, eat_share and strategies, or remove [coping]".into()),
            );
        }
    }

    fn groups(&mut self, groups: &[toml::Spanned<WealthGroup>]) {
        let mut seen = HashSet::new();
        for g in groups {
            if !seen.insert(g.get_ref().name.to_lowercase()) {
                self.error(
                    g.span(),
                    format!(
                        "wealth group \"{}\" appears twice in one list",
                        g.get_ref().name
                    ),
                    None,
                );
            }
        }
        let fixed: Option<f64> = groups
            .iter()
            .map(|g| fixed_value(g.get_ref().share.get_ref()))
            .sum();
        if let (Some(total), Some(first)) = (fixed, groups.first())
            && (total - 1.0).abs() > 1e-6
        {
            self.error(
                first.get_ref().share.span(),
                format!("the wealth groups' shares add up to {}, not 1", fmt_num(total)),
                Some("make the shares of households add up to 1 (uncertain shares are normalised in each iteration)".into()),
            );
        }
    }

    /// Checks on the whole scenario at central values.
    fn whole(&mut self, f: &ScenarioFile, w: &super::world::WorldParams) {
        let mut empty = false;
        for (d, dv) in f.district.iter().zip(&w.districts) {
            if dv.households < 1.0 {
                empty = true;
                let d = d.get_ref();
                let span = d
                    .households
                    .as_ref()
                    .or(d.population.as_ref())
                    .map_or(d.name.span(), Param::span);
                self.error(
                    span,
                    format!(
                        "district \"{}\" has no households (fewer than one at its central value)",
                        d.name.get_ref()
                    ),
                    Some("give the district its population (persons) or households, or remove it; a district with nobody in it cannot keep anyone".into()),
                );
            }
        }
        if empty {
            return;
        }
        let people: f64 = w
            .districts
            .iter()
            .map(|d| d.households * d.persons_per_household)
            .sum();
        let released = match w.allocation {
            Allocation::Counts => w.districts.iter().map(|d| d.release_count).sum(),
            _ => w.released_total,
        };
        if released > people {
            let span = f.release.total.as_ref().map_or(0..0, Param::span);
            self.error(
                span,
                format!("{} people are released but the districts hold only {} residents", fmt_num(released), fmt_num(people.round())),
                Some("check the release total and the districts' population (population is persons, households is households)".into()),
            );
        }
        if w.allocation == Allocation::Weights
            && w.districts.iter().all(|d| d.release_weight == 0.0)
            && w.released_total > 0.0
        {
            self.error(
                f.release.allocation.span(),
                "every district's release_weight is zero, so the released cannot be placed",
                None,
            );
        }
        let package_food: f64 = w.package.iter().map(|i| i.quantity * i.kcal_per_unit).sum();
        if package_food > 0.0 && package_food < 1000.0 {
            self.warning(0..0, format!("the package holds only {} kcal of food; check the items' kcal_per_unit (kcal per unit, for example 3650 per kg of maize)", fmt_num(package_food)), None);
        }
    }
}

fn fixed_value(i: &Input) -> Option<f64> {
    match i.dist {
        super::Dist::Fixed { value } => Some(value),
        _ => None,
    }
}

impl ParamVisitor for Checker<'_> {
    fn value(&mut self, path: &str, param: &Param, domain: Domain) -> f64 {
        let input = param.get_ref();
        if self.seen.insert(path.to_string()) {
            self.inputs.push(InputInfo {
                path: path.to_string(),
                input: input.clone(),
                domain,
            });
            self.check_domain(path, param, domain);
        }
        domain.clamp(input.dist.centre())
    }
}

impl Checker<'_> {
    fn check_domain(&mut self, path: &str, param: &Param, domain: Domain) {
        let dist = &param.get_ref().dist;
        let span = param.span();
        if let super::Dist::Fixed { value } = dist {
            let value = *value;
            if !domain.contains(value) {
                let (message, help) = out_of_domain(path, value, domain);
                self.error(span, message, help);
            }
            return;
        }
        let outside = share_outside(dist, domain);
        let suggestion = if domain == Domain::Share {
            "for a share use a beta or uniform distribution, e.g. { uniform = [0.5, 0.9] }"
                .to_string()
        } else {
            format!(
                "use a distribution that stays {}, such as \"a to b\" with a > 0, or a uniform",
                domain.describe()
            )
        };
        if outside > 0.5 {
            self.error(
                span,
                format!(
                    "most of `{path}` ({:.0}%) falls outside its domain: it must be {}",
                    outside * 100.0,
                    domain.describe()
                ),
                Some(suggestion),
            );
        } else if outside > 0.01 {
            self.warning(
                span,
                format!("{:.1}% of the draws of `{path}` fall outside its domain ({}); they are moved to its edge", outside * 100.0, domain.describe()),
                Some(suggestion),
            );
        }
    }
}

/// The message and help for a fixed value outside its domain.
fn out_of_domain(path: &str, value: f64, domain: Domain) -> (String, Option<String>) {
    use super::world::{MAX_COUNT, MAX_MAGNITUDE, MIN_POSITIVE};
    let shown = fmt_num(value);
    if domain == Domain::Count && value > MAX_COUNT && value.abs() <= MAX_MAGNITUDE
        || value.abs() > MAX_MAGNITUDE
    {
        let limit = if domain == Domain::Count {
            "10,000,000,000 (more than the world's population)"
        } else {
            "1,000,000,000,000"
        };
        return (
            format!("`{path}` is {shown}, larger than any real value of it could be"),
            Some(format!(
                "it must be at most {limit}; check for extra zeros or a wrong unit"
            )),
        );
    }
    if domain == Domain::Positive && value > 0.0 && value < MIN_POSITIVE {
        return (
            format!("`{path}` is {shown}, too small to be a real value"),
            Some("it must be more than zero and at least 0.000000000001; check the unit".into()),
        );
    }
    let help = if domain == Domain::Share && value > 1.0 && value <= 100.0 {
        Some(format!(
            "shares are written as fractions: {} % is {}",
            shown,
            fmt_num(value / 100.0)
        ))
    } else if domain == Domain::Spread && value > 0.0 {
        Some("a spread is the sigma of a lognormal: 0 means every household alike, 0.5 a wide spread".into())
    } else {
        None
    };
    (
        format!("`{path}` is {shown}, but it must be {}", domain.describe()),
        help,
    )
}

/// The share of a distribution's mass outside a domain, estimated from a fixed-seed sample.
pub fn share_outside(dist: &super::Dist, domain: Domain) -> f64 {
    let (lo, hi) = dist.support();
    if domain.contains(lo) && domain.contains(hi) {
        return 0.0;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed);
    let n = 20_000;
    let out = (0..n)
        .filter(|_| !domain.contains(dist.sample(&mut rng)))
        .count();
    out as f64 / n as f64
}

/// An energy input as text: its value in kcal, or its distribution followed by kcal.
fn kcal_text(p: &super::Param) -> String {
    let dist = &p.get_ref().dist;
    if dist.is_fixed() {
        format!("{} kcal", crate::format::thousands(dist.centre()))
    } else {
        format!("{} kcal", dist.describe())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest whole number as the horizon is refused as a horizon; the waves are
    /// not placed in it (its last day, -9223372036854775809, does not exist).
    #[test]
    fn an_absurd_horizon_is_refused_without_placing_the_waves() {
        let text =
            DEFAULT_SCENARIO.replace("horizon_days = 120", "horizon_days = -9223372036854775808");
        let errors = load_str("t.toml", &text).expect_err("refused").diagnostics;
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["horizon_days is -9223372036854775808; it must be from 1 to 3650"]
        );
    }
}
