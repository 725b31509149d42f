//! App-wide state: the database connection, the office's records held once
//! in memory, the plan derived from them, the current screen and the last
//! notice. Provided through context.
//!
//! The records are read from IndexedDB once, at start. A committed write
//! is then applied to them in place (`Dataset::apply`), and other tabs read
//! back only the rows it wrote: no save reads every record again.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Mutex, MutexGuard, PoisonError};

use leptos::prelude::*;

use std::sync::Arc;

use huifang_core::model::{Changes, Dataset, Positions, Touched};
use huifang_core::scheduler::{keeps_plan, Plan, PlannedRevisit, Planner, TaskKey};

use crate::clock;
use crate::i18n::{store_error, I18n, Msg};
use crate::navigation::Page;
use crate::storage_health::Safety;
use crate::store::{schema::DB_NAME, Database, StoreError};
use crate::tabs::Posted;

/// A message shown at the top of the screen after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Done(Msg),
    Failed(String),
}

/// The office's records as this tab holds them.
#[derive(Debug, Clone, Default)]
pub enum Records {
    #[default]
    Loading,
    Failed(StoreError),
    Ready(Box<Held>),
}

/// The records and where each one is, kept together so every write
/// changes both at once. Signatures (PNG images, the largest records) are
/// not held: a record reads its own when it shows it.
#[derive(Debug, Clone)]
pub struct Held {
    pub data: Dataset,
    pub at: Positions,
    /// The plan kept between writes: each write is noted, and the next
    /// plan reads only the cases it may change.
    planner: Kept,
}

impl Held {
    fn new(mut data: Dataset) -> Box<Self> {
        data.signatures = Vec::new();
        let at = Positions::new(&data);
        Box::new(Held { data, at, planner: Kept::default() })
    }

    fn apply(&mut self, mut changes: Changes) {
        changes.signatures.clear();
        changes.removed_signatures.clear();
        let touched = changes.touched();
        self.planner.lock().note(&self.data, &self.at, &changes);
        self.data.apply(changes);
        self.at.apply(&self.data, &touched);
    }

    fn plan(&self) -> Plan {
        self.planner.lock().plan(&self.data, &self.at, clock::today())
    }
}

/// The planner behind a lock only because signals ask their values to be
/// `Sync`: one thread ever uses it, so the lock is never contended.
#[derive(Debug, Default)]
struct Kept(Mutex<Planner>);

impl Kept {
    fn lock(&self) -> MutexGuard<'_, Planner> {
        // Poisoned only by a panic, which ends a wasm program anyway.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clone for Kept {
    fn clone(&self) -> Self {
        Kept(Mutex::new(self.lock().clone()))
    }
}

/// Today's plan, with each task found by its key.
pub struct TodayPlan {
    pub plan: Plan,
    at: HashMap<TaskKey, usize>,
}

impl TodayPlan {
    fn new(plan: Plan) -> Self {
        let at = plan.items.iter().enumerate().map(|(i, p)| (p.key, i)).collect();
        Self { plan, at }
    }

    pub fn task(&self, key: TaskKey) -> Option<&PlannedRevisit> {
        self.at.get(&key).map(|&i| &self.plan.items[i])
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    /// Every record, loaded once and changed in place by each write.
    records: RwSignal<Records>,
    /// The plan over the records for today: derived once per change and
    /// shared by every screen that shows tasks.
    pub plan: Memo<Option<Arc<TodayPlan>>>,
    /// Whether every write since the plan was made leaves it as it is (a
    /// household's new phone number): then it is kept, not made again.
    plan_kept: StoredValue<bool>,
    pub page: RwSignal<Page>,
    pub notice: RwSignal<Option<Notice>>,
    /// Storage health and the other tabs (banners, the Data page's card).
    pub safety: Safety,
    /// Writes this tab has seen (its own and other tabs'): a plan made from
    /// the records stays valid while it is unchanged.
    writes: StoredValue<u64>,
    /// Other tabs' writes (and full reloads) not yet in the records.
    pending: StoredValue<u32>,
    i18n: I18n,
}

impl AppState {
    pub fn new(initial: Page, i18n: I18n) -> Self {
        let records = RwSignal::new(Records::Loading);
        let plan_kept = StoredValue::new(false);
        let plan = Memo::new_with_compare(
            move |made: Option<&Option<Arc<TodayPlan>>>| {
                let kept = plan_kept.get_value();
                plan_kept.set_value(true);
                records.with(|r| match (r, made) {
                    (Records::Ready(_), Some(Some(made))) if kept => Some(made.clone()),
                    (Records::Ready(held), _) => Some(Arc::new(TodayPlan::new(held.plan()))),
                    _ => None,
                })
            },
            // A plan made again is a change (comparing 100,000 tasks would
            // cost as much as the plan); a kept one is not.
            |before, now| match (before, now) {
                (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        let this = Self {
            db: StoredValue::new_local(None),
            records,
            plan,
            plan_kept,
            page: RwSignal::new(initial),
            notice: RwSignal::new(None),
            safety: Safety::new(),
            writes: StoredValue::new(0),
            pending: StoredValue::new(0),
            i18n,
        };
        this.safety.listen(move |posted| {
            this.writes.update_value(|w| *w += 1);
            match posted {
                Posted::Everything => this.reload(),
                Posted::Touched(touched) => this.take_in(touched),
            }
        });
        this.reload();
        this
    }

    async fn connect(
        db: StoredValue<Option<Rc<Database>>, LocalStorage>,
        safety: Safety,
        notice: RwSignal<Option<Notice>>,
    ) -> Result<Rc<Database>, StoreError> {
        if let Some(open) = db.get_value() {
            return Ok(open);
        }
        const UPGRADING: Notice = Notice::Done(Msg::StorageUpgrading);
        let opened = Database::open_telling(DB_NAME, &|| notice.set(Some(UPGRADING))).await;
        if notice.with_untracked(|n| n.as_ref() == Some(&UPGRADING)) {
            // Done: the records appear. A failure is shown in their place.
            notice.set(None);
        }
        let open = Rc::new(opened?);
        db.set_value(Some(open.clone()));
        safety.watch(DB_NAME).await;
        Ok(open)
    }

    /// The open database (opened on first use).
    pub async fn database(self) -> Result<Rc<Database>, StoreError> {
        Self::connect(self.db, self.safety, self.notice).await
    }

    /// Reads every record (at start, after an import, or when another tab
    /// replaced them all). The screen keeps the records it has meanwhile.
    pub fn reload(self) {
        self.pending.update_value(|p| *p += 1);
        leptos::task::spawn_local(async move {
            let loaded = match self.database().await {
                Ok(db) => db.load_held().await,
                Err(e) => Err(e),
            };
            self.pending.update_value(|p| *p = p.saturating_sub(1));
            match loaded {
                Ok(data) => {
                    self.safety.loaded(data.record_count());
                    self.plan_kept.set_value(false);
                    self.records.set(Records::Ready(Held::new(data)));
                }
                // A failed reload keeps the records on screen; a failed
                // first load says why.
                Err(e) => self.records.update(|r| match r {
                    Records::Ready(_) => self.store_failed(&e),
                    _ => *r = Records::Failed(e),
                }),
            }
        });
    }

    /// Another tab committed a write: read back the rows it names and apply
    /// them, as this tab does with its own writes.
    fn take_in(self, touched: Touched) {
        self.pending.update_value(|p| *p += 1);
        leptos::task::spawn_local(async move {
            let read = match self.database().await {
                Ok(db) => db.read_touched(&touched).await,
                Err(e) => Err(e),
            };
            self.pending.update_value(|p| *p = p.saturating_sub(1));
            match read {
                Ok(changes) => self.apply(changes),
                // Rows that can't be read now: read everything instead.
                Err(_) => self.reload(),
            }
        });
    }

    fn apply(self, changes: Changes) {
        let keeps = self.records.with_untracked(|r| match r {
            Records::Ready(held) => Some(keeps_plan(&held.data, &held.at, &changes)),
            _ => None,
        });
        if let Some(keeps) = keeps {
            if !keeps {
                self.plan_kept.set_value(false);
            }
            self.records.update(|r| {
                if let Records::Ready(held) = r {
                    held.apply(changes);
                }
            });
        } else {
            // A load still under way may have read before this write.
            self.reload();
        }
    }

    /// Stores one user action's `changes` in one transaction and reports
    /// it: on commit the records in memory take what was stored (the next
    /// revisions) and the notice says `done`; otherwise it says why, in the
    /// user's language. Returns whether it was saved.
    pub async fn save(self, done: Msg, changes: Changes) -> bool {
        let result = match self.database().await {
            Ok(db) => db.commit(&changes).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(saved) => {
                self.applied(done, saved);
                true
            }
            Err(e) => {
                if matches!(e, StoreError::Stale { .. }) {
                    // Show what is stored now, so the newer version is on screen.
                    self.take_in(changes.touched());
                }
                self.store_failed(&e);
                false
            }
        }
    }

    /// After a write that the database layer committed itself (archiving,
    /// deleting): the records in memory take its `changes`.
    pub fn applied(self, done: Msg, changes: Changes) {
        let touched = changes.touched();
        self.writes.update_value(|w| *w += 1);
        self.apply(changes);
        let records = self.records.with_untracked(|r| match r {
            Records::Ready(held) => held.data.record_count(),
            _ => 0,
        });
        self.safety.wrote(records, Posted::Touched(touched));
        self.told(done);
    }

    /// Runs an import's write (a restore or a merge) and reports it: on
    /// commit, `stored` gives the records the database now holds, shown
    /// without reading them back (or, if it can't, they are read again).
    pub async fn save_then<F, Fut>(self, done: Msg, write: F, stored: impl FnOnce() -> Option<Dataset>) -> bool
    where
        F: FnOnce(Rc<Database>) -> Fut,
        Fut: std::future::Future<Output = Result<(), StoreError>>,
    {
        let result = match self.database().await {
            Ok(db) => write(db).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                self.writes.update_value(|w| *w += 1);
                match stored() {
                    Some(mut data) => {
                        data.sort_by_entry();
                        self.safety.wrote(data.record_count(), Posted::Everything);
                        self.plan_kept.set_value(false);
                        self.records.set(Records::Ready(Held::new(data)));
                    }
                    None => {
                        self.safety.wrote_unknown(Posted::Everything);
                        self.reload();
                    }
                }
                self.told(done);
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    /// Runs `f` on the records (tracked), once they are loaded.
    pub fn with_data<R>(self, f: impl FnOnce(&Dataset) -> R) -> Option<R> {
        self.records.with(|r| match r {
            Records::Ready(held) => Some(f(&held.data)),
            _ => None,
        })
    }

    /// Runs `f` on the records and where each one is (tracked).
    pub fn with_indexed<R>(self, f: impl FnOnce(&Dataset, &Positions) -> R) -> Option<R> {
        self.records.with(|r| match r {
            Records::Ready(held) => Some(f(&held.data, &held.at)),
            _ => None,
        })
    }

    /// [`with_data`](Self::with_data) without subscribing: for actions.
    pub fn with_data_untracked<R>(self, f: impl FnOnce(&Dataset) -> R) -> Option<R> {
        self.records.with_untracked(|r| match r {
            Records::Ready(held) => Some(f(&held.data)),
            _ => None,
        })
    }

    /// Runs `f` on the records on screen (all but the signatures) if they
    /// are what the database holds (no other tab's write still being
    /// read), else `None`: a spreadsheet then needn't read 200,000 rows
    /// again, and never misses a save.
    pub fn with_current_data<R>(self, f: impl FnOnce(&Dataset) -> R) -> Option<R> {
        if self.pending.get_value() > 0 {
            return None;
        }
        self.with_data_untracked(f)
    }

    /// Runs `f` on every record as stored, signatures included: the
    /// records on screen with the signatures read beside them when they
    /// are current (no copy of 200,000 records), else a fresh load.
    pub async fn with_stored_data<R>(self, f: impl FnOnce(&Dataset) -> R) -> Result<R, StoreError> {
        let db = self.database().await?;
        let seen = self.writes_seen();
        let signatures = db.signatures().await?;
        let current = self.pending.get_value() == 0 && self.writes_seen() == seen;
        let mut f = Some(f);
        if current {
            let mut signatures = Some(signatures);
            let out = self.records.try_update_untracked(|r| match r {
                Records::Ready(held) => {
                    // Lent for the call, then taken back: never held.
                    held.data.signatures = signatures.take().unwrap_or_default();
                    let out = f.take().map(|f| f(&held.data));
                    held.data.signatures = Vec::new();
                    out
                }
                _ => None,
            });
            if let Some(Some(out)) = out {
                return Ok(out);
            }
        }
        let data = db.load().await?;
        match f {
            Some(f) => Ok(f(&data)),
            None => Err(StoreError::Database("the records changed while they were compared".into())),
        }
    }

    /// The load state, for the screens' loading and error views (tracked).
    pub fn with_records<R>(self, f: impl FnOnce(&Records) -> R) -> R {
        self.records.with(f)
    }

    /// How many writes (this tab's and other tabs') this tab has seen: a
    /// plan made from the records stays valid while it is unchanged.
    pub fn writes_seen(self) -> u64 {
        self.writes.get_value()
    }

    /// Says an action went through (one that changed nothing stored).
    pub fn told(self, msg: Msg) {
        self.notice.set(Some(Notice::Done(msg)));
    }

    /// Shows a storage failure in the user's language.
    pub fn store_failed(self, e: &StoreError) {
        self.failed(store_error(self.i18n.current(), e));
    }

    pub fn failed(self, text: String) {
        self.notice.set(Some(Notice::Failed(text)));
    }

    pub fn go(self, page: Page) {
        self.notice.set(None);
        self.page.set(page);
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
