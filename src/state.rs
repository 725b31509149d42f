//! App-wide state: the database connection, the loaded records, the
//! current screen and the last notice. Provided through context.

use std::rc::Rc;

use leptos::prelude::*;

use huifang_core::model::Dataset;

use crate::i18n::{store_error, I18n, Msg};
use crate::navigation::Page;
use crate::storage_health::Safety;
use crate::store::{schema::DB_NAME, Database, StoreError};

/// A message shown at the top of the screen after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Done(Msg),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    /// Every record, reloaded after each write.
    pub data: LocalResource<Result<Dataset, StoreError>>,
    pub page: RwSignal<Page>,
    pub notice: RwSignal<Option<Notice>>,
    /// Storage health and the other tabs (banners, the Data page's card).
    pub safety: Safety,
    /// (writes seen, writes the loaded records include): equal when the
    /// records on screen are what the database holds.
    generation: StoredValue<(u64, u64), LocalStorage>,
    /// The records a write is known to have stored (an import), shown by
    /// the next load instead of reading 200,000 rows back.
    adopted: StoredValue<Option<Dataset>, LocalStorage>,
    i18n: I18n,
}

impl AppState {
    pub fn new(initial: Page, i18n: I18n) -> Self {
        let db: StoredValue<Option<Rc<Database>>, LocalStorage> = StoredValue::new_local(None);
        let safety = Safety::new();
        let generation: StoredValue<(u64, u64), LocalStorage> = StoredValue::new_local((0, 0));
        let adopted: StoredValue<Option<Dataset>, LocalStorage> = StoredValue::new_local(None);
        let data = LocalResource::new(move || async move {
            let includes = generation.get_value().0;
            let data = match adopted.try_update_value(Option::take).flatten() {
                Some(known) => known,
                None => Self::connect(db, safety).await?.load().await?,
            };
            safety.loaded(&data);
            generation.update_value(|g| g.1 = g.1.max(includes));
            Ok(data)
        });
        // Another tab saved: show its change here too.
        safety.listen(move || {
            generation.update_value(|g| g.0 += 1);
            data.refetch()
        });
        Self { db, data, page: RwSignal::new(initial), notice: RwSignal::new(None), safety, generation, adopted, i18n }
    }

    async fn connect(
        db: StoredValue<Option<Rc<Database>>, LocalStorage>,
        safety: Safety,
    ) -> Result<Rc<Database>, StoreError> {
        if let Some(open) = db.get_value() {
            return Ok(open);
        }
        let open = Rc::new(Database::open(DB_NAME).await?);
        db.set_value(Some(open.clone()));
        safety.watch(DB_NAME).await;
        Ok(open)
    }

    /// The open database (opened on first use).
    pub async fn database(self) -> Result<Rc<Database>, StoreError> {
        Self::connect(self.db, self.safety).await
    }

    /// Runs one user action's write and reports it: on commit, reloads the
    /// records and says `done`; otherwise shows why, in the user's language.
    /// Returns whether it was saved.
    pub async fn save<F, Fut>(self, done: Msg, write: F) -> bool
    where
        F: FnOnce(Rc<Database>) -> Fut,
        Fut: std::future::Future<Output = Result<(), StoreError>>,
    {
        self.save_then(done, write, || None).await
    }

    /// [`save`](Self::save) for a write whose outcome is known in full (an
    /// import): on commit, `stored` gives the records the database now
    /// holds, and they are shown without being read back.
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
                if let Some(mut data) = stored() {
                    data.sort_by_entry();
                    self.adopted.set_value(Some(data));
                }
                self.saved(done);
                true
            }
            Err(e) => {
                self.store_failed(&e);
                false
            }
        }
    }

    /// Runs `f` on the records on screen if they are what the database
    /// holds (no write since they were loaded), else `None`: an export
    /// then needn't read 200,000 rows again, and never misses a save.
    pub fn with_current_data<R>(self, f: impl FnOnce(&Dataset) -> R) -> Option<R> {
        let (seen, loaded) = self.generation.get_value();
        if seen != loaded {
            return None;
        }
        self.data.with_untracked(|d| match d {
            Some(Ok(data)) => Some(f(data)),
            _ => None,
        })
    }

    /// How many writes (this tab's and other tabs') this tab has seen: a
    /// plan made from the records stays valid while it is unchanged.
    pub fn writes_seen(self) -> u64 {
        self.generation.get_value().0
    }

    /// After a committed write: reload the records and say so.
    pub fn saved(self, msg: Msg) {
        self.generation.update_value(|g| g.0 += 1);
        self.safety.committed();
        self.data.refetch();
        self.told(msg);
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
