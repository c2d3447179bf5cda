//! What a user sees when a scenario is wrong: file, line, column, the fix; exit code 2.

use assert_cmd::Command;

/// Validates `text` saved as `bad.toml` and returns stderr with the temp path replaced.
fn validate(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, text).unwrap();
    let out = Command::cargo_bin("burden")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&path.display().to_string(), "bad.toml");
    (out.status.code().unwrap_or(-1), stderr)
}

fn ranam() -> String {
    crate::support::shipped_text("ranam-2020", &[])
}

#[test]
fn typo_in_a_key_suggests_the_right_one() {
    let (code, err) = validate(&ranam().replace("horizon_days = 120", "horizon_day = 120"));
    assert_eq!(code, 2);
    insta::assert_snapshot!(err, @r"
    error: unknown key `horizon_day`
      --> bad.toml:20:1
       |
    20 | horizon_day = 120
       | ^^^^^^^^^^^
      = help: did you mean `horizon_days`? Keys allowed here: name, title, description, start_date, horizon_days, iterations, seed

    1 error in the scenario; nothing was run

    error: 1 of 1 scenario file has errors
    ");
}

#[test]
fn share_above_one_is_refused_with_its_place() {
    let (code, err) = validate(&ranam().replace(
        "share_homeless = { uniform = [0.5, 0.9]",
        "share_homeless = { value = 70",
    ));
    assert_eq!(code, 2);
    assert!(err.contains("bad.toml:39:18"), "{err}");
    assert!(
        err.contains("`release.share_homeless` is 70, but it must be a share between 0 and 1"),
        "{err}"
    );
    assert!(err.contains("70 % is 0.7"), "{err}");
}

#[test]
fn zero_bound_in_a_range_suggests_an_explicit_form() {
    let (code, err) = validate(&ranam().replace(r#"value = "15 to 120""#, r#"value = "0 to 120""#));
    assert_eq!(code, 2);
    assert!(err.contains("must both be above zero"), "{err}");
    assert!(err.contains("uniform = [0, 120]"), "{err}");
}

#[test]
fn syntax_error_points_at_the_line() {
    let (code, err) = validate("[scenario\nname = 1\n");
    assert_eq!(code, 2);
    assert!(err.contains("bad.toml:1:"), "{err}");
}

#[test]
fn non_utf8_bytes_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"[scenario]\nname = \"caf\xe9\"\n").unwrap();
    let out = Command::cargo_bin("burden")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("latin1.toml:2:12"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn missing_file_is_a_usage_error() {
    let out = Command::cargo_bin("burden")
        .unwrap()
        .args(["run", "no-such-file.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cannot read scenario file no-such-file.toml")
    );
}

/// The calendar, stated independently: 2024 is a leap year (divisible by 4, not a
/// century), 2023 and 2021 are not; no month has 30 days of February or a 13th month.
#[test]
fn impossible_start_dates_are_refused_with_their_place() {
    let text = ranam();
    assert!(text.contains("start_date = \"2020-10-10\""));
    let with_date = |d: &str| text.replace("2020-10-10", d);
    assert_eq!(validate(&with_date("2024-02-29")).0, 0);
    for (date, says) in [
        ("2021-02-30", "February 2021 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2021-13-01", "there is no month 13"),
        ("2021-04-31", "April 2021 has 30 days"),
    ] {
        let (code, stderr) = validate(&with_date(date));
        assert_eq!(code, 2, "{date}: {stderr}");
        assert!(stderr.contains(says), "{date}: {stderr}");
        assert!(stderr.contains("--> bad.toml:"), "{date}: {stderr}");
        assert!(stderr.contains("= help:"), "{date}: {stderr}");
    }
}

#[test]
fn an_impossible_start_date_given_with_set_is_refused() {
    let out = Command::cargo_bin("burden")
        .unwrap()
        .args(["validate", "--set", "scenario.start_date=2021-02-30"])
        .arg(format!(
            "{}/scenarios/ranam-2020.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("February 2021 has 28 days"), "{stderr}");
    assert!(stderr.contains("fix the value given to --set"), "{stderr}");
}

/// Validates Ranam with `edits` and checks that the error is the one `message`, at
/// `place` (line:column), with `help`, and exit code 2.
fn refused_at(edits: &[(&str, &str)], place: &str, message: &str, help: &str) {
    let (code, err) = validate(&crate::support::shipped_text("ranam-2020", edits));
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with(&format!("error: {message}\n")), "{err}");
    assert!(err.contains(&format!("--> bad.toml:{place}\n")), "{err}");
    assert!(err.contains(&format!("= help: {help}\n")), "{err}");
}

/// An element of a list has no key: the message names the list's dotted path and the
/// element's place counted from 1. Columns counted by hand on the shipped lines.
#[test]
fn a_month_multiplier_is_named_by_its_place_in_the_list() {
    // Line 93: `ration = { months = [` is 21 characters and `1.11, ` three times 18.
    refused_at(
        &[(
            "ration = { months = [1.11, 1.11, 1.11, 1.11,",
            "ration = { months = [1.11, 1.11, 1.11, \"1.11\",",
        )],
        "93:40",
        "the 4th value of `calendar.ration.months` must be a number, not the text \"1.11\"",
        "remove the quotes: 1.11",
    );
}

#[test]
fn a_coping_strategy_is_named_by_its_place_in_the_list() {
    // Line 111: `strategies = [` is 14 characters and `"less_preferred", ` 18.
    refused_at(
        &[(
            "strategies = [\"less_preferred\", \"limit_portions\"]",
            "strategies = [\"less_preferred\", 3]",
        )],
        "111:33",
        "the 2nd value of `coping.step.strategies` must be one of its words in quotes, not the number 3",
        "choose one of: \"less_preferred\", \"borrow\", \"limit_portions\", \"adults_eat_less\", \"fewer_meals\"",
    );
}

#[test]
fn a_distribution_parameter_is_named_by_its_place_in_the_list() {
    // Line 160: `households_per_inminban = { pert = [` is 36 characters and `20, ` 4.
    refused_at(
        &[("pert = [20, 30, 40]", "pert = [20, \"30\", 40]")],
        "160:41",
        "the 2nd value of `district.households_per_inminban.pert` must be a number, not the text \"30\"",
        "remove the quotes: 30",
    );
}

#[test]
fn a_release_wave_that_is_not_a_section_is_named_by_its_place() {
    // The [[release.wave]] section becomes a list on line 41, above recovery_days:
    // `wave = [` is 8 characters and `{ day = 0, share = 1 }, ` 24.
    let wave = ranam()
        .split("[[release.wave]]")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .map(|body| format!("[[release.wave]]{body}\n\n"))
        .unwrap();
    refused_at(
        &[
            (&wave, ""),
            (
                "\nrecovery_days = {",
                "\nwave = [{ day = 0, share = 1 }, 5]\nrecovery_days = {",
            ),
        ],
        "41:33",
        "the 2nd value of `release.wave` must be a section, not the number 5",
        "each entry of `release.wave` is a section: write [[release.wave]] on its own line and the entry's keys below it",
    );
}
