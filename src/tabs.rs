//! Several tabs of the app on one tablet.
//!
//! - A change committed in one tab reaches the others: each tab posts on a
//!   `BroadcastChannel` after its writes the ids of the records it stored,
//!   and the others read back just those rows (or everything after an import).
//! - A newer app's schema upgrade, or the database being deleted, closes this
//!   tab's connection (rexie closes it on `versionchange`), after which every
//!   transaction fails. A small watcher connection notices the same event and
//!   asks for a reload instead of letting the next save fail obscurely.
//! - Before this tab upgrades the schema, a probe open reports when an older
//!   tab does not let go of the database (`blocked`), so the page can say so
//!   instead of hanging. Every version of this app closes on `versionchange`,
//!   so that only happens while another tab is busy (a long import) or frozen;
//!   the wait then ends by itself once that tab lets go.

use std::cell::RefCell;
use std::rc::Rc;

use huifang_core::model::Touched;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbVersionChangeEvent, MessageEvent};

/// The channel every tab of the app listens on.
pub const CHANNEL: &str = "huifang";
/// Said after an import: every record may have changed.
const EVERYTHING: &str = "changed";

/// What another tab says it committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Every record may have changed (a restore or a merge).
    Everything,
    /// These records were stored or removed.
    Touched(Touched),
}

impl Posted {
    fn to_message(&self) -> JsValue {
        match self {
            Posted::Everything => JsValue::from_str(EVERYTHING),
            // Ids only: the other tab reads the rows themselves, so it sees
            // what is stored even when two tabs write the same record.
            Posted::Touched(t) => serde_json::to_string(t).map_or(JsValue::from_str(EVERYTHING), |text| text.into()),
        }
    }

    fn from_message(data: JsValue) -> Option<Self> {
        let text = data.as_string()?;
        if text == EVERYTHING {
            return Some(Posted::Everything);
        }
        // A message this version can't read (from a newer app): read everything.
        Some(serde_json::from_str(&text).map_or(Posted::Everything, Posted::Touched))
    }
}

/// Tells the other tabs of the app what records changed.
pub struct Channel {
    channel: BroadcastChannel,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Channel {
    /// Listens on the app's channel; `on_change` hears what another tab saved.
    pub fn open(on_change: impl Fn(Posted) + 'static) -> Result<Self, JsValue> {
        Self::open_named(CHANNEL, on_change)
    }

    pub fn open_named(name: &str, on_change: impl Fn(Posted) + 'static) -> Result<Self, JsValue> {
        let channel = BroadcastChannel::new(name)?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(posted) = Posted::from_message(ev.data()) {
                on_change(posted);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(Self { channel, _on_message: on_message })
    }

    /// Says a write was committed (other tabs take it in; this one is not told).
    pub fn post(&self, posted: &Posted) {
        // A tab that cannot post only leaves the others to refresh on reload.
        let _ = self.channel.post_message(&posted.to_message());
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Why this tab's database connection was closed under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// A newer version of the app upgraded the schema in another tab.
    Upgraded,
    /// The database was deleted (another tab, or the browser clearing site data).
    Deleted,
}

/// A connection that only listens: when another tab upgrades or deletes the
/// database it closes itself (so it never blocks that tab) and reports why.
pub struct Watcher {
    db: IdbDatabase,
    _on_change: Closure<dyn FnMut(IdbVersionChangeEvent)>,
    _on_close: Closure<dyn FnMut(web_sys::Event)>,
}

impl Watcher {
    /// Watches the existing database `name`; open it with the app first
    /// (opening without a version would create an empty one).
    pub async fn start(name: &str, on_lost: impl Fn(Lost) + 'static) -> Result<Self, JsValue> {
        let request = factory()?.open(name)?;
        let db: IdbDatabase = request_done(&request).await?.dyn_into()?;
        let on_lost = Rc::new(on_lost);
        let (this, lost) = (db.clone(), on_lost.clone());
        let on_change = Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |ev: IdbVersionChangeEvent| {
            this.close();
            lost(if ev.new_version().is_some() { Lost::Upgraded } else { Lost::Deleted });
        });
        // `close` without `versionchange`: the browser dropped the connection
        // itself, e.g. while the user cleared the site's data.
        let on_close = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_lost(Lost::Deleted));
        db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        db.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(Self { db, _on_change: on_change, _on_close: on_close })
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.db.set_onversionchange(None);
        self.db.set_onclose(None);
        self.db.close();
    }
}

type BlockedHook = Rc<dyn Fn(bool)>;

thread_local! {
    static ON_BLOCKED: RefCell<Option<BlockedHook>> = const { RefCell::new(None) };
}

/// Sets what to do while an open waits for another tab (`true`) and when
/// the wait is over (`false`).
pub fn on_blocked(hook: impl Fn(bool) + 'static) {
    ON_BLOCKED.with(|h| *h.borrow_mut() = Some(Rc::new(hook)));
}

fn report_blocked(blocked: bool) {
    if let Some(hook) = ON_BLOCKED.with(|h| h.borrow().clone()) {
        hook(blocked);
    }
}

/// Waits until no other tab holds `name` below `version`, reporting through
/// [`on_blocked`] while one does. The probe open upgrades nothing: if an
/// upgrade is due it aborts it, so the real open (rexie, which does not
/// expose `blocked`) then upgrades with nobody in the way. Any failure here
/// is left for the real open to report.
///
/// Returns whether the real open will upgrade a database an earlier
/// version stored: changing a large office's stores takes seconds, and the
/// user should be told before, not after.
pub async fn wait_for_older_tabs(name: &str, version: u32) -> bool {
    let Ok(request) = factory().and_then(|f| f.open_with_u32(name, version)) else { return false };
    let upgrading = Rc::new(std::cell::Cell::new(false));
    let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new({
        let request = request.clone();
        let upgrading = upgrading.clone();
        move |ev: web_sys::IdbVersionChangeEvent| {
            upgrading.set(ev.old_version() > 0.0);
            if let Some(tx) = request.transaction() {
                let _ = tx.abort();
            }
        }
    });
    let blocked = Rc::new(std::cell::Cell::new(false));
    let on_blocked = Closure::<dyn FnMut(web_sys::Event)>::new({
        let blocked = blocked.clone();
        move |_| {
            blocked.set(true);
            report_blocked(true);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
    if let Ok(db) = request_done(&request).await {
        if let Ok(db) = db.dyn_into::<IdbDatabase>() {
            db.close();
        }
    }
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    if blocked.get() {
        report_blocked(false);
    }
    upgrading.get()
}

fn factory() -> Result<IdbFactory, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("IndexedDB is not available"))
}

/// The open request's result once it succeeds, or its error.
async fn request_done(request: &IdbOpenDbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let req = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let req = request.clone();
        let on_error = Closure::once_into_js(move |ev: web_sys::Event| {
            // Handled here: keep it from being reported as uncaught.
            ev.prevent_default();
            let error = req.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    let result = wasm_bindgen_futures::JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    result
}
