//! Settled months (`huifang_core::settled`): the plan over the working set
//! and the digests of the settled months is the plan over every record, on
//! the day they settle and on any later day, kept between writes too; and
//! open work never settles (DOMAIN: overdue revisits stay visible until
//! done or closed with a reason).

mod support;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use huifang_core::calendar::YearMonth;
use huifang_core::contact;
use huifang_core::eligibility::Pick;
use huifang_core::model::*;
use huifang_core::report::{monthly_report, monthly_report_beyond};
use huifang_core::scheduler::{last_settled_month, plan, plan_beyond, settle, settle_until, Plan, Planner};
use huifang_core::settled::{case_month, MonthDigest, Settled, SettledMonth};
use proptest::prelude::*;
use support::*;
use uuid::Uuid;

/// A random office whose staff then did what the plan asked, up to
/// `until`, with a satisfied result on the day each task was due; the
/// cases whose id leaves `left` when divided by 11 are left open.
fn caught_up(seed: u64, n: usize, until: NaiveDate, left: u128) -> Dataset {
    let mut data = random_world(seed, n);
    let mut next = 200_000u128;
    for _ in 0..24 {
        let p = plan(&data, until);
        let due: Vec<_> = p
            .items
            .iter()
            .filter(|t| t.due_on <= until && t.case_id.is_none_or(|c| c.as_u128() % 11 != left))
            .collect();
        if due.is_empty() {
            break;
        }
        for t in due {
            let record = match t.record_id.and_then(|r| data.revisits.iter().position(|x| x.id == r)) {
                Some(i) => data.revisits.remove(i),
                None => {
                    next += 1;
                    contact::start(t, id(next), now())
                }
            };
            data.revisits.push(contact::complete(&record, satisfied(&t.due_on.to_string()), now()).unwrap());
        }
    }
    data.sort_by_entry();
    data
}

/// Settles what can settle on `today`: what left `working`, month by
/// month, with the digests added to `settled`.
fn settle_on(working: &mut Dataset, settled: &mut Settled, today: NaiveDate) -> Vec<SettledMonth> {
    let p = plan_beyond(working, settled, today);
    let taken = settle(working, &p, settled, today);
    for m in &taken {
        settled.add(&m.digest);
    }
    taken
}

fn next_month(m: YearMonth) -> YearMonth {
    YearMonth::of(m.first_day() + chrono::Months::new(1))
}

/// An office caught up to 2027-01-31 and settled on `today`: every record,
/// the working set, what is known of the settled months, and what left.
fn settled_office(seed: u64, today: NaiveDate) -> (Dataset, Dataset, Settled, Vec<SettledMonth>) {
    let data = caught_up(seed, 60, d("2027-01-31"), 11);
    let (mut working, mut settled) = (data.clone(), Settled::default());
    let taken = settle_on(&mut working, &mut settled, today);
    (data, working, settled, taken)
}

/// Every case of a settled month has no task, and every record of it is
/// finished, in a settled month (the report of a month not settled counts
/// the records that ended in it from memory).
fn owes_nothing(taken: &[SettledMonth], all: &Plan, today: NaiveDate) -> Result<(), TestCaseError> {
    let last_settled = last_settled_month(today);
    let tasks: BTreeSet<_> = all.items.iter().filter_map(|t| t.case_id).collect();
    for m in taken {
        for c in &m.cases {
            prop_assert!(!tasks.contains(&c.id), "case {} of settled {} still has a task", c.id, m.digest.month);
        }
        for r in &m.revisits {
            prop_assert!(r.is_finished(), "record {} of settled {} is open", r.id, m.digest.month);
            let ended = Some(r.month());
            prop_assert!(ended <= last_settled, "record {} of settled {} ended in {}", r.id, m.digest.month, r.month());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Settling twice, months apart, changes no plan on either day nor on
    /// a day a year later.
    #[test]
    fn the_plan_beyond_settled_months_is_the_plan_over_every_record(
        seed in any::<u64>(),
        n in 1usize..60,
        left in 0u128..12,
        first in 0u64..120,
        gap in 0u64..200,
    ) {
        let until = plus_days(d("2026-12-01"), first);
        let data = caught_up(seed, n, until, left);
        let (mut working, mut settled) = (data.clone(), Settled::default());
        let mut day = plus_days(until, 150);
        for _ in 0..2 {
            let all = plan(&data, day);
            let taken = settle_on(&mut working, &mut settled, day);
            owes_nothing(&taken, &all, day)?;
            prop_assert_eq!(&plan_beyond(&working, &settled, day), &all);
            let later = plus_days(day, 365);
            prop_assert_eq!(plan_beyond(&working, &settled, later), plan(&data, later));
            // Nothing more leaves the same day.
            prop_assert!(settle_on(&mut working.clone(), &mut settled.clone(), day).is_empty());
            day = plus_days(day, gap);
        }
    }

    /// The plan kept between writes over the working set is the plan beyond
    /// the settled months, whatever the office writes after they settle.
    #[test]
    fn the_kept_plan_beyond_settled_months_follows_every_write(
        seed in any::<u64>(),
        n in 5usize..60,
        writes in prop::collection::vec(any::<u64>(), 1..12),
    ) {
        let until = d("2027-01-15");
        let mut working = caught_up(seed, n, until, 3);
        let mut settled = Settled::default();
        let today = d("2027-07-01");
        settle_on(&mut working, &mut settled, today);
        let mut at = Positions::new(&working);
        let mut planner = Planner::default();
        planner.set_settled(settled.clone());
        prop_assert_eq!(planner.plan(&working, &at, today), plan_beyond(&working, &settled, today));
        for (k, w) in writes.into_iter().enumerate() {
            let changes = a_write(&working, &mut Rng(w), today, k as u128);
            planner.note(&working, &at, &changes);
            let touched = changes.touched();
            working.apply(changes);
            at.apply(&working, &touched);
            prop_assert_eq!(planner.plan(&working, &at, today), plan_beyond(&working, &settled, today), "after write {}", k);
        }
    }
}

/// An office that kept up with its revisits settles the months that ended
/// long enough ago, and only those, and every record is in one place.
#[test]
fn a_caught_up_office_settles_its_old_months_and_keeps_open_work() {
    let (mut left_somewhere, mut held_somewhere) = (0, 0);
    for seed in 0..20 {
        let data = caught_up(seed, 50, d("2027-01-31"), 11);
        // The months up to 2026-10, then up to 2027-02, have ended 4 months before.
        for today in [d("2027-03-10"), d("2027-07-10")] {
            let last = last_settled_month(today);
            let (mut working, mut settled) = (data.clone(), Settled::default());
            let taken = settle_on(&mut working, &mut settled, today);
            let all = plan(&data, today);
            owes_nothing(&taken, &all, today).unwrap();
            for m in &taken {
                assert!(Some(m.digest.month) <= last, "{} ended less than 4 months before {today}", m.digest.month);
            }
            left_somewhere += usize::from(taken.iter().any(|m| !m.cases.is_empty()));
            // What owes a revisit stays, however old, and so does what was
            // revisited in a month not settled.
            let tasks: BTreeSet<Uuid> = all.items.iter().filter_map(|t| t.case_id).collect();
            let held_old = working.cases.iter().filter(|c| case_month(c) <= last && case_month(c).is_some());
            for c in held_old {
                let recent = |r: &Revisit| !r.is_finished() || Some(r.month()) > last;
                assert!(tasks.contains(&c.id) || working.revisits.iter().any(|r| r.case_id == Some(c.id) && recent(r)));
                held_somewhere += 1;
            }
            assert_eq!(plan_beyond(&working, &settled, today), all);
            let total: usize = taken.iter().map(|m| m.cases.len() + m.revisits.len()).sum();
            assert_eq!(total + working.cases.len() + working.revisits.len(), data.cases.len() + data.revisits.len());
            // Whatever left is found again by its id alone, in its month.
            for m in &taken {
                for c in &m.cases {
                    assert_eq!(settled.month_of_case(c.id), Some(m.digest.month));
                }
                for r in &m.revisits {
                    assert_eq!(settled.month_of_revisit(r.id), Some(m.digest.month));
                }
            }
            assert!(working.cases.iter().all(|c| settled.month_of_case(c.id).is_none()));
            assert!(working.revisits.iter().all(|r| settled.month_of_revisit(r.id).is_none()));
        }
    }
    assert!(left_somewhere >= 30, "only {left_somewhere} of 40 let a case leave");
    assert!(held_somewhere > 0, "no old case was held");
}

/// Rule 16 across settled months: a household whose last sales revisit and
/// signing visit were settled is next due from them, as if they were held.
/// Rule 4 too: a move-in stays exempt for a major complaint settled long ago.
#[test]
fn what_later_months_need_of_settled_ones_is_kept_in_the_digest() {
    let today = d("2027-07-10");
    let (data, working, settled, taken) = settled_office(5, today);
    let majors: BTreeSet<Uuid> = taken
        .iter()
        .flat_map(|m| m.cases.iter())
        .filter(|c| c.is_major_complaint())
        .filter_map(|c| c.customer_id)
        .collect();
    assert!(!majors.is_empty(), "the office has major complaints in settled months");
    assert_eq!(settled.major_complaint_households().iter().copied().collect::<BTreeSet<_>>(), majors);
    assert!(!settled.last_cadence().is_empty(), "the office has cadence revisits in settled months");
    // A move-in completed now for each household whose only major
    // complaints are settled is exempt (rule 4), as over every record;
    // without the digest it would be due.
    let held: BTreeSet<Uuid> =
        working.cases.iter().filter(|c| c.is_major_complaint()).filter_map(|c| c.customer_id).collect();
    let only_settled: Vec<Uuid> = majors.difference(&held).copied().collect();
    assert!(!only_settled.is_empty());
    let (mut more, mut working_more) = (data.clone(), working.clone());
    for (i, household) in only_settled.iter().enumerate() {
        let mut c = case(700_000 + i as u128, CaseKind::MoveIn, 1, "2027-07-01");
        c.customer_id = Some(*household);
        for d in [&mut more, &mut working_more] {
            d.cases.push(c.clone());
            for customer in d.customers.iter_mut().filter(|x| x.id == *household) {
                customer.resident = true;
                customer.decorating = false;
            }
        }
    }
    let moves_in = |p: &Plan| p.items.iter().filter(|t| t.case_id.is_some_and(|c| c.as_u128() >= 700_000)).count();
    assert_eq!(plan_beyond(&working_more, &settled, today), plan(&more, today));
    assert_eq!(moves_in(&plan(&more, today)), 0);
    assert!(moves_in(&plan(&working_more, today)) > 0);
}

/// A settled month is history as the office left it: raising every
/// coverage target to 100% plans the months still held, and brings no case
/// of a settled month back as overdue.
#[test]
fn a_policy_change_never_brings_back_a_case_of_a_settled_month() {
    let today = d("2027-07-10");
    let (data, mut working, settled, taken) = settled_office(8, today);
    let settled_cases: BTreeSet<Uuid> = taken.iter().flat_map(|m| m.cases.iter().map(|c| c.id)).collect();
    assert!(!settled_cases.is_empty());
    let mut everything = data.clone();
    for d in [&mut everything, &mut working] {
        for p in &mut d.settings.policies.policies {
            p.target.0 = 100;
        }
    }
    let back = |p: &Plan| p.items.iter().filter(|t| t.case_id.is_some_and(|c| settled_cases.contains(&c))).count();
    assert!(back(&plan(&everything, today)) > 0, "over every record, old cases would come back");
    assert_eq!(back(&plan_beyond(&working, &settled, today)), 0);
}

/// A month's digest can be kept up as more of it leaves: taking in the
/// digest of what left later gives the digest of everything that left.
#[test]
fn a_month_digest_absorbs_what_leaves_later() {
    let (_, _, _, taken) = settled_office(3, d("2027-07-10"));
    assert!(taken.len() > 2);
    for m in taken {
        let (first, second) = m.cases.split_at(m.cases.len() / 2);
        let in_first = |r: &&Revisit| r.case_id.is_some_and(|id| first.iter().any(|c| c.id == id));
        let (early, late): (Vec<&Revisit>, Vec<&Revisit>) = m.revisits.iter().partition(in_first);
        let mut kept = MonthDigest::of(m.digest.month, first, early, vec![(id(1), Pick::Required)]);
        // The report's figures are worked out by `settle`, not by `of`.
        kept.trend = m.digest.trend;
        kept.ended_records_in.clone_from(&m.digest.ended_records_in);
        kept.absorb(&MonthDigest::of(m.digest.month, second, late, m.digest.held_picks.clone()));
        assert_eq!(kept, m.digest);
    }
}

/// The monthly report over the working set, the digests and the settled
/// months it reads (its own, its quarter's for rule 2, and those keeping
/// records that ended in them, rules 6 and 9) is the report over every
/// record, for settled months and recent ones, on the day they settled and
/// later.
#[test]
fn the_report_beyond_settled_months_is_the_report_over_every_record() {
    let mut read_some = false;
    for seed in 0..6 {
        let settled_on = d("2027-07-10");
        let (data, working, settled, taken) = settled_office(seed, settled_on);
        for today in [settled_on, d("2027-09-20")] {
            let mut month = YearMonth { year: 2026, month: 1 };
            while month <= YearMonth::of(today) {
                let mut view = working.clone();
                for m in settled.months_for_report(month) {
                    read_some = true;
                    let t = taken.iter().find(|t| t.digest.month == m).expect("a settled month has what left");
                    view.cases.extend(t.cases.iter().cloned());
                    view.revisits.extend(t.revisits.iter().cloned());
                }
                let beyond = monthly_report_beyond(&view, &settled, month, today);
                assert_eq!(beyond, monthly_report(&data, month, today), "seed {seed}, {month} on {today}");
                month = next_month(month);
            }
        }
    }
    assert!(read_some);
}

/// Settling a month at a time ends where
/// settling every month at once does, and at each step the plan over the
/// working set is still the plan over every record.
#[test]
fn settling_a_month_at_a_time_ends_where_settling_at_once_does() {
    let today = d("2027-07-10");
    let last = last_settled_month(today).unwrap();
    for seed in 0..6 {
        let (data, at_once, settled_at_once, _) = settled_office(seed, today);
        let all = plan(&data, today);
        let (mut working, mut settled) = (data.clone(), Settled::default());
        let mut month = data.cases.iter().filter_map(case_month).min().unwrap();
        while month <= last {
            for m in settle_until(&mut working, &all, &settled, month, today) {
                settled.add(&m.digest);
            }
            assert!(settled.months().iter().all(|m| *m <= month), "seed {seed}: settled past {month}");
            assert_eq!(plan_beyond(&working, &settled, today), all, "seed {seed}, up to {month}");
            month = next_month(month);
        }
        let ids = |d: &Dataset| {
            (
                d.cases.iter().map(|c| c.id).collect::<BTreeSet<_>>(),
                d.revisits.iter().map(|r| r.id).collect::<BTreeSet<_>>(),
            )
        };
        assert_eq!(ids(&working), ids(&at_once));
        assert_eq!(settled.months(), settled_at_once.months());
        for &m in settled.months() {
            assert_eq!(settled.trend_of(m), settled_at_once.trend_of(m), "{m}");
            assert_eq!(settled.held_picks(m), settled_at_once.held_picks(m), "{m}");
            assert_eq!(settled.months_for_report(m), settled_at_once.months_for_report(m), "{m}");
        }
    }
}
