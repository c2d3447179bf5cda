//! Fuzzes loading, checking and (for small scenarios) running a scenario file.
//! Run it as docs/ROBUSTNESS.md says; the property is in tests/cli/robustness_check.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/cli/robustness_check.rs"]
mod robustness_check;

fuzz_target!(|data: &[u8]| {
    let _ = robustness_check::check_scenario_bytes(data);
});
