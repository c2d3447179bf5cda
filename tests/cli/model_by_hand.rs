//! Results worked out by hand from fixed inputs.

use burden::model::{Fidelity, run_iteration};
use burden::summary::summarise;

use crate::support::{close, hand, hand_text, load};

#[test]
fn levy_splits_the_package_over_the_unit() {
    // 3 released x 10 kg of corn = 30 kg levied from 30 households: 1 kg each.
    let sc = hand(3, 100.0, 1.0, 1.0, 0.0);
    let it = run_iteration(&sc, 7, 0, Fidelity::Fast);
    let c = &it.districts[0].cells[0];
    assert_eq!(c.households, 30.0);
    assert_eq!(c.levied_households, 30.0);
    assert!(close(c.levy_kcal / 3650.0, 30.0, 1e-12), "{}", c.levy_kcal);
    assert!(close(c.levy_kpw, 3.0 * 10.0 * 1500.0, 1e-12));
    let s = summarise(&sc, &[it]);
    let t = s.total();
    assert!(close(
        t.get("levy_kg_per_levied_household").unwrap().mean,
        1.0,
        1e-12
    ));
    // 1 kg = 3,650 kcal against a need of 2,100 kcal a day: 1.738 days; 1.738 / 100 days of stock.
    assert!(close(
        t.get("levy_days_per_levied_household").unwrap().mean,
        3650.0 / 2100.0,
        1e-12
    ));
    assert!(close(
        t.get("levy_share_of_stock").unwrap().mean,
        3650.0 / 210_000.0,
        1e-12
    ));
}

#[test]
fn run_out_and_deficits_by_hand() {
    // Stock 10 days (21,000 kcal), acquisition half of need: 1,050 kcal a day drain.
    // Without the release: out after ceil(21,000 / 1,050) = 20 days (end of day 19),
    // deficit 30 x 1,050 - 21,000 = 10,500 kcal. With the 3,650 kcal levy on day 0:
    // 17,350 left, out after ceil(16.52) = 17 days (day 16), deficit 31,500 - 17,350 = 14,150.
    let sc = hand(3, 10.0, 0.5, 1.0, 0.0);
    let it = run_iteration(&sc, 7, 0, Fidelity::Fast);
    let d = &it.districts[0];
    let c = &d.cells[0];
    assert_eq!(c.out_with, 30.0);
    assert_eq!(c.out_without, 30.0);
    assert!(close(c.deficit_without, 30.0 * 10_500.0, 1e-9));
    assert!(close(c.deficit_with, 30.0 * 14_150.0, 1e-9));
    // Share of need: 14,150 / 63,000 = 22.5% (phase-4 style band), 10,500 / 63,000 = 16.7% (phase 3).
    assert_eq!(c.band_with, [0.0, 0.0, 30.0, 0.0]);
    assert_eq!(c.band_without, [0.0, 30.0, 0.0, 0.0]);
    // Nobody is out by day 15; all 30 with the release from day 16, without from day 19.
    assert_eq!(d.series.out_with[15], 0.0);
    assert_eq!(d.series.out_with[16], 30.0);
    assert_eq!(d.series.out_without[18], 0.0);
    assert_eq!(d.series.out_without[19], 30.0);
}

#[test]
fn released_hunger_by_hand() {
    // Each person's package is 36,500 kcal: 17 full days at 2,100, 800 kcal on day 17,
    // then nothing (no sharing, no hosts): 13 days below both 2,100 and 1,500 kcal.
    let sc = hand(3, 10.0, 0.5, 1.0, 0.0);
    let r = &run_iteration(&sc, 7, 0, Fidelity::Fast).districts[0].released;
    assert_eq!(r.released, 3.0);
    assert_eq!(r.person_days, 90.0);
    assert_eq!(r.person_days_below_threshold, 39.0);
    assert_eq!(r.person_days_below_floor, 39.0);
    assert!(close(r.unmet_kcal, 3.0 * (30.0 * 2100.0 - 36_500.0), 1e-12));
    assert!(close(r.consumed_kcal, 3.0 * 36_500.0, 1e-12));
}

#[test]
fn sharing_by_hand() {
    // Everyone willing, floor 0, at most 10% of own need (210 kcal) a day each: 30 sharers
    // can give 6,300 kcal a day, more than the 3 x 2,100 = 6,300 needed once packages are
    // gone, so from day 18 on the released are fully fed by sharing.
    let sc = hand(3, 100.0, 1.0, 1.0, 1.0);
    let it = run_iteration(&sc, 7, 0, Fidelity::Fast);
    let r = &it.districts[0].released;
    // Day 17: 800 kcal from the package, the rest (1,300 each) shared.
    let shared = 3.0 * 1300.0 + 12.0 * 3.0 * 2100.0;
    assert!(
        close(r.shared_kcal, shared, 1e-9),
        "{} vs {shared}",
        r.shared_kcal
    );
    assert_eq!(r.person_days_below_threshold, 0.0);
    assert!(close(it.districts[0].cells[0].shared_kcal, shared, 1e-9));
}

#[test]
fn seventy_tonnes_for_seven_thousand() {
    // 7,000 released, 10 kg each: 70 t of corn levied, whatever the units they land in,
    // as long as every household can pay. Per levied household it is 70 t over the
    // households of the units that received someone.
    let text =
        hand_text(7000, 100.0, 1.0, 1.0, 0.0).replace("households = 30\n", "households = 30000\n");
    let sc = load(&format!("{text}\n[engine]\nunit_sample = 100000\n"));
    let it = run_iteration(&sc, 7, 3, Fidelity::Fast);
    let d = &it.districts[0];
    let c = &d.cells[0];
    assert!(
        close(c.levy_kcal / 3650.0, 70_000.0, 1e-9),
        "{}",
        c.levy_kcal / 3650.0
    );
    assert_eq!(c.levied_households, 30.0 * d.touched_units);
    assert_eq!(c.households, 30_000.0);
}

/// A whole-district figure of the hand-worked district (its wealth group is named
/// `all`, which the scope keeps apart from the district as a whole).
fn district(s: &burden::summary::Summary, metric: &str) -> f64 {
    let unit = burden::scope::Scope::District("Unit".into());
    s.entity(&unit)
        .and_then(|e| e.get(metric))
        .map(|e| e.mean)
        .unwrap_or_else(|| panic!("no {metric}"))
}

/// A role's figures in the one iteration of a hand-worked run.
fn role(s: &burden::summary::Summary, role: &str, metric: &str) -> Option<f64> {
    s.roles
        .iter()
        .find(|r| r.scope.district() == Some("Unit") && r.role == role)
        .and_then(|r| r.get(metric))
        .map(|e| e.mean)
}

#[test]
fn a_host_carries_many_times_what_a_levied_neighbour_pays() {
    // One released person taken in by a family of a 30-household unit; stock 100 days,
    // acquisition equal to need, so nobody runs down. The package (10 kg = 36,500 kcal)
    // is levied on the unit: 1,216.67 kcal (0.579 days of a 2,100 kcal need) from each
    // household. The person eats the package for 17 days and 800 kcal of day 17; the host
    // then feeds the rest: 1,300 + 12 x 2,100 = 26,500 kcal. The host lost
    // 26,500 + 1,216.67 = 27,716.67 kcal = 13.198 days.
    let sc = hand(1, 100.0, 1.0, 0.0, 0.0);
    let it = run_iteration(&sc, 7, 0, Fidelity::Fast);
    let s = summarise(&sc, &[it]);
    let levy = 36_500.0 / 30.0 / 2100.0;
    let host = (26_500.0 + 36_500.0 / 30.0) / 2100.0;
    assert_eq!(role(&s, "host", "households"), Some(1.0));
    for m in [
        "food_lost_days_mean",
        "food_lost_days_median",
        "food_lost_days_p90",
    ] {
        assert!(close(role(&s, "host", m).unwrap(), host, 1e-12), "{m}");
    }
    // Every household paid its share, the host too: 30 unit-levied households, 29 of them
    // at the levy alone, so the median and the 90th percentile (27th of 30) are the levy;
    // their mean is all food lost over 30: (29 x 1,216.67 + 27,716.67) / 30 = 2,100 kcal.
    assert_eq!(role(&s, "unit_levied", "households"), Some(30.0));
    assert!(close(
        role(&s, "unit_levied", "food_lost_days_median").unwrap(),
        levy,
        1e-12
    ));
    assert!(close(
        role(&s, "unit_levied", "food_lost_days_p90").unwrap(),
        levy,
        1e-12
    ));
    assert!(close(
        role(&s, "unit_levied", "food_lost_days_mean").unwrap(),
        1.0,
        1e-12
    ));
    assert_eq!(role(&s, "affected", "households"), Some(30.0));
    assert_eq!(role(&s, "untouched", "households"), Some(0.0));
    assert_eq!(role(&s, "sharer", "households"), Some(0.0));
    // Concentration: 30 days lost in all. The top 10% (3 households) carry the host's
    // 13.198 days and two levies; the top 1% is 0.3 of the host.
    let top10 = (host + 2.0 * levy) / 30.0;
    assert!(close(
        district(&s, "food_lost_share_top_10pct"),
        top10,
        1e-12
    ));
    assert!(close(
        district(&s, "food_lost_share_top_1pct"),
        0.3 * host / 30.0,
        1e-12
    ));
    // The released person was fed throughout: no unmet need.
    assert_eq!(role(&s, "released", "persons"), Some(1.0));
    assert_eq!(role(&s, "released", "food_lost_days_mean"), Some(0.0));
}

#[test]
fn the_robbed_household_loses_what_the_incidents_took() {
    // One released person at an inn in a one-household unit, nobody shares, one incident
    // per unfed person-day taking 1 kg: the household pays the whole package (36,500 kcal)
    // and loses whatever the incidents took, which the released totals count independently.
    let text = hand_text(1, 100.0, 1.0, 1.0, 0.0)
        .replace("households = 30\n", "households = 1\n")
        .replace(
            "households_per_inminban = 30",
            "households_per_inminban = 1",
        )
        .replace(
            "rate_per_unfed_person_day = 0",
            "rate_per_unfed_person_day = 1",
        )
        .replace("take_kg = 0", "take_kg = 1");
    let sc = load(&text);
    let it = run_iteration(&sc, 7, 0, Fidelity::Fast);
    let taken = it.districts[0].released.taken_kcal;
    assert!(taken > 0.0, "the test needs at least one incident");
    let s = summarise(&sc, &[it]);
    assert_eq!(role(&s, "robbed", "households"), Some(1.0));
    assert_eq!(role(&s, "unit_levied", "households"), Some(1.0));
    assert!(close(
        role(&s, "robbed", "food_lost_kcal_mean").unwrap(),
        36_500.0 + taken,
        1e-12
    ));
}

#[test]
fn a_household_with_nothing_left_is_asked_but_not_levied() {
    // Stock 10 days, no acquisition: every stock is gone by day 10. The person arrives on
    // day 15; the levy finds nothing, so no household paid: none is levied or affected,
    // all 30 were asked in vain, and the office covers the whole 10 kg.
    let text = hand_text(1, 10.0, 0.0, 1.0, 0.0).replace(
        "[[package.item]]",
        "[[release.wave]]\nday = 15\nshare = 1\n\n[[package.item]]",
    );
    let sc = load(&text);
    let it = run_iteration(&sc, 7, 0, Fidelity::Fast);
    let s = summarise(&sc, &[it]);
    assert_eq!(district(&s, "levied_households"), 0.0);
    assert_eq!(district(&s, "levy_unpaid_households"), 30.0);
    assert_eq!(district(&s, "affected_households"), 0.0);
    assert!(close(district(&s, "levy_uncollected_t"), 0.01, 1e-12));
    assert_eq!(role(&s, "unit_levied", "households"), Some(0.0));
    assert_eq!(role(&s, "untouched", "households"), Some(30.0));
}
