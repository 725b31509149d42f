//! Properties of the plan over random office worlds: deterministic,
//! idempotent, never assigning the staff a case is about, meeting targets,
//! working-day deadlines on working days, and never losing started work.

mod support;

use std::collections::{BTreeMap, HashSet};

use chrono::Datelike;
use huifang_core::calendar::YearMonth;
use huifang_core::contact;
use huifang_core::model::*;
use huifang_core::policy::{PolicyKey, Span};
use huifang_core::scheduler::{plan, PlanWarning, Reason, TaskKey};
use proptest::prelude::*;
use support::*;

fn today_from(offset: u64) -> chrono::NaiveDate {
    plus_days(d("2026-07-01"), offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The same data in any storage order gives an identical plan.
    #[test]
    fn the_plan_is_deterministic_whatever_the_storage_order(seed in any::<u64>(), n in 1usize..40, day in 0u64..200) {
        let data = random_world(seed, n);
        let mut shuffled = data.clone();
        let mut rng = Rng(seed ^ 0x5EED);
        rng.shuffle(&mut shuffled.customers);
        rng.shuffle(&mut shuffled.cases);
        rng.shuffle(&mut shuffled.revisits);
        rng.shuffle(&mut shuffled.staff);
        rng.shuffle(&mut shuffled.open_letters);
        let today = today_from(day);
        let a = plan(&data, today);
        prop_assert_eq!(&a, &plan(&shuffled, today));
        prop_assert!(a.items.windows(2).all(|w| (w[0].due_on, w[0].key) < (w[1].due_on, w[1].key)), "sorted, keys unique");
    }

    /// Planning twice gives the same plan; starting any task keeps it in
    /// the plan under the same key, due date and person.
    #[test]
    fn the_plan_is_idempotent_and_starting_a_task_keeps_it(seed in any::<u64>(), n in 1usize..40, day in 0u64..200, which in any::<usize>()) {
        let mut data = random_world(seed, n);
        let today = today_from(day);
        let first = plan(&data, today);
        prop_assert_eq!(&first, &plan(&data, today));
        let Some(t) = first.items.iter().filter(|t| t.record_id.is_none()).nth(which % first.items.len().max(1)).cloned() else {
            return Ok(());
        };
        data.revisits.push(contact::start(&t, id(99_999), now()));
        let after = plan(&data, today);
        let s = after.items.iter().find(|s| s.key == t.key);
        prop_assert!(s.is_some(), "started task {:?} vanished", t.key);
        let s = s.unwrap();
        prop_assert_eq!((s.record_id, s.due_on, s.assignee), (Some(id(99_999)), t.due_on, t.assignee));
        // Nobody else's work moves either: same keys, dates and people.
        let shape = |p: &huifang_core::scheduler::Plan| p.items.iter().map(|x| (x.key, x.due_on, x.assignee)).collect::<Vec<_>>();
        prop_assert_eq!(shape(&first), shape(&after));
    }

    /// Rule 13: no task is ever assigned to a person the case is about.
    #[test]
    fn rule_13_no_task_is_ever_assigned_to_the_staff_involved(seed in any::<u64>(), n in 1usize..40, day in 0u64..200) {
        let data = random_world(seed, n);
        let cases: BTreeMap<_, _> = data.cases.iter().map(|c| (c.id, c)).collect();
        for t in plan(&data, today_from(day)).items {
            if let (Some(who), Some(case)) = (t.assignee, t.case_id.and_then(|c| cases.get(&c))) {
                prop_assert!(!case.staff_involved.contains(&who), "{:?} assigned to {} who is involved", t.key, who);
            }
        }
    }

    /// Rule 15: a deadline counted in working days always lands on one.
    #[test]
    fn rule_15_no_working_day_due_date_falls_on_a_day_off(seed in any::<u64>(), n in 1usize..40, day in 0u64..200, within in 1u32..8) {
        let mut data = random_world(seed, n);
        for p in &mut data.settings.policies.policies {
            if p.key != PolicyKey::MoveIn {
                p.due_within = Span::WorkingDays(within);
            }
        }
        let p = plan(&data, today_from(day));
        let cal = &data.settings.calendar;
        let cases: BTreeMap<_, _> = data.cases.iter().map(|c| (c.id, c)).collect();
        for t in &p.items {
            // First rounds and escalations are counted by the policy; further
            // rounds (also within an escalation) are due on the date agreed
            // with the customer, whatever day that is.
            let by_policy = t.reasons.iter().any(|r| matches!(r, Reason::Anchor { .. } | Reason::Escalated { .. }))
                && !t.reasons.iter().any(|r| matches!(r, Reason::NextRound { .. }));
            let counted = t.record_id.is_none() && by_policy
                && t.case_id.and_then(|c| cases.get(&c)).is_some_and(|c| c.kind != CaseKind::MoveIn);
            if counted {
                prop_assert!(cal.is_working_day(t.due_on), "{:?} due on {}", t.key, t.due_on);
            }
        }
    }

    /// A started revisit is never dropped: every unfinished record is the
    /// plan's task or named in a warning.
    #[test]
    fn a_started_revisit_is_never_dropped(seed in any::<u64>(), n in 1usize..40, day in 0u64..200) {
        let data = random_world(seed, n);
        let p = plan(&data, today_from(day));
        let mut seen: HashSet<_> = p.items.iter().filter_map(|t| t.record_id).collect();
        for w in &p.warnings {
            match w {
                PlanWarning::DuplicateStartedRecords { others, .. } => seen.extend(others.iter().copied()),
                PlanWarning::StartedButAnsweredByOpenLetter { record_id, .. } | PlanWarning::RecordWithoutCaseOrCadence { record_id } => {
                    seen.insert(*record_id);
                }
                _ => {}
            }
        }
        for r in data.revisits.iter().filter(|r| !r.is_finished()) {
            prop_assert!(seen.contains(&r.id), "record {} (case {:?}, round {}) was dropped", r.id, r.case_id, r.round);
        }
    }

    /// Rules 1–3: with enough eligible cases, each policy and month gets at
    /// least ⌈target × eligible⌉ first-round revisits.
    #[test]
    fn targets_are_met_per_policy_and_month(seed in any::<u64>(), n in 1usize..80) {
        let mut rng = Rng(seed);
        let kinds = [CaseKind::Complaint, CaseKind::Repair, CaseKind::Activity];
        let mut cases = Vec::new();
        for i in 0..n as u128 {
            let done = plus_days(d("2026-08-01"), rng.below(90));
            let mut c = case(i + 1, rng.pick(&kinds), 1 + rng.below(4) as u128, &done.to_string());
            c.severity = rng.pick(&Severity::ALL);
            c.anonymous = c.kind == CaseKind::Complaint && rng.chance(10);
            c.revisit_requested = rng.chance(5);
            if i > 0 && rng.chance(10) {
                c.duplicate_of = Some(id(i));
            }
            cases.push(c);
        }
        let data = world(cases.clone());
        let p = plan(&data, d("2026-11-23"));
        // Independent oracle: which cases are eligible, per policy and month.
        let mut eligible: BTreeMap<(PolicyKey, YearMonth), u32> = BTreeMap::new();
        for c in &cases {
            let exempt = c.duplicate_of.is_some() || (c.kind == CaseKind::Complaint && c.anonymous);
            if let (false, Some(key), Some(done)) = (exempt, PolicyKey::of(c), c.completed_on) {
                *eligible.entry((key, YearMonth::of(done))).or_default() += 1;
            }
        }
        let mut planned: BTreeMap<(PolicyKey, YearMonth), u32> = BTreeMap::new();
        let by_id: BTreeMap<_, _> = cases.iter().map(|c| (c.id, c)).collect();
        for t in p.items.iter().filter(|t| t.round == 1) {
            let c = by_id[&t.case_id.unwrap()];
            let done = c.completed_on.unwrap();
            *planned.entry((PolicyKey::of(c).unwrap(), YearMonth::of(done))).or_default() += 1;
            prop_assert!(done.year() == 2026);
        }
        for ((key, month), n) in eligible {
            let target = u32::from(data.settings.policies.get(key).target.0);
            let needed = (target * n).div_ceil(100);
            let got = planned.get(&(key, month)).copied().unwrap_or(0);
            prop_assert!(got >= needed, "{key:?} {month}: {got} of {n} planned, target {target}%");
        }
    }
}

#[test]
fn the_random_worlds_exercise_every_kind_of_task() {
    // Guards the generator: the properties above are only as good as the worlds.
    let mut kinds = HashSet::new();
    for seed in 0..40 {
        let data = random_world(seed, 30);
        let p = plan(&data, today_from(150));
        for t in &p.items {
            kinds.insert(match t.key {
                TaskKey::Case { round: 1, escalation: false, .. } if t.record_id.is_some() => "started first round",
                TaskKey::Case { round: 1, escalation: false, .. } => "first round",
                TaskKey::Case { escalation: true, .. } => "escalation",
                TaskKey::Case { .. } => "later round",
                TaskKey::Cadence { cadence: Cadence::Sales, .. } => "sales",
                TaskKey::Cadence { cadence: Cadence::AnnualSigned, .. } => "annual",
            });
        }
        for w in &p.warnings {
            kinds.insert(match w {
                PlanWarning::NoStaffForRole { .. } => "no staff",
                PlanWarning::DuplicateStartedRecords { .. } => "duplicate",
                PlanWarning::StartedButAnsweredByOpenLetter { .. } => "letter",
                PlanWarning::CalendarMissingYear { .. } => "calendar",
                PlanWarning::RecordWithoutCaseOrCadence { .. } => "no case",
            });
        }
        if p.items.iter().any(|t| t.reasons.contains(&Reason::StartedThoughNoLongerDue)) {
            kinds.insert("orphan");
        }
    }
    for k in
        ["first round", "started first round", "later round", "escalation", "sales", "annual", "no staff", "orphan"]
    {
        assert!(kinds.contains(k), "no {k} in the random worlds: {kinds:?}");
    }
}
