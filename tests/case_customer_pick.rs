//! The case form names its household from a short list: the first matches
//! of a search, never every household of a large estate (a select of
//! 50,000 options takes seconds to open on a tablet). Mounted on real
//! IndexedDB with more households than the list offers.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{DateTime, Utc};
use common::*;
use huifang::store::{schema::DB_NAME, Database};
use huifang_core::model::{Changes, Customer, Unit};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HOUSEHOLDS: usize = 120;

#[wasm_bindgen_test]
async fn the_case_form_offers_the_first_matches_and_keeps_the_chosen_household() {
    use wasm_bindgen::JsCast;
    let _ = rexie::Rexie::delete(DB_NAME).await;
    let db = Database::open(DB_NAME).await.unwrap();
    let at = DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap();
    let mut changes = Changes::default();
    for n in 1..=HOUSEHOLDS {
        let unit = Unit { building: "8".into(), entrance: "1".into(), room: format!("{}", 100 + n) };
        // Entered one after another: the list offers them in this order.
        let entered = at + chrono::Duration::seconds(n as i64);
        let (name, phone) = (format!("住户{n:03}"), format!("1380000{n:04}"));
        changes.customers.push(Customer::new(Uuid::new_v4(), name, phone, unit, entered));
    }
    db.commit(&changes).await.unwrap();
    db.close();

    let root = js("(() => { const d = document.createElement('div'); document.body.appendChild(d); return d; })()");
    leptos::mount::mount_to(root.unchecked_into(), huifang::app::App).forget();
    wait_for("#nav-complaints").await;
    click("#nav-complaints");
    wait_for("#complaint-customer-search").await;
    // "Choose a household" and the first 50; a hint says there are more.
    wait_count("#complaint-customer option", 51).await;
    assert!(text("#complaint-customer-more").contains("只列出前 50 户"));

    // A search finds a household beyond the first 50, by name or by unit.
    set("#complaint-customer-search", "住户117");
    wait_count("#complaint-customer option", 2).await;
    assert_eq!(count("#complaint-customer-more"), 0, "nothing more matches");
    set("#complaint-customer-search", "8-1-203");
    wait_text("#complaint-customer", "住户103 · 8-1-203").await;
    assert_eq!(count("#complaint-customer option"), 2);
    choose("#complaint-customer", "住户103 · 8-1-203");

    // Searching on keeps the chosen household in the list, and chosen.
    set("#complaint-customer-search", "住户00");
    wait_count("#complaint-customer option", 11).await;
    assert_eq!(text("#complaint-customer option:checked"), "住户103 · 8-1-203");
    set("#complaint-customer-search", "");
    wait_count("#complaint-customer option", 52).await;
    assert_eq!(text("#complaint-customer option:checked"), "住户103 · 8-1-203");
}
