//! Helpers of the integration tests: run the binary, find shipped files, read TOML as
//! JSON, check charts (PNG decoding, ink, well-formed SVG), and build scenarios whose
//! results can be worked out by hand.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use burden::scenario::{Scenario, load_str};

/// The `burden` binary, ready to be given arguments.
pub fn burden() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("burden")
}

/// A path in the source checkout.
pub fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The shipped scenario files, in name order.
pub fn shipped_scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("scenarios"))
        .expect("scenarios/ exists")
        .map(|e| e.expect("scenarios/ is readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenarios shipped");
    files
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A TOML document as JSON, the way an editor checks it against the schema.
pub fn toml_to_json(text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(value).expect("TOML values convert to JSON")
}

/// What a run of the binary gave.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs a command and collects its exit code and output.
pub fn outcome(cmd: &mut Command) -> Outcome {
    let out = cmd.output().expect("the binary runs");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed and returns its standard output.
pub fn success(cmd: &mut Command) -> String {
    let o = outcome(cmd);
    assert_eq!(o.code, 0, "failed with {}:\n{}", o.code, o.stderr);
    o.stdout
}

/// Runs a command that must fail with `code` and returns its standard error.
pub fn failure(cmd: &mut Command, code: i32) -> String {
    let o = outcome(cmd);
    assert_eq!(
        o.code, code,
        "exit code {} instead of {code}:\n{}{}",
        o.code, o.stdout, o.stderr
    );
    o.stderr
}

/// Decodes a PNG into (width, height, RGB or RGBA bytes, channels).
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>, usize) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("a valid PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("valid PNG data");
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    (info.width, info.height, buf, channels)
}

/// Share of pixels that are not (nearly) white, and the number of distinct colours.
pub fn ink(bytes: &[u8]) -> (f64, usize) {
    let (w, h, buf, channels) = decode_png(bytes);
    let mut colours = std::collections::BTreeSet::new();
    let mut inked = 0usize;
    for px in buf.chunks(channels) {
        let rgb = (px[0], px[1], px[2]);
        if colours.len() < 1000 {
            colours.insert(rgb);
        }
        if px[0] < 240 || px[1] < 240 || px[2] < 240 {
            inked += 1;
        }
    }
    (inked as f64 / (w as f64 * h as f64), colours.len())
}

/// A small well-formedness check: every tag closes in order, attributes are quoted,
/// and `&` only starts an entity.
pub fn assert_well_formed_xml(text: &str, what: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let between = &rest[..open];
        for (i, _) in between.match_indices('&') {
            let entity = &between[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "{what}: bare & in text"
            );
        }
        let close = rest[open..]
            .find('>')
            .unwrap_or_else(|| panic!("{what}: unclosed tag"))
            + open;
        let tag = &rest[open + 1..close];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "{what}: unbalanced quotes in <{tag}>"
        );
        if tag.starts_with('?') || tag.starts_with('!') {
        } else if let Some(name) = tag.strip_prefix('/') {
            let top = stack
                .pop()
                .unwrap_or_else(|| panic!("{what}: </{name}> closes nothing"));
            assert_eq!(top, name.trim(), "{what}: </{name}> closes <{top}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap_or("").to_string();
            stack.push(name);
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "{what}: unclosed elements {stack:?}");
}

/// A one-district scenario whose every input is fixed, so results can be worked by hand.
/// `{RELEASED}`, `{STOCK_DAYS}`, `{ACQ}`, `{HOMELESS}`, `{PROPENSITY}` are filled in.
pub const HAND: &str = r#"
[scenario]
name = "hand"
horizon_days = 30
iterations = 4
seed = 7

[energy]
need_kcal = 2100
cold_adjustment = false

[release]
allocation = "counts"
share_homeless = {HOMELESS}
recovery_extra_kcal = 0
recovery_days = 0

[[package.item]]
name = "corn"
quantity = 10
unit = "kg"
kcal_per_unit = 3650
price_kpw_per_unit = 1500

[levy]
resident_share = 1
falls_on = "inminban"

[sharing]
propensity = {PROPENSITY}
stock_floor_days = 0
max_share_of_need = 0.1

[incidents]
rate_per_unfed_person_day = 0
take_kg = 0

[[wealth_group]]
name = "all"
share = 1
stock_days = {STOCK_DAYS}
stock_spread = 0
ration_share = {ACQ}
acquisition_spread = 0

[[district]]
name = "Unit"
households = 30
persons_per_household = 1
households_per_inminban = 30
maize_price_kpw = 1500
release_count = {RELEASED}
"#;

pub fn hand(
    released: u32,
    stock_days: f64,
    acquisition: f64,
    homeless: f64,
    propensity: f64,
) -> Scenario {
    load(&hand_text(
        released,
        stock_days,
        acquisition,
        homeless,
        propensity,
    ))
}

pub fn hand_text(
    released: u32,
    stock_days: f64,
    acquisition: f64,
    homeless: f64,
    propensity: f64,
) -> String {
    HAND.replace("{RELEASED}", &released.to_string())
        .replace("{STOCK_DAYS}", &stock_days.to_string())
        .replace("{ACQ}", &acquisition.to_string())
        .replace("{HOMELESS}", &homeless.to_string())
        .replace("{PROPENSITY}", &propensity.to_string())
}

/// The hand scenario with two uncertain inputs, saved as `one.toml` in `dir`: the
/// residents' share (uniform 0.2 to 1) and the incident take (uniform 1 to 5 kg, which
/// changes nothing since the incident rate is zero). Every household pays in full, so
/// the levy per levied household is 6 x 10 kg x share / 30 = 2 x share kg.
pub fn hand_share_file(dir: &Path) -> PathBuf {
    let path = dir.join("one.toml");
    let text = hand_text(6, 60.0, 0.5, 0.0, 0.0)
        .replace(
            "resident_share = 1",
            "resident_share = { uniform = [0.2, 1.0] }",
        )
        .replace("take_kg = 0", "take_kg = { uniform = [1, 5] }");
    std::fs::write(&path, text).expect("temp file");
    path
}

pub fn load(text: &str) -> Scenario {
    match load_str("hand.toml", text) {
        Ok(s) => s,
        Err(e) => panic!("the hand-worked scenario must load:\n{e}"),
    }
}

/// A shipped scenario's text with some lines replaced (`from` must occur in the file).
pub fn shipped_text(name: &str, edits: &[(&str, &str)]) -> String {
    let mut text = read(&repo(&format!("scenarios/{name}.toml")));
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in {name}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// A shipped scenario with some lines replaced (`from` must occur in the file).
pub fn shipped_with(name: &str, edits: &[(&str, &str)]) -> Scenario {
    match load_str(&format!("{name}.toml"), &shipped_text(name, edits)) {
        Ok(s) => s,
        Err(e) => panic!("edited scenario must load:\n{e}"),
    }
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

/// Every file of `a` but the manifest (it records times and the shards) is in `b`, the same bytes.
pub fn same_files(a: &Path, b: &Path) {
    let mut stack = vec![a.to_path_buf()];
    let mut compared = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(a).unwrap();
            if rel == Path::new("manifest.json") {
                continue;
            }
            let other = std::fs::read(b.join(rel)).unwrap_or_default();
            assert!(
                std::fs::read(&path).unwrap() == other,
                "{} differs",
                rel.display()
            );
            compared += 1;
        }
    }
    assert!(compared >= 5, "only {compared} files compared");
}
