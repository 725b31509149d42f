//! No save overwrites a newer record: two connections to one real
//! IndexedDB play two tabs. Each save stores the record's next revision,
//! and only over the revision it was derived from; a save started from an
//! older one is refused and the newer record stays as it was.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{DateTime, Utc};
use huifang::store::{Database, StoreError};
use huifang_core::contact;
use huifang_core::model::{Attempt, AttemptOutcome, Case, CaseKind, Changes, Customer, Method, Revisit, Unit};
use huifang_core::scheduler::{PlannedRevisit, TaskKey, Urgency};
use huifang_core::Role;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

async fn two_tabs(name: &str) -> (Database, Database) {
    let _ = rexie::Rexie::delete(name).await;
    let a = Database::open(name).await.unwrap();
    let b = Database::open(name).await.unwrap();
    (a, b)
}

async fn done(name: &str, a: Database, b: Database) {
    a.close();
    b.close();
    let _ = rexie::Rexie::delete(name).await;
}

fn customer() -> Customer {
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
    Customer::new(Uuid::from_u128(1), "王美丽".into(), "13800001111".into(), unit, now())
}

#[wasm_bindgen_test]
async fn a_case_edited_in_two_tabs_keeps_the_first_save_and_refuses_the_stale_one() {
    let name = "huifang-stale-case";
    let (a, b) = two_tabs(name).await;
    let mut case = Case::new(
        Uuid::from_u128(2),
        Some(Uuid::from_u128(1)),
        CaseKind::Complaint,
        now().date_naive(),
        "电梯异响".into(),
        now(),
    );
    let saved = a.commit(&Changes::customer(customer()).and_case(case.clone())).await.unwrap();
    case = saved.cases[0].clone();
    assert_eq!(case.revision, 1, "a new record is stored as revision 1");

    // Both tabs open the same case; tab A saves a new description first.
    let in_a = Case { description: "电梯夜间异响".into(), ..case.clone() };
    let in_b = Case { channel: huifang_core::Channel::Letter, ..case.clone() };
    let stored_a = a.commit(&Changes::case(in_a)).await.unwrap().cases[0].clone();
    assert_eq!(stored_a.revision, 2);

    // Tab B's form was opened on revision 1: refused, and A's edit stands.
    let refused = b.commit(&Changes::case(in_b.clone())).await;
    assert_eq!(refused, Err(StoreError::Stale { store: "case_buckets", id: case.id }));
    assert_eq!(b.load().await.unwrap().cases, vec![stored_a.clone()], "nothing of the stale save was written");

    // Reopened on the stored revision, B's change goes through on top of A's.
    let again = Case { channel: huifang_core::Channel::Letter, ..stored_a };
    let stored_b = b.commit(&Changes::case(again)).await.unwrap().cases[0].clone();
    assert_eq!((stored_b.revision, stored_b.description.as_str()), (3, "电梯夜间异响"));
    assert_eq!(a.load().await.unwrap().cases, vec![stored_b]);
    done(name, a, b).await;
}

/// The first round of case 2's revisit, due today.
fn task() -> PlannedRevisit {
    let case_id = Uuid::from_u128(2);
    PlannedRevisit {
        key: TaskKey::Case { case_id, round: 1, escalation: false },
        case_id: Some(case_id),
        customer_id: Uuid::from_u128(1),
        round: 1,
        escalation: false,
        cadence: None,
        parent_id: None,
        record_id: None,
        opens_on: now().date_naive(),
        due_on: now().date_naive(),
        urgency: Urgency::DueToday,
        role: Role::PropertyAssistant,
        assignee: None,
        methods: vec![Method::Phone],
        attempts: 0,
        reasons: Vec::new(),
    }
}

/// An unanswered call.
fn attempt(note: &str) -> Attempt {
    Attempt {
        at: now().naive_utc(),
        method: Method::Phone,
        outcome: AttemptOutcome::NoAnswer,
        note: note.into(),
        staff_id: None,
    }
}

/// The record of `task()` started in tab `a`, as stored.
async fn started(a: &Database) -> Revisit {
    let started = contact::start(&task(), Uuid::from_u128(3), now());
    a.commit(&Changes::revisit(started)).await.unwrap().revisits.remove(0)
}

#[wasm_bindgen_test]
async fn a_stale_revisit_save_writes_nothing_of_its_transaction() {
    let name = "huifang-stale-revisit";
    let (a, b) = two_tabs(name).await;
    let record = started(&a).await;

    // Tab A logs an attempt; tab B, still showing the record before it,
    // logs another together with a customer edit in one save.
    let logged = a.commit(&Changes::revisit(contact::log_attempt(&record, attempt("上午无人接听"), now()))).await;
    let logged = logged.unwrap().revisits[0].clone();
    let from_b = Changes {
        revisits: vec![contact::log_attempt(&record, attempt("下午无人接听"), now())],
        customers: vec![customer()],
        ..Changes::default()
    };
    assert!(matches!(b.commit(&from_b).await, Err(StoreError::Stale { .. })));
    let stored = b.load().await.unwrap();
    assert_eq!(stored.revisits, vec![logged], "A's attempt is kept, B's did not overwrite it");
    assert!(stored.customers.is_empty(), "all or nothing: the customer of the refused save was not written");
    done(name, a, b).await;
}

/// A record deleted in one tab stays deleted: a form another tab opened
/// before is refused as stale, not written back as a record again.
#[wasm_bindgen_test]
async fn an_edit_of_a_record_deleted_in_another_tab_is_refused_not_written_back() {
    let name = "huifang-stale-deleted";
    let (a, b) = two_tabs(name).await;
    let record = started(&a).await;
    a.commit(&Changes { removed_revisits: vec![record.id], ..Changes::default() }).await.unwrap();

    let from_b = Changes::revisit(contact::log_attempt(&record, attempt("下午无人接听"), now()));
    assert!(matches!(b.commit(&from_b).await, Err(StoreError::Stale { .. })));
    assert!(b.load().await.unwrap().revisits.is_empty(), "the deleted record did not come back");
    done(name, a, b).await;
}
