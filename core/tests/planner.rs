//! The plan kept between writes (`Planner`) is the plan worked out over
//! every record, whatever the office writes: started, completed and closed
//! revisits (rules 7, 12, 14), edited and new cases (rules 1–4, 10, 11),
//! households' facts (rules 4, 16), removed records, letters (rule 8) and
//! the settings.

mod support;

use chrono::Datelike;
use huifang_core::model::*;
use huifang_core::scheduler::{plan, Planner};
use proptest::prelude::*;
use support::*;

fn today_from(offset: u64) -> chrono::NaiveDate {
    plus_days(d("2026-07-01"), offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_plan_kept_between_writes_is_the_plan_over_every_record(
        seed in any::<u64>(),
        n in 5usize..80,
        day in 0u64..200,
        writes in prop::collection::vec(any::<u64>(), 1..16),
        one_month in any::<bool>(),
        office_settings in any::<Option<u64>>(),
    ) {
        let mut data = random_world(seed, n);
        if one_month {
            // Many cases in one month: coverage picks a share of them (rules 1–3).
            for c in &mut data.cases {
                c.completed_on = c.completed_on.map(|on| plus_days(d("2026-07-01"), u64::from(on.ordinal() % 28)));
            }
        }
        if let Some(seed) = office_settings {
            // The office's own coverage targets and exemptions.
            let mut rng = support::Rng(seed);
            for p in &mut data.settings.policies.policies {
                p.target.0 = rng.pick(&[10, 50, 100]);
                if rng.chance(30) {
                    // Counted in working days, sometimes into a year the calendar lacks (rule 15).
                    p.due_within = huifang_core::policy::Span::WorkingDays(rng.pick(&[3, 60]));
                }
                if rng.chance(50) {
                    p.exclusions.extend([huifang_core::policy::Exclusion::Decorating, huifang_core::policy::Exclusion::NotResident]);
                }
            }
        }
        data.sort_by_entry();
        let today = today_from(day);
        let mut at = Positions::new(&data);
        let mut planner = Planner::default();
        prop_assert_eq!(planner.plan(&data, &at, today), plan(&data, today));
        for (k, w) in writes.into_iter().enumerate() {
            let changes = a_write(&data, &mut support::Rng(w), today, k as u128);
            planner.note(&data, &at, &changes);
            let touched = changes.touched();
            data.apply(changes);
            at.apply(&data, &touched);
            prop_assert_eq!(planner.plan(&data, &at, today), plan(&data, today), "after write {}", k);
        }
    }
}

/// A day later the kept plan still dates every task right: urgency is
/// worked out for each task every time.
#[test]
fn the_kept_plan_follows_the_day() {
    let mut data = random_world(7, 40);
    data.sort_by_entry();
    let at = Positions::new(&data);
    let mut planner = Planner::default();
    for day in [10, 11, 40] {
        assert_eq!(planner.plan(&data, &at, today_from(day)), plan(&data, today_from(day)));
    }
}

/// Records that repeat an id (an import not yet through the database) are
/// planned from every record each time, as `plan` does.
#[test]
fn records_that_repeat_an_id_are_always_read_whole() {
    let mut data = random_world(11, 40);
    let mut twin = data.cases[3].clone();
    twin.revisit_requested = !twin.revisit_requested;
    data.cases.push(twin);
    let today = today_from(60);
    let mut at = Positions::new(&data);
    let mut planner = Planner::default();
    assert_eq!(planner.plan(&data, &at, today), plan(&data, today));
    let mut customer = data.customers[0].clone();
    customer.decorating = !customer.decorating;
    let changes = Changes::customer(customer);
    planner.note(&data, &at, &changes);
    let touched = changes.touched();
    data.apply(changes);
    at.apply(&data, &touched);
    assert_eq!(planner.plan(&data, &at, today), plan(&data, today));
}
