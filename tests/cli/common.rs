//! Helpers shared by the integration tests.

use burden::scenario::{Scenario, load_str};

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

pub fn load(text: &str) -> Scenario {
    match load_str("hand.toml", text) {
        Ok(s) => s,
        Err(e) => panic!("the hand-worked scenario must load:\n{e}"),
    }
}

/// A shipped scenario with some lines replaced (`from` must occur in the file).
pub fn shipped_with(name: &str, edits: &[(&str, &str)]) -> Scenario {
    let path = format!("{}/scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let mut text = std::fs::read_to_string(&path).expect("shipped scenario exists");
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in {name}");
        text = text.replacen(from, to, 1);
    }
    match load_str(&path, &text) {
        Ok(s) => s,
        Err(e) => panic!("edited scenario must load:\n{e}"),
    }
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}
