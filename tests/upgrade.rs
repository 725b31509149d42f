//! Opening a database written by an earlier schema version, with data, and
//! checking it after the upgrade (real IndexedDB in headless Chromium).
#![cfg(target_arch = "wasm32")]

use huifang::store::{schema, Database};
use huifang_core::model::{Method, Satisfaction};
use rexie::{Rexie, TransactionMode};
use serde_json::json;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(v: serde_json::Value) -> wasm_bindgen::JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

use serde::Serialize;

/// Writes a schema-v1 database as the first release left it.
async fn v1_database(name: &str) {
    let db = schema::builder_at(name, 1).build().await.unwrap();
    let tx = db.transaction(&["meta", "customers", "cases", "revisits"], TransactionMode::ReadWrite).unwrap();
    tx.store("meta").unwrap().put(&row(json!({"key": "schema", "version": 1})), None).await.unwrap();
    tx.store("customers")
        .unwrap()
        .put(
            &row(json!({
                "id": "00000000-0000-0000-0000-000000000001",
                "name": "王美丽",
                "phone": "13800000000",
                "unit": {"building": "3", "entrance": "2", "room": "1201"},
                "created_at": "2026-11-01T02:00:00Z",
                "updated_at": "2026-11-01T02:00:00Z"
            })),
            None,
        )
        .await
        .unwrap();
    tx.store("cases")
        .unwrap()
        .put(
            &row(json!({
                "id": "00000000-0000-0000-0000-000000000002",
                "customer_id": "00000000-0000-0000-0000-000000000001",
                "kind": "complaint",
                "received_on": "2026-11-20",
                "channel": "phone",
                "severity": "general",
                "subject": "equipment",
                "description": "电梯异响",
                "completed_on": "2026-11-21",
                "created_at": "2026-11-20T02:00:00Z",
                "updated_at": "2026-11-21T02:00:00Z"
            })),
            None,
        )
        .await
        .unwrap();
    tx.store("revisits")
        .unwrap()
        .put(
            &row(json!({
                "id": "00000000-0000-0000-0000-000000000003",
                "case_id": "00000000-0000-0000-0000-000000000002",
                "round": 1,
                "method": "phone",
                "visited_on": "2026-11-23",
                "content": "已修好",
                "satisfaction": "satisfied",
                "created_at": "2026-11-23T02:00:00Z",
                "updated_at": "2026-11-23T02:00:00Z"
            })),
            None,
        )
        .await
        .unwrap();
    tx.done().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_schema_v1_database_with_data_opens_upgraded_and_migrated() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    v1_database(&name).await;

    let db = Database::open(&name).await.expect("a v1 database opens");
    let data = db.load().await.expect("and every row reads in the new shape");
    assert_eq!(data.customers.len(), 1);
    assert_eq!(data.customers[0].name, "王美丽");
    assert!(data.customers[0].resident, "a v1 household is taken as living there");
    assert_eq!(data.cases[0].customer_id, Some(Uuid::from_u128(1)));
    let r = &data.revisits[0];
    assert_eq!(r.customer_id, Uuid::from_u128(1));
    let result = r.result.as_ref().expect("a v1 revisit was a completed one");
    assert_eq!(
        (result.method, result.satisfaction, result.content.as_str()),
        (Method::Phone, Satisfaction::Satisfied, "已修好")
    );
    assert!(data.staff.is_empty() && data.open_letters.is_empty() && data.signatures.is_empty());
    db.close();

    // Opening again runs nothing twice and changes nothing.
    let again = Database::open(&name).await.unwrap();
    assert_eq!(again.load().await.unwrap(), data);
    let raw = schema::builder(&name).build().await.unwrap();
    assert_eq!(raw.version().unwrap(), schema::SCHEMA_VERSION);
    raw.close();
    again.close();
    Rexie::delete(&name).await.unwrap();
}
