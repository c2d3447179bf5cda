//! Fuzzes the model with structured scenarios: every numeric input is an edge value, an
//! arbitrary number or a distribution, in a file that is otherwise well formed, so that
//! most inputs load and run. The property is in tests/cli/robustness_check.rs.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/cli/robustness_check.rs"]
mod robustness_check;

/// Values at the edges of the inputs' domains and of the model's arithmetic.
const EDGES: &[f64] = &[
    0.0, 1.0, 0.5, 0.999, 1e-12, 2e-12, 1e-6, 2.0, 3.97, 7.0, 30.0, 100.0, 2100.0, 3650.0, 1e4,
    1e6, 1e9, 1e10, 1e12, -1.0, -40.0, 1e-300, 1e300,
];

fn number(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0..=3)? {
        0 | 1 => *u.choose(EDGES)?,
        2 => f64::from(u.int_in_range(0..=200u16)?) / 4.0,
        _ => {
            let x: f64 = u.arbitrary()?;
            if x.is_finite() { x } else { 1.0 }
        }
    })
}

fn input(u: &mut Unstructured) -> Result<String> {
    let a = number(u)?;
    let b = number(u)?;
    let (lo, hi) = (a.min(b), a.max(b));
    Ok(match u.int_in_range(0..=7)? {
        0..=2 => format!("{a:?}"),
        3 => format!("{{ uniform = [{lo:?}, {hi:?}] }}"),
        4 => format!("{{ triangular = [{lo:?}, {:?}, {hi:?}] }}", (lo + hi) / 2.0),
        5 => format!("\"{lo:?} to {hi:?}\""),
        6 => format!("{{ normal = {{ mean = {a:?}, sd = {:?} }} }}", b.abs()),
        _ => format!(
            "{{ beta = {{ alpha = {:?}, beta = {:?} }} }}",
            a.abs(),
            b.abs()
        ),
    })
}

fn scenario(u: &mut Unstructured) -> Result<String> {
    let mut s = String::new();
    let mut put = |s: &mut String, key: &str, u: &mut Unstructured| -> Result<()> {
        s.push_str(&format!("{key} = {}\n", input(u)?));
        Ok(())
    };
    s.push_str(&format!(
        "[scenario]\nname = \"fuzz\"\nhorizon_days = {}\niterations = 2\nseed = {}\n\n",
        u.int_in_range(1..=150u16)?,
        u.int_in_range(0..=1000u16)?
    ));
    s.push_str(&format!(
        "[engine]\nunit_sample = {}\nhousehold_sample = {}\n\n[energy]\ncold_adjustment = {}\n",
        u.int_in_range(1..=64u16)?,
        u.int_in_range(1..=32u16)?,
        u.arbitrary::<bool>()?
    ));
    for k in [
        "need_kcal",
        "survival_floor_kcal",
        "cold_kcal_per_step",
        "cold_step_c",
        "cold_base_c",
        "maize_kcal_per_kg",
    ] {
        if u.arbitrary::<bool>()? {
            put(&mut s, k, u)?;
        }
    }
    let allocation = *u.choose(&["population", "weights", "counts"])?;
    s.push_str(&format!("\n[release]\nallocation = \"{allocation}\"\n"));
    for k in [
        "total",
        "border_weight",
        "share_homeless",
        "recovery_extra_kcal",
        "recovery_days",
    ] {
        put(&mut s, k, u)?;
    }
    for _ in 0..u.int_in_range(0..=2u8)? {
        s.push_str(&format!(
            "\n[[release.wave]]\nday = {}\n",
            u.int_in_range(0..=150u16)?
        ));
        put(&mut s, "share", u)?;
    }
    s.push_str("\n[package]\n");
    for i in 0..u.int_in_range(0..=3u8)? {
        s.push_str(&format!(
            "\n[[package.item]]\nname = \"item{i}\"\nunit = \"kg\"\n"
        ));
        for k in ["quantity", "kcal_per_unit", "price_kpw_per_unit"] {
            put(&mut s, k, u)?;
        }
    }
    let base = *u.choose(&["inminban", "district", "host_family"])?;
    s.push_str(&format!("\n[levy]\nfalls_on = \"{base}\"\n"));
    put(&mut s, "resident_share", u)?;
    s.push_str("\n[sharing]\n");
    for k in ["propensity", "stock_floor_days", "max_share_of_need"] {
        put(&mut s, k, u)?;
    }
    s.push_str("\n[incidents]\n");
    for k in ["rate_per_unfed_person_day", "take_kg"] {
        put(&mut s, k, u)?;
    }
    let group = |s: &mut String, header: &str, i: u8, u: &mut Unstructured| -> Result<()> {
        s.push_str(&format!("\n[[{header}]]\nname = \"g{i}\"\n"));
        for k in [
            "share",
            "stock_days",
            "stock_spread",
            "ration_share",
            "market_share",
            "work_share",
            "acquisition_spread",
        ] {
            s.push_str(&format!("{k} = {}\n", input(u)?));
        }
        Ok(())
    };
    for i in 0..u.int_in_range(1..=3u8)? {
        group(&mut s, "wealth_group", i, u)?;
    }
    for d in 0..u.int_in_range(1..=3u8)? {
        s.push_str(&format!(
            "\n[[district]]\nname = \"d{d}\"\nborder = {}\n",
            u.arbitrary::<bool>()?
        ));
        let size = if u.arbitrary::<bool>()? {
            "population"
        } else {
            "households"
        };
        for k in [
            size,
            "persons_per_household",
            "households_per_inminban",
            "mean_temperature_c",
            "maize_price_kpw",
            "price_index",
            "release_weight",
            "release_count",
        ] {
            put(&mut s, k, u)?;
        }
        if u.arbitrary::<bool>()? {
            for i in 0..u.int_in_range(1..=2u8)? {
                group(&mut s, "district.wealth_group", i, u)?;
            }
        }
    }
    Ok(s)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(text) = scenario(&mut u) {
        // To see the scenario of a failing input: BURDEN_FUZZ_PRINT=1 with the artifact.
        if std::env::var_os("BURDEN_FUZZ_PRINT").is_some() {
            eprintln!("{text}");
        }
        let _ = robustness_check::check_scenario_bytes(text.as_bytes());
    }
});
