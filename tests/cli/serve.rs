//! `burden serve` from the command line: what it refuses before it listens, and the
//! page's size. The routes themselves are tested in `src/serve/tests.rs` and in a real
//! browser by `.ci/serve-check`.

use crate::support::{burden, failure};

#[test]
fn a_non_local_address_is_refused_without_allow_remote() {
    let err = failure(
        burden().args(["serve", "--bind", "0.0.0.0", "--no-open"]),
        2,
    );
    assert!(
        err.contains("0.0.0.0") && err.contains("--allow-remote"),
        "{err}"
    );
    let err = failure(
        burden().args(["serve", "--bind", "::", "--port", "0", "--no-open"]),
        2,
    );
    assert!(err.contains("--allow-remote"), "{err}");
}

#[test]
fn a_scenario_that_does_not_exist_is_refused_before_listening() {
    let err = failure(
        burden().args(["serve", "no-such-scenario.toml", "--no-open"]),
        2,
    );
    assert!(err.contains("no-such-scenario.toml"), "{err}");
}

#[test]
fn the_page_is_under_300_kb() {
    let page = burden::serve::page::INDEX.len()
        + burden::serve::page::SCRIPT.len()
        + burden::serve::page::STYLE.len();
    assert!(page < 300 * 1024, "{page} bytes");
}
