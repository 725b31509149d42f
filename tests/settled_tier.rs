//! The settled tier on real IndexedDB (schema v6, `huifang_core::settled`):
//! settling moves what left the working set in one transaction, every
//! record stays in exactly one tier, the working set and the digests give
//! the plan over every record, and settled records read on demand (by
//! month, by household) equal the stored ones.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use huifang::store::Database;
use huifang_core::calendar::YearMonth;
use huifang_core::model::*;
use huifang_core::report::{monthly_report, monthly_report_beyond};
use huifang_core::sample;
use huifang_core::scheduler::{plan, plan_beyond, settle};
use huifang_core::settled::{MonthDigest, Settled, SettledMonth};
use rexie::Rexie;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    "2026-12-03".parse().unwrap()
}

/// Three years of a small office, about 4% of each month's cases never
/// revisited, stored; with every record as read back.
async fn stored_office(name: &str) -> (Database, Dataset) {
    let _ = Rexie::delete(name).await;
    let db = Database::open(name).await.unwrap();
    db.replace_all(&sample::office(200, 1_000, 2_000, 11, today())).await.unwrap();
    let all = db.load_held().await.unwrap();
    (db, all)
}

/// A stored office, and the months that settle today over it.
async fn office_to_settle(name: &str) -> (Database, Dataset, Vec<SettledMonth>) {
    let (db, all) = stored_office(name).await;
    let (_, months) = settled_today(&all);
    (db, all, months)
}

/// What settles today over `data`: the working set, and the months that left.
fn settled_today(data: &Dataset) -> (Dataset, Vec<SettledMonth>) {
    let mut working = data.clone();
    let months = settle(&mut working, &plan(data, today()), &Settled::default(), today());
    (working, months)
}

/// Every record is in the working stores, and nothing of `month` settled.
async fn nothing_settled(db: &Database, all: &Dataset, month: YearMonth) {
    let (held, digests) = db.load_working().await.unwrap();
    assert_eq!((held.cases.len(), held.revisits.len()), (all.cases.len(), all.revisits.len()));
    assert!(digests.is_empty());
    let read = db.settled_month(month).await.unwrap();
    assert!(read.cases.is_empty() && read.revisits.is_empty());
}

async fn drop_db(name: &str, db: Database) {
    db.close();
    Rexie::delete(name).await.unwrap();
}

fn case_ids(cases: &[Case]) -> BTreeSet<Uuid> {
    cases.iter().map(|c| c.id).collect()
}

fn revisit_ids(revisits: &[Revisit]) -> BTreeSet<Uuid> {
    revisits.iter().map(|r| r.id).collect()
}

fn by_id<T: Clone, K: Ord>(records: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let mut sorted = records.to_vec();
    sorted.sort_by_key(key);
    sorted
}

#[wasm_bindgen_test]
async fn settling_moves_what_left_and_the_working_set_still_gives_the_whole_plan() {
    let name = "settled-tier-moves";
    let (db, all) = stored_office(name).await;
    let (working, months) = settled_today(&all);
    assert!(months.len() >= 20, "only {} months settled", months.len());
    db.settle(&months).await.unwrap();

    // A start reads the working set and the digests only.
    let (held, digests) = db.load_working().await.unwrap();
    assert_eq!(case_ids(&held.cases), case_ids(&working.cases));
    assert_eq!(revisit_ids(&held.revisits), revisit_ids(&working.revisits));
    assert_eq!(held.customers.len(), all.customers.len());
    assert_eq!(
        digests.iter().map(|d| d.month).collect::<Vec<_>>(),
        months.iter().map(|m| m.digest.month).collect::<Vec<_>>()
    );
    let settled = Settled::new(&digests);
    assert_eq!(plan_beyond(&held, &settled, today()), plan(&all, today()));

    // Each settled month, read on demand, is exactly what left with it.
    for m in &months {
        let read = db.settled_month(m.digest.month).await.unwrap();
        assert_eq!(by_id(&read.cases, |c| c.id), by_id(&m.cases, |c| c.id), "cases of {}", m.digest.month);
        assert_eq!(by_id(&read.revisits, |r| r.id), by_id(&m.revisits, |r| r.id), "records of {}", m.digest.month);
    }
    assert!(db.settled_month(YearMonth::of(today())).await.unwrap().cases.is_empty());

    // A household's settled history, through the household index.
    let household = months[0].revisits[0].customer_id;
    let theirs = db.settled_of_household(household).await.unwrap();
    let expected: Vec<Revisit> =
        months.iter().flat_map(|m| &m.revisits).filter(|r| r.customer_id == household).cloned().collect();
    assert_eq!(by_id(&theirs.revisits, |r| r.id), by_id(&expected, |r| r.id));
    assert!(theirs.cases.iter().all(|c| c.customer_id == Some(household)));

    // Every record is in exactly one tier: reading both gives what was stored.
    let again = db.load_held().await.unwrap();
    assert_eq!(by_id(&again.cases, |c| c.id), by_id(&all.cases, |c| c.id));
    assert_eq!(by_id(&again.revisits, |r| r.id), by_id(&all.revisits, |r| r.id));
    let exported = db.stored_records().await.unwrap().counts;
    assert_eq!((exported.cases, exported.revisits), (all.cases.len(), all.revisits.len()));

    drop_db(name, db).await;
}

#[wasm_bindgen_test]
async fn a_record_saved_since_the_plan_was_made_keeps_every_record_where_it_was() {
    let name = "settled-tier-stale";
    let (db, all, months) = office_to_settle(name).await;
    // Another tab saves a case that is about to leave.
    let mut changed = months[0].cases[0].clone();
    changed.description.push_str("（补充）");
    db.commit(&Changes::case(changed)).await.unwrap();

    let refused = db.settle(&months).await;
    assert!(matches!(refused, Err(huifang::store::StoreError::Stale { .. })), "{refused:?}");
    nothing_settled(&db, &all, months[0].digest.month).await;
    drop_db(name, db).await;
}

#[wasm_bindgen_test]
async fn a_month_settled_in_two_parts_keeps_one_digest_of_both() {
    let name = "settled-tier-parts";
    let (db, _, months) = office_to_settle(name).await;
    let m = &months[0];
    let (cases, revisits) = (m.cases.len() / 2, m.revisits.len() / 2);
    // Each part brings the report's figures of its cases: here the whole
    // month's, twice, so the stored digest must hold their sum.
    let part = |cases: &[Case], revisits: &[Revisit], trend| {
        let mut digest = MonthDigest::of(m.digest.month, cases, revisits, m.digest.held_picks.clone());
        digest.trend = trend;
        SettledMonth { digest, cases: cases.to_vec(), revisits: revisits.to_vec() }
    };
    db.settle(&[part(&m.cases[..cases], &m.revisits[..revisits], m.digest.trend)]).await.unwrap();
    db.settle(&[part(&m.cases[cases..], &m.revisits[revisits..], m.digest.trend)]).await.unwrap();

    let (_, digests) = db.load_working().await.unwrap();
    let mut both = m.digest.clone();
    both.trend.merge(&m.digest.trend);
    assert_eq!(digests, vec![both]);
    let read = db.settled_month(m.digest.month).await.unwrap();
    assert_eq!((read.cases.len(), read.revisits.len()), (m.cases.len(), m.revisits.len()));

    drop_db(name, db).await;
}

#[wasm_bindgen_test]
async fn a_restore_replaces_the_settled_tier_too() {
    let name = "settled-tier-restore";
    let (db, all, months) = office_to_settle(name).await;
    db.settle(&months).await.unwrap();

    db.replace_all(&all).await.unwrap();
    nothing_settled(&db, &all, months[0].digest.month).await;
    drop_db(name, db).await;
}

/// The monthly report from the working set, the stored digests and the
/// settled months it reads on demand is the report over every record
/// (DOMAIN "Statistics"; rules 2, 6, 9), for a settled month, the last one
/// and the current one.
#[wasm_bindgen_test]
async fn a_report_read_from_the_settled_tier_is_the_report_over_every_record() {
    let name = "settled-tier-report";
    let (db, all, months) = office_to_settle(name).await;
    db.settle(&months).await.unwrap();

    let (held, digests) = db.load_working().await.unwrap();
    let settled = Settled::new(&digests);
    let last = months.last().unwrap().digest.month;
    for month in [months[months.len() / 2].digest.month, last, YearMonth::of(today())] {
        let mut view = held.clone();
        let read = settled.months_for_report(month);
        for m in &read {
            let r = db.settled_month(*m).await.unwrap();
            view.cases.extend(r.cases);
            view.revisits.extend(r.revisits);
        }
        assert!(month == YearMonth::of(today()) || !read.is_empty());
        assert_eq!(
            monthly_report_beyond(&view, &settled, month, today()),
            monthly_report(&all, month, today()),
            "{month}"
        );
    }
    drop_db(name, db).await;
}
