//! The plan kept between writes (`Planner`) is the plan worked out over
//! every record, whatever the office writes: started, completed and closed
//! revisits (rules 7, 12, 14), edited and new cases (rules 1–4, 10, 11),
//! households' facts (rules 4, 16), removed records, letters (rule 8) and
//! the settings.

mod support;

use chrono::{Datelike, Duration};
use huifang_core::contact;
use huifang_core::model::*;
use huifang_core::scheduler::{plan, Planner};
use proptest::prelude::*;
use support::*;

fn today_from(offset: u64) -> chrono::NaiveDate {
    plus_days(d("2026-07-01"), offset)
}

/// One write the office might make, chosen by `rng`; `k` numbers it.
fn a_write(data: &Dataset, rng: &mut support::Rng, today: chrono::NaiveDate, k: u128) -> Changes {
    let new_id = id(1_000_000 + k);
    let stamp = now() + Duration::minutes(k as i64 + 1);
    let open: Vec<&Revisit> = data.revisits.iter().filter(|r| !r.is_finished()).collect();
    let some_case = |rng: &mut support::Rng| data.cases[rng.below(data.cases.len() as u64) as usize].clone();
    let some_customer =
        |rng: &mut support::Rng| data.customers[rng.below(data.customers.len() as u64) as usize].clone();
    let day = |rng: &mut support::Rng| plus_days(d("2026-06-20"), rng.below(60));
    match rng.below(11) {
        // Staff start a planned task.
        0 | 1 => {
            let p = plan(data, today);
            let waiting: Vec<_> = p.items.iter().filter(|t| t.record_id.is_none()).collect();
            match waiting.get(rng.below(waiting.len().max(1) as u64) as usize) {
                Some(t) => Changes::revisit(contact::start(t, new_id, stamp)),
                None => Changes::default(),
            }
        }
        // A started revisit is completed: satisfied, with an issue to answer, or escalated.
        2 | 3 => match open.get(rng.below(open.len().max(1) as u64) as usize) {
            Some(r) => {
                let on = r.due_on.to_string();
                let result = match rng.below(3) {
                    0 => satisfied(&on),
                    1 => with_issue(&on, &plus_days(r.due_on, 1 + rng.below(20)).to_string()),
                    _ => escalating(&on),
                };
                Changes::revisit(contact::complete(r, result, stamp).unwrap())
            }
            None => Changes::default(),
        },
        // A started revisit is closed, or a finished one's answer is edited.
        4 => match data.revisits.get(rng.below(data.revisits.len().max(1) as u64) as usize) {
            Some(r) => {
                let mut r = r.clone();
                if let Some(result) = r.result.as_mut() {
                    result.reply_by = rng.chance(50).then(|| plus_days(result.visited_on, 3));
                    result.escalate = rng.chance(30);
                } else {
                    r.closure =
                        Some(Closure { on: today, reason: ClosureReason::Refused, note: "拒绝".into(), by: None });
                }
                r.updated_at = stamp;
                Changes::revisit(r)
            }
            None => Changes::default(),
        },
        // A case is edited in what the rules read.
        5 | 6 => {
            let mut c = some_case(rng);
            match rng.below(7) {
                0 => c.revisit_requested = !c.revisit_requested,
                1 => c.reply_only = !c.reply_only,
                2 => c.completed_on = c.completed_on.map_or(Some(day(rng)), |_| None),
                3 => c.completed_on = Some(day(rng)),
                4 => c.customer_id = Some(some_customer(rng).id),
                5 => {
                    c.kind = CaseKind::Complaint;
                    c.severity = Severity::Major;
                }
                _ => c.kind = rng.pick(&CaseKind::ALL),
            }
            c.updated_at = stamp;
            Changes::case(c)
        }
        // A new case, sometimes with a household's first major complaint (rule 4).
        7 => {
            let mut c = some_case(rng);
            c.id = new_id;
            c.customer_id = Some(some_customer(rng).id);
            c.kind = rng.pick(&CaseKind::ALL);
            if rng.chance(30) {
                c.kind = CaseKind::Complaint;
                c.severity = Severity::Major;
            }
            c.completed_on = Some(day(rng));
            c.created_at = stamp;
            c.updated_at = stamp;
            Changes::case(c)
        }
        // A household's facts change (rules 4, 16).
        8 => {
            let mut c = some_customer(rng);
            match rng.below(3) {
                0 => c.decorating = !c.decorating,
                1 => c.resident = !c.resident,
                _ => {
                    c.sales_class = Some(rng.pick(&SalesClass::ALL));
                    c.sales_class_since = Some(day(rng));
                }
            }
            c.updated_at = stamp;
            Changes::customer(c)
        }
        // A record is removed.
        9 => match data.revisits.get(rng.below(data.revisits.len().max(1) as u64) as usize) {
            Some(r) => Changes { removed_revisits: vec![r.id], ..Changes::default() },
            None => Changes::default(),
        },
        // The supervisor changes a coverage target, or a letter answers a case (rule 8).
        _ => {
            if rng.chance(50) {
                let mut settings = data.settings.clone();
                let i = rng.below(settings.policies.policies.len() as u64) as usize;
                settings.policies.policies[i].target.0 = rng.pick(&[10, 50, 100]);
                Changes::settings(settings)
            } else {
                Changes::open_letter(OpenLetter {
                    revision: 0,
                    id: new_id,
                    title: "公开信".into(),
                    body: "…".into(),
                    sent_on: day(rng),
                    case_ids: vec![some_case(rng).id],
                    created_at: stamp,
                    updated_at: stamp,
                })
            }
        }
    }
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
