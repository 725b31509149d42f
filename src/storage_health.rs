//! The health of the browser's storage: persistent storage,
//! usage and quota, and the marker kept outside IndexedDB that notices the
//! database vanishing; plus the app-wide safety state the banners show.

use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use huifang_core::safety::{check_store, Marker, StoreCheck};

use crate::clock;
use crate::tabs::{Channel, Lost, Posted, Watcher};

const MARKER_KEY: &str = "huifang.marker";
/// Set once the app has asked for persistent storage by itself, so a browser
/// that prompts (Firefox) is not asked after every save.
const ASKED_KEY: &str = "huifang.persist_asked";

/// The browser's answer about keeping this site's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// Kept until the user deletes it: the browser won't evict it when space runs low.
    Granted,
    /// "Best effort": the browser may clear it when the device runs short of space.
    NotGranted,
    /// This browser has no storage manager (old, or not a secure origin).
    Unsupported,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing on insecure origins and old browsers.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).ok()?.then(|| navigator.storage())
}

async fn answer(promise: Result<js_sys::Promise, JsValue>) -> Persistence {
    match promise {
        Ok(p) => match JsFuture::from(p).await {
            Ok(v) if v.as_bool() == Some(true) => Persistence::Granted,
            _ => Persistence::NotGranted,
        },
        Err(_) => Persistence::NotGranted,
    }
}

/// Whether this site's storage is persistent now (asks nothing).
pub async fn persisted() -> Persistence {
    match storage_manager() {
        Some(s) => answer(s.persisted()).await,
        None => Persistence::Unsupported,
    }
}

/// Asks the browser to keep this site's data (Chromium decides by itself;
/// Firefox asks the user).
pub async fn ask_persist() -> Persistence {
    let _ = LocalStorage::set(ASKED_KEY, true);
    match storage_manager() {
        Some(s) => answer(s.persist()).await,
        None => Persistence::Unsupported,
    }
}

/// How much this site stores and may store, in bytes, as the browser reports
/// them (Chromium reports a round figure above the usage, not the disk's real room).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    pub usage: u64,
    pub quota: u64,
}

pub async fn estimate() -> Option<Estimate> {
    let promise = storage_manager()?.estimate().ok()?;
    let e: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some(Estimate { usage: e.get_usage().unwrap_or(0.0) as u64, quota: e.get_quota().unwrap_or(0.0) as u64 })
}

thread_local! {
    static MARKER_CHANGED: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// What the app last knew was stored (reactive).
pub fn marker() -> Option<Marker> {
    MARKER_CHANGED.with(|c| c.track());
    LocalStorage::get(MARKER_KEY).ok()
}

fn set_marker(m: &Marker) {
    // Without localStorage nothing can be watched; the data itself is unaffected.
    let _ = LocalStorage::set(MARKER_KEY, m);
    MARKER_CHANGED.with(|c| c.update(|n| *n += 1));
}

/// The app-wide safety state: what the banners and the storage card show.
#[derive(Clone, Copy)]
pub struct Safety {
    /// This tab's connection was closed by another tab: reload.
    pub lost: RwSignal<Option<Lost>>,
    /// Opening waits for another tab to let go of the database.
    pub blocked: RwSignal<bool>,
    /// The database was found empty although records had been saved.
    pub vanished: RwSignal<Option<StoreCheck>>,
    /// The browser's answer about persistent storage, once known.
    pub persistence: RwSignal<Option<Persistence>>,
    channel: StoredValue<Option<Rc<Channel>>, leptos::prelude::LocalStorage>,
    watcher: StoredValue<Option<Rc<Watcher>>, leptos::prelude::LocalStorage>,
}

impl Safety {
    pub fn new() -> Self {
        let this = Self {
            lost: RwSignal::new(None),
            blocked: RwSignal::new(false),
            vanished: RwSignal::new(None),
            persistence: RwSignal::new(None),
            channel: StoredValue::new_local(None),
            watcher: StoredValue::new_local(None),
        };
        crate::tabs::on_blocked(move |b| this.blocked.set(b));
        this
    }

    /// Listens to the other tabs: `on_change` hears what one of them saved.
    pub fn listen(self, on_change: impl Fn(Posted) + 'static) {
        // Without BroadcastChannel other tabs' changes show after a reload.
        self.channel.set_value(Channel::open(on_change).ok().map(Rc::new));
    }

    /// After the database `name` opened: notice when another tab upgrades
    /// or deletes it.
    pub async fn watch(self, name: &str) {
        if self.watcher.with_value(Option::is_none) {
            let lost = self.lost;
            let watcher = Watcher::start(name, move |why| lost.set(Some(why))).await;
            self.watcher.set_value(watcher.ok().map(Rc::new));
        }
    }

    /// This tab committed a write, after which `records` are stored: keeps
    /// the marker, tells the other tabs, and (the first time) asks the
    /// browser to keep the data.
    pub fn wrote(self, records: usize, posted: Posted) {
        let previous: Option<Marker> = LocalStorage::get(MARKER_KEY).ok();
        set_marker(&Marker::after_write(previous.as_ref(), records, clock::now()));
        self.told_others(records, posted);
    }

    /// [`wrote`](Self::wrote) when the count is known only after a reload
    /// (which then keeps the marker).
    pub fn wrote_unknown(self, posted: Posted) {
        self.told_others(1, posted);
    }

    fn told_others(self, records: usize, posted: Posted) {
        self.vanished.set(None);
        if let Some(channel) = self.channel.get_value() {
            channel.post(&posted);
        }
        if records > 0 && LocalStorage::get::<bool>(ASKED_KEY).is_err() {
            leptos::task::spawn_local(async move {
                let answer = match persisted().await {
                    Persistence::NotGranted => ask_persist().await,
                    other => other,
                };
                self.persistence.set(Some(answer));
            });
        }
    }

    /// Every load of all the records (`records` of them): notices a
    /// vanished database and keeps the marker.
    pub fn loaded(self, records: usize) {
        let previous: Option<Marker> = LocalStorage::get(MARKER_KEY).ok();
        match check_store(previous.as_ref(), records) {
            vanished @ StoreCheck::Vanished { .. } => self.vanished.set(Some(vanished)),
            _ => {
                self.vanished.set(None);
                // Records written by an earlier app version, or by another
                // tab, are worth watching too; an empty load never lowers the marker.
                if records > 0 && previous.map(|m| m.records) != Some(records) {
                    set_marker(&Marker::after_write(previous.as_ref(), records, clock::now()));
                }
            }
        }
    }

    /// "Start fresh" after a vanished database: the empty database is now
    /// what the office expects.
    pub fn start_fresh(self) {
        let previous: Option<Marker> = LocalStorage::get(MARKER_KEY).ok();
        set_marker(&Marker::after_write(previous.as_ref(), 0, clock::now()));
        self.vanished.set(None);
    }
}

impl Default for Safety {
    fn default() -> Self {
        Self::new()
    }
}
