//! A save in another tab reaches this tab's screens: the app is mounted on
//! real IndexedDB; a second connection and channel stand in for the other
//! tab, which commits a write and names the records it touched. This tab
//! reads back just those rows and shows them, without reloading.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{DateTime, Utc};
use common::*;
use huifang::store::{schema::DB_NAME, Database};
use huifang::tabs::{Channel, Posted, CHANNEL};
use huifang_core::model::{Changes, Customer, Unit};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).unwrap()
}

/// The other tab: commits `changes` on its own connection, then tells the
/// tabs what it stored, as the app does after each save.
async fn other_tab_saves(db: &Database, channel: &Channel, changes: Changes) -> Changes {
    let touched = changes.touched();
    let saved = db.commit(&changes).await.unwrap();
    channel.post(&Posted::Touched(touched));
    saved
}

#[wasm_bindgen_test]
async fn a_customer_saved_in_another_tab_appears_and_changes_here() {
    use wasm_bindgen::JsCast;
    let _ = rexie::Rexie::delete(DB_NAME).await;
    let root = js("(() => { const d = document.createElement('div'); document.body.appendChild(d); return d; })()");
    leptos::mount::mount_to(root.unchecked_into(), huifang::app::App).forget();
    wait_for("#nav-customers").await;
    click("#nav-customers");
    wait_for("#customer-form").await;
    wait_text(".page .empty", "还没有客户").await;

    let other = Database::open(DB_NAME).await.unwrap();
    let channel = Channel::open_named(CHANNEL, |_| {}).unwrap();
    let unit = Unit { building: "7".into(), entrance: "1".into(), room: "502".into() };
    let mut customer = Customer::new(Uuid::new_v4(), "孙丽".into(), "13700001111".into(), unit, now());
    customer = other_tab_saves(&other, &channel, Changes::customer(customer)).await.customers.remove(0);
    wait_text("#customer-list .customer-row", "孙丽").await;
    assert!(text("#customer-list").contains("7-1-502"));

    customer.name = "孙丽华".into();
    customer.updated_at = now() + chrono::Duration::minutes(1);
    let _ = other_tab_saves(&other, &channel, Changes::customer(customer)).await;
    wait_text("#customer-list .customer-row", "孙丽华").await;
    assert_eq!(count("#customer-list .customer-row"), 1, "the edit replaced the record, it did not add one");
    other.close();
}
