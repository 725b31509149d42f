//! Browser tests of the storage layer on real IndexedDB (headless Chromium).
//! Each test uses its own database name, deleted at the end.
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, NaiveDate, Utc};
use huifang::store::{schema, Database};
use huifang_core::model::*;
use rexie::Rexie;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn office() -> Dataset {
    let customer = Customer {
        id: Uuid::new_v4(),
        name: "王美丽 🌸 <b>".into(),
        phone: "138 0000 0000".into(),
        unit: Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() },
        created_at: now(),
        updated_at: now(),
    };
    let case = Case {
        id: Uuid::new_v4(),
        customer_id: customer.id,
        kind: CaseKind::Complaint,
        received_on: d("2026-11-20"),
        channel: Channel::Letter,
        severity: Severity::Major,
        subject: Subject::Attitude,
        description: "夜间施工噪音".into(),
        completed_on: Some(d("2026-11-21")),
        created_at: now(),
        updated_at: now(),
    };
    let revisit = Revisit {
        id: Uuid::new_v4(),
        case_id: case.id,
        round: 1,
        method: Method::HomeVisit,
        visited_on: d("2026-11-23"),
        content: "已停止夜间施工".into(),
        satisfaction: Satisfaction::Neutral,
        created_at: now(),
        updated_at: now(),
    };
    Dataset { customers: vec![customer], cases: vec![case], revisits: vec![revisit] }
}

async fn fresh() -> (String, Database) {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let db = Database::open(&name).await.unwrap();
    (name, db)
}

async fn drop_db(name: &str, db: Database) {
    db.close();
    Rexie::delete(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_new_database_is_empty_and_has_every_store() {
    let (name, db) = fresh().await;
    assert!(db.load().await.unwrap().is_empty());
    drop_db(&name, db).await;

    let raw = schema::builder(&name).build().await.unwrap();
    let mut stores = raw.store_names();
    stores.sort();
    assert_eq!(stores, vec!["cases", "customers", "meta", "revisits"]);
    assert_eq!(raw.version().unwrap(), schema::SCHEMA_VERSION);
    raw.close();
    Rexie::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn records_saved_one_by_one_are_still_there_after_reopening() {
    let (name, db) = fresh().await;
    let data = office();
    db.put_customer(&data.customers[0]).await.unwrap();
    db.put_case(&data.cases[0]).await.unwrap();
    db.put_revisit(&data.revisits[0]).await.unwrap();
    db.close();

    // A reload opens a new connection to the same database.
    let again = Database::open(&name).await.unwrap();
    assert_eq!(again.load().await.unwrap(), data);
    drop_db(&name, again).await;
}

#[wasm_bindgen_test]
async fn saving_a_record_again_updates_it_in_place() {
    let (name, db) = fresh().await;
    let mut data = office();
    db.replace_all(&data).await.unwrap();
    data.cases[0].description = "已更正的描述".into();
    db.put_case(&data.cases[0]).await.unwrap();
    let loaded = db.load().await.unwrap();
    assert_eq!(loaded.cases.len(), 1);
    assert_eq!(loaded.cases[0].description, "已更正的描述");
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn a_restore_replaces_everything_that_was_there() {
    let (name, db) = fresh().await;
    let old = office();
    db.replace_all(&old).await.unwrap();
    let new = office();
    db.replace_all(&new).await.unwrap();
    assert_eq!(db.load().await.unwrap(), new);
    db.replace_all(&Dataset::default()).await.unwrap();
    assert!(db.load().await.unwrap().is_empty());
    drop_db(&name, db).await;
}

#[wasm_bindgen_test]
async fn text_is_stored_exactly_as_typed() {
    let (name, db) = fresh().await;
    let data = office();
    db.replace_all(&data).await.unwrap();
    assert_eq!(db.load().await.unwrap().customers[0].name, "王美丽 🌸 <b>");
    drop_db(&name, db).await;
}
