//! Rule 17 against the scheduler and the report: an archived record is
//! still history (the plan and the monthly report do not change), and a
//! record is deleted only when that leaves today's plan as it was.

mod support;

use huifang_core::calendar::YearMonth;
use huifang_core::model::*;
use huifang_core::report::monthly_report;
use huifang_core::retention::{archive, check_deletion, without, Refusal};
use huifang_core::scheduler::plan;
use proptest::prelude::*;
use support::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Archiving finished records re-plans nothing and drops nothing, and
    /// the months' reports count them as before.
    #[test]
    fn rule_17_archiving_finished_records_changes_neither_the_plan_nor_the_report(
        seed in any::<u64>(), n in 1usize..40, day in 0u64..200, pick in any::<u64>()
    ) {
        let data = random_world(seed, n);
        let today = plus_days(d("2026-07-01"), day);
        let mut archived = data.clone();
        let mut rng = Rng(pick);
        let mut count = 0;
        for r in archived.revisits.iter_mut().filter(|r| r.is_finished()) {
            if rng.chance(60) {
                *r = archive(r, now()).unwrap();
                count += 1;
            }
        }
        prop_assume!(count > 0);
        prop_assert_eq!(plan(&archived, today), plan(&data, today));
        for m in ["2026-07", "2026-09", "2026-11"] {
            let m: YearMonth = m.parse().unwrap();
            prop_assert_eq!(monthly_report(&archived, m, today), monthly_report(&data, m, today));
        }
    }
}

/// A yearly visit to signed customer 1 (rule 16), reached on `on`.
fn annual(n: u128, on: &str) -> Revisit {
    Revisit {
        revision: 0,
        id: id(n),
        case_id: None,
        customer_id: id(1),
        cadence: Some(Cadence::AnnualSigned),
        round: 1,
        parent_id: None,
        escalation: false,
        due_on: d(on),
        assignee_id: None,
        attempts: Vec::new(),
        result: Some(RevisitResult { signature_id: None, ..satisfied(on) }),
        closure: None,
        review: None,
        archived_at: None,
        created_at: now(),
        updated_at: now(),
    }
}

#[test]
fn rule_17_deleting_the_only_record_of_an_old_case_is_refused_because_its_revisit_would_come_back() {
    let mut data = world(vec![case(100, CaseKind::Repair, 1, "2022-03-01")]);
    let t = task(&data, "2022-03-01", 100, 1, false);
    do_task(&mut data, &t, 500, result(Method::Phone, "2022-03-02", Satisfaction::Satisfied));
    assert!(plan(&data, d("2026-07-01")).items.is_empty(), "the case is done");
    assert_eq!(check_deletion(&data, id(500), d("2026-07-01")), Err(Refusal::ChangesPlan));
    // Archiving is the way to tidy it up.
    data.revisits[0] = archive(&data.revisits[0], now()).unwrap();
    assert!(plan(&data, d("2026-07-01")).items.is_empty(), "an archived record still counts as done");
}

#[test]
fn rule_17_an_old_annual_visit_superseded_by_a_later_one_is_deleted_with_its_signature() {
    // A signed customer: the signing revisit, then yearly visits (rule 16).
    let mut data = world(vec![case(100, CaseKind::Signing, 1, "2022-03-01")]);
    let t = task(&data, "2022-03-01", 100, 1, false);
    do_task(&mut data, &t, 500, satisfied("2022-03-02"));
    let mut y2023 = annual(501, "2023-03-01");
    y2023.result.as_mut().unwrap().signature_id = Some(id(7001));
    data.revisits.extend([y2023, annual(502, "2024-03-01")]);
    data.signatures.push(Signature { id: id(7001), revisit_id: id(501), png: "data:".into(), captured_at: now() });
    let today = d("2026-07-01");

    let del = check_deletion(&data, id(501), today).unwrap();
    assert_eq!(del.signature_ids, vec![id(7001)]);
    assert!(without(&data, &del).signatures.is_empty());
    // The latest yearly visit and the signing round cannot go: the plan would change.
    assert_eq!(
        check_deletion(&data, id(502), today),
        Err(Refusal::TooYoung { deletable_from: d("2027-03-01") }),
        "2024's visit is kept until 2027"
    );
    assert_eq!(check_deletion(&data, id(500), today), Err(Refusal::ChangesPlan));
}
