//! Several tabs on one database, on real IndexedDB in
//! headless Chromium: an upgrade by a newer app in another tab completes
//! instead of hanging, and the old tab says "reload" instead of failing
//! obscurely; a tab holding an old version open is reported while it blocks;
//! a save in one tab reaches the others over BroadcastChannel.
//! Each test uses its own database (or channel) name.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::DateTime;
use huifang::store::{schema, Database, StoreError};
use huifang::tabs::{self, Channel, Lost, Posted, Watcher};
use huifang_core::model::{Changes, Touched};
use huifang_core::model::{Customer, Unit};
use rexie::{Rexie, TransactionMode};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits until `done()` holds, failing the test after `ms` instead of hanging.
async fn until(ms: i32, what: &str, done: impl Fn() -> bool) {
    let mut waited = 0;
    while !done() {
        assert!(waited < ms, "gave up after {ms} ms waiting for {what}");
        sleep(20).await;
        waited += 20;
    }
}

fn customer() -> Customer {
    let now = DateTime::from_timestamp(1_795_000_000, 0).unwrap();
    let unit = Unit { building: "3".into(), entrance: "2".into(), room: "1201".into() };
    Customer::new(Uuid::new_v4(), "王美丽".into(), "138 0000 0000".into(), unit, now)
}

/// The "new app" in another tab: opens `name` at `version`, adding a store
/// in its upgrade, with plain IndexedDB. Resolves to the open connection.
fn open_newer(name: &str, version: u32) -> Rc<RefCell<Option<Result<web_sys::IdbDatabase, JsValue>>>> {
    let outcome = Rc::new(RefCell::new(None));
    let request = web_sys::window().unwrap().indexed_db().unwrap().unwrap().open_with_u32(name, version).unwrap();
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new({
        let request = request.clone();
        move |_| {
            let db: web_sys::IdbDatabase = request.result().unwrap().unchecked_into();
            db.create_object_store("added_by_v3").unwrap();
        }
    });
    let on_success = Closure::<dyn FnMut(web_sys::Event)>::new({
        let (request, outcome) = (request.clone(), outcome.clone());
        move |_| *outcome.borrow_mut() = Some(Ok(request.result().unwrap().unchecked_into()))
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new({
        let (request, outcome) = (request.clone(), outcome.clone());
        move |_| *outcome.borrow_mut() = Some(Err(request.error().unwrap().unwrap().into()))
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The request lives as long as the page; so may its handlers.
    on_upgrade.forget();
    on_success.forget();
    on_error.forget();
    outcome
}

async fn customers_in(name: &str, version: u32) -> Vec<serde_json::Value> {
    // Opening at the database's own version upgrades (and deletes) nothing.
    let db = schema::builder_at(name, version).build().await.unwrap();
    let tx = db.transaction(&[schema::CUSTOMER_BUCKETS], TransactionMode::ReadOnly).unwrap();
    let rows = tx.store(schema::CUSTOMER_BUCKETS).unwrap().get_all(None, None).await.unwrap();
    tx.done().await.unwrap();
    db.close();
    // Each bucket row holds its records as one JSON text.
    rows.into_iter()
        .flat_map(|row| {
            let bytes = js_sys::Reflect::get(&row, &"records".into()).unwrap();
            serde_json::from_slice::<Vec<serde_json::Value>>(&js_sys::Uint8Array::new(&bytes).to_vec()).unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn an_upgrade_in_another_tab_completes_and_the_old_tab_asks_for_a_reload() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    // The old tab: the app's connection, with data, and its watcher.
    let old_tab = Database::open(&name).await.unwrap();
    let saved = customer();
    old_tab.commit(&Changes::customer(saved.clone())).await.unwrap();
    let lost = Rc::new(Cell::new(None));
    let _watcher = Watcher::start(&name, {
        let lost = lost.clone();
        move |why| lost.set(Some(why))
    })
    .await
    .unwrap();

    // The new app opens a higher version: it must not hang on the old tab.
    let newer = schema::SCHEMA_VERSION + 1;
    let upgrade = open_newer(&name, newer);
    until(10_000, "the upgrade in the other tab", || upgrade.borrow().is_some()).await;
    let new_tab = upgrade.borrow_mut().take().unwrap().expect("the upgrade succeeds");
    assert_eq!(new_tab.version() as u32, newer);

    // The old tab knows it must reload, and its next use says so plainly.
    assert_eq!(lost.get(), Some(Lost::Upgraded));
    assert_eq!(old_tab.load().await, Err(StoreError::VersionChanged));
    assert_eq!(old_tab.commit(&Changes::customer(customer())).await, Err(StoreError::VersionChanged));

    // The old tab's data is in the upgraded database.
    new_tab.close();
    let rows = customers_in(&name, newer).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], saved.id.to_string());
    assert_eq!(rows[0]["name"], "王美丽");
    Rexie::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_database_deleted_by_another_tab_is_noticed() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let old_tab = Database::open(&name).await.unwrap();
    old_tab.commit(&Changes::customer(customer())).await.unwrap();
    let lost = Rc::new(Cell::new(None));
    let _watcher = Watcher::start(&name, {
        let lost = lost.clone();
        move |why| lost.set(Some(why))
    })
    .await
    .unwrap();

    // Both of this tab's connections let go, so the deletion is not blocked.
    let deleted = Rc::new(Cell::new(false));
    wasm_bindgen_futures::spawn_local({
        let (name, deleted) = (name.clone(), deleted.clone());
        async move {
            Rexie::delete(&name).await.unwrap();
            deleted.set(true);
        }
    });
    until(10_000, "the deletion", || deleted.get()).await;
    assert_eq!(lost.get(), Some(Lost::Deleted));
    assert_eq!(old_tab.load().await, Err(StoreError::VersionChanged));
}

#[wasm_bindgen_test]
async fn a_tab_holding_an_older_version_open_is_reported_while_it_blocks_the_upgrade() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    // A very old tab: version 1, and it does not close on `versionchange`.
    let v1 = schema::builder_at(&name, 1).build().await.unwrap();
    v1.close();
    let old = hold_open(&name).await;

    let reports = Rc::new(RefCell::new(Vec::new()));
    tabs::on_blocked({
        let reports = reports.clone();
        move |b| reports.borrow_mut().push(b)
    });
    let opened = Rc::new(RefCell::new(None));
    wasm_bindgen_futures::spawn_local({
        let (name, opened) = (name.clone(), opened.clone());
        async move { *opened.borrow_mut() = Some(Database::open(&name).await) }
    });

    until(10_000, "the blocked report", || reports.borrow().first() == Some(&true)).await;
    sleep(200).await;
    assert!(opened.borrow().is_none(), "the open waits while the old tab holds the database");

    // The old tab closes: the open goes on and upgrades, and the wait is over.
    old.close();
    until(10_000, "the open after the old tab closed", || opened.borrow().is_some()).await;
    let db = opened.borrow_mut().take().unwrap().expect("the upgrade succeeds");
    assert_eq!(db.load().await.unwrap().customers.len(), 0);
    assert_eq!(*reports.borrow(), vec![true, false]);
    db.close();
    Rexie::delete(&name).await.unwrap();
}

/// A plain connection to `name` at its current version, with no
/// `versionchange` handler: it keeps the database open whatever happens.
async fn hold_open(name: &str) -> web_sys::IdbDatabase {
    let request = web_sys::window().unwrap().indexed_db().unwrap().unwrap().open(name).unwrap();
    let promise = js_sys::Promise::new(&mut |resolve, _| request.set_onsuccess(Some(&resolve)));
    JsFuture::from(promise).await.unwrap();
    request.result().unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn a_save_in_one_tab_tells_the_other_tabs_what_it_stored() {
    let name = format!("huifang-test-{}", Uuid::new_v4());
    let heard_here: Rc<RefCell<Vec<Posted>>> = Rc::default();
    let heard_there: Rc<RefCell<Vec<Posted>>> = Rc::default();
    let this_tab = Channel::open_named(&name, {
        let heard = heard_here.clone();
        move |p| heard.borrow_mut().push(p)
    })
    .unwrap();
    let _other_tab = Channel::open_named(&name, {
        let heard = heard_there.clone();
        move |p| heard.borrow_mut().push(p)
    })
    .unwrap();

    let touched = Touched { revisits: vec![Uuid::new_v4()], signatures: vec![Uuid::new_v4()], ..Touched::default() };
    this_tab.post(&Posted::Touched(touched.clone()));
    this_tab.post(&Posted::Everything);
    until(5_000, "the other tab to hear of the changes", || heard_there.borrow().len() == 2).await;
    sleep(100).await;
    assert_eq!(*heard_there.borrow(), vec![Posted::Touched(touched), Posted::Everything]);
    assert!(heard_here.borrow().is_empty(), "a tab is not told of its own change");
}
