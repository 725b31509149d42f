use std::collections::BTreeMap;
use std::rc::Rc;

use rexie::{Rexie, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use huifang_core::model::{Changes, Revised, Revisit, Signature, Touched};
use huifang_core::retention::{self, Refusal};
use huifang_core::settings::Settings;

use super::bucket::{self, bucket_of, Change, Stored};
use super::schema::{
    self, CASE_BUCKETS, CUSTOMER_BUCKETS, META, OPEN_LETTER_BUCKETS, REVISIT_BUCKETS, SIGNATURE_BUCKETS, STAFF_BUCKETS,
};
use super::StoreError;

/// An open connection to the office's database.
pub struct Database {
    pub(super) db: Rexie,
}

// Small rows (meta) go through JSON, the same serde path as the backup
// file: one (de)serializer per type in the bundle instead of two.
pub(super) fn encode<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Encode(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| StoreError::Encode(format!("{e:?}")))
}

pub(super) fn decode<T: DeserializeOwned>(store: &'static str, value: JsValue) -> Result<T, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { store, detail };
    let text: String = js_sys::JSON::stringify(&value).map_err(|e| corrupt(format!("{e:?}")))?.into();
    serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))
}

/// The office settings row in `meta`.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct SettingsRow {
    pub(super) key: String,
    pub(super) value: Settings,
}

pub(super) const SETTINGS_KEY: &str = "settings";

impl Database {
    /// Opens (creating or upgrading) the database called `name`, then runs
    /// any data migration it has not had yet.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        Self::open_telling(name, &|| {}).await
    }

    /// [`open`](Self::open), calling `upgrading` once before the stores or
    /// the records an earlier version stored are changed: at a large
    /// office that takes seconds, and the user should know why.
    pub async fn open_telling(name: &str, upgrading: &dyn Fn()) -> Result<Self, StoreError> {
        super::error::watch_aborts();
        let told = std::cell::Cell::new(false);
        let tell = || {
            if !told.replace(true) {
                upgrading();
            }
        };
        if crate::tabs::wait_for_older_tabs(name, schema::SCHEMA_VERSION).await {
            tell();
        }
        let db = schema::builder(name).build().await.map_err(|e| match StoreError::from(e) {
            StoreError::Database(d) => StoreError::Unavailable(d),
            other => other,
        })?;
        let this = Self { db };
        this.migrate(&tell).await?;
        Ok(this)
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Runs `body` in one read-write transaction over `stores`; commits only
    /// if every request succeeded, otherwise aborts so nothing is half-written.
    pub(super) async fn write<F, Fut>(&self, stores: &[&str], body: F) -> Result<(), StoreError>
    where
        F: FnOnce(Rc<rexie::Transaction>) -> Fut,
        Fut: std::future::Future<Output = Result<(), StoreError>>,
    {
        let tx = Rc::new(self.db.transaction(stores, TransactionMode::ReadWrite)?);
        let outcome = body(tx.clone()).await;
        finish(tx, outcome).await
    }

    /// Stores one user action's `changes` in one transaction over the
    /// stores they touch: all of it or, on any failure, none of it. Each
    /// record is stored as its next revision, and only over the revision it
    /// was derived from: a form opened before another tab's save (or a
    /// merge, or a restore) is refused with [`StoreError::Stale`], never
    /// written over the newer record. Returns what was stored, for the
    /// records in memory to take (`Dataset::apply`).
    pub async fn commit(&self, changes: &Changes) -> Result<Changes, StoreError> {
        let changes = changes.advanced();
        // Serialized before the transaction opens: only IndexedDB requests
        // are awaited inside it.
        let settings = match &changes.settings {
            Some(s) => Some(encode(&SettingsRow { key: SETTINGS_KEY.into(), value: s.clone() })?),
            None => None,
        };
        let stores = touched_stores(&changes.touched());
        if stores.is_empty() {
            return Ok(changes);
        }
        let saved = &changes;
        self.write(&stores, |tx| async move {
            put_revised(&tx, &saved.customers).await?;
            put_revised(&tx, &saved.cases).await?;
            put_revised(&tx, &saved.staff).await?;
            put_revised(&tx, &saved.open_letters).await?;
            // A signature is stored with (or before) the revisit referring to it.
            let signatures = saved.signatures.iter().map(Change::Put);
            let gone = saved.removed_signatures.iter().map(|id| Change::Remove(*id));
            change::<Signature>(&tx, signatures.chain(gone).collect(), &|_| {}, None).await?;
            let revisits = saved.revisits.iter().map(Change::Put);
            let gone = saved.removed_revisits.iter().map(|id| Change::Remove(*id));
            change::<Revisit>(&tx, revisits.chain(gone).collect(), &|_| {}, Some(Revisit::follows)).await?;
            if let Some(row) = settings {
                tx.store(META)?.put(&row, None).await?;
            }
            Ok(())
        })
        .await?;
        Ok(changes)
    }

    /// What another tab's write stored, read back by the ids it names in
    /// one read-only transaction: the records found replace or join the
    /// ones in memory; a revisit or signature no longer stored was deleted.
    pub async fn read_touched(&self, touched: &Touched) -> Result<Changes, StoreError> {
        let stores = touched_stores(touched);
        if stores.is_empty() {
            return Ok(Changes::default());
        }
        let tx = self.db.transaction(&stores, TransactionMode::ReadOnly)?;
        let mut changes = Changes {
            customers: read_ids(&tx, &touched.customers).await?,
            cases: read_ids(&tx, &touched.cases).await?,
            revisits: read_ids(&tx, &touched.revisits).await?,
            staff: read_ids(&tx, &touched.staff).await?,
            open_letters: read_ids(&tx, &touched.open_letters).await?,
            signatures: read_ids(&tx, &touched.signatures).await?,
            ..Changes::default()
        };
        if touched.settings {
            let row = tx.store(META)?.get(JsValue::from_str(SETTINGS_KEY)).await?;
            changes.settings = Some(settings_of(row)?);
        }
        tx.done().await?;
        let absent = |ids: &[Uuid], found: &[Uuid]| -> Vec<Uuid> {
            ids.iter().filter(|id| !found.contains(id)).copied().collect()
        };
        let found: Vec<Uuid> = changes.revisits.iter().map(|r| r.id).collect();
        changes.removed_revisits = absent(&touched.revisits, &found);
        let found: Vec<Uuid> = changes.signatures.iter().map(|s| s.id).collect();
        changes.removed_signatures = absent(&touched.signatures, &found);
        Ok(changes)
    }

    /// The signature `id`, read from its bucket when a record shows it.
    pub async fn signature(&self, id: Uuid) -> Result<Option<Signature>, StoreError> {
        self.stored(id).await
    }

    /// The stored record `id`, read from its bucket in its own read-only
    /// transaction.
    async fn stored<T: Stored>(&self, id: Uuid) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(&[T::STORE], TransactionMode::ReadOnly)?;
        let found = read_ids::<T>(&tx, &[id]).await?;
        tx.done().await?;
        Ok(found.into_iter().next())
    }

    /// Archives (`archived`) or un-archives the stored record `id` (rule 17),
    /// checked on the stored row, then written with one put.
    pub async fn archive_revisit(
        &self,
        id: Uuid,
        archived: bool,
        now: DateTime<Utc>,
    ) -> Result<Revisit, RetentionError> {
        let stored = self.stored::<Revisit>(id).await?.ok_or(Refusal::NotFound)?;
        let changed = if archived { retention::archive(&stored, now) } else { retention::unarchive(&stored, now) }?;
        let saved = self.commit(&Changes::revisit(changed)).await?;
        Ok(saved.revisits.into_iter().next().ok_or(Refusal::NotFound)?)
    }

    /// Deletes the revisit `id` with every signature captured for it, in one
    /// transaction. Rule 17 is checked first, on the stored record and
    /// `today`: an unfinished or younger record is refused and nothing is
    /// touched. (Whether the plan would change needs all records; the record
    /// screen checks that with `retention::check_deletion` before asking.)
    pub async fn delete_revisit(&self, id: Uuid, today: NaiveDate) -> Result<Changes, RetentionError> {
        let stored = self.stored::<Revisit>(id).await?.ok_or(Refusal::NotFound)?;
        retention::check_record_deletable(&stored, today)?;
        let own = stored.result.as_ref().and_then(|r| r.signature_id);
        let removed = std::cell::RefCell::new(Vec::new());
        let kept = &removed;
        self.write(&[REVISIT_BUCKETS, SIGNATURE_BUCKETS], |tx| async move {
            let mut signatures: Vec<Uuid> =
                super::query::in_index::<Signature>(&tx, "revisit_id", &id.to_string(), |s| s.revisit_id == id)
                    .await?
                    .iter()
                    .map(|s| s.id)
                    .collect();
            // Deleting an absent signature is no error.
            signatures.extend(own.filter(|s| !signatures.contains(s)));
            change::<Signature>(&tx, signatures.iter().map(|s| Change::Remove(*s)).collect(), &|_| {}, None).await?;
            change::<Revisit>(&tx, vec![Change::Remove(id)], &|_| {}, None).await?;
            *kept.borrow_mut() = signatures;
            Ok(())
        })
        .await?;
        Ok(Changes { removed_revisits: vec![id], removed_signatures: removed.into_inner(), ..Changes::default() })
    }
}

/// Why archiving or deleting a revisit did not happen: refused by rule 17,
/// or the storage failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RetentionError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The settings in their `meta` row; the defaults before any were saved.
pub(super) fn settings_of(row: Option<JsValue>) -> Result<Settings, StoreError> {
    match row {
        Some(v) if !v.is_undefined() => Ok(decode::<SettingsRow>(META, v)?.value),
        _ => Ok(Settings::default()),
    }
}

/// The stores a write of `touched` goes to.
fn touched_stores(touched: &Touched) -> Vec<&'static str> {
    let kinds = [
        (!touched.customers.is_empty(), CUSTOMER_BUCKETS),
        (!touched.cases.is_empty(), CASE_BUCKETS),
        (!touched.revisits.is_empty(), REVISIT_BUCKETS),
        (!touched.staff.is_empty(), STAFF_BUCKETS),
        (!touched.open_letters.is_empty(), OPEN_LETTER_BUCKETS),
        (!touched.signatures.is_empty(), SIGNATURE_BUCKETS),
        (touched.settings, META),
    ];
    kinds.into_iter().filter_map(|(yes, store)| yes.then_some(store)).collect()
}

/// The stored records with `ids`, each bucket read once, inside `tx`.
async fn read_ids<T: Stored>(tx: &rexie::Transaction, ids: &[Uuid]) -> Result<Vec<T>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let buckets: std::collections::BTreeSet<u32> = ids.iter().map(|id| bucket_of::<T>(*id)).collect();
    let store = tx.store(T::STORE)?;
    let mut found = Vec::new();
    for b in buckets {
        if let Some(row) = store.get(JsValue::from(b)).await? {
            if !row.is_undefined() {
                found.extend(bucket::decode::<T>(&row)?.into_iter().filter(|r| ids.contains(&r.id())));
            }
        }
    }
    Ok(found)
}

/// Adds or replaces `records` by id inside `tx`, as they are (a backup's
/// records); `done` hears how many records each bucket written held of them.
pub(super) async fn put_all<'r, T: Stored + Clone + 'r>(
    tx: &rexie::Transaction,
    records: impl IntoIterator<Item = &'r T>,
    done: &dyn Fn(usize),
) -> Result<(), StoreError> {
    change(tx, records.into_iter().map(Change::Put).collect(), done, None).await
}

/// Adds or replaces `records` (each at its next revision) inside `tx`,
/// refusing any whose stored version is not the one it was derived from.
async fn put_revised<T: Stored + Revised + Clone>(tx: &rexie::Transaction, records: &[T]) -> Result<(), StoreError> {
    change(tx, records.iter().map(Change::Put).collect(), &|_| {}, Some(T::follows)).await
}

/// Whether a record may replace the stored one with its id (`None`: none
/// is stored).
type Follows<T> = fn(&T, Option<&T>) -> bool;

/// Applies `changes` inside `tx`: each bucket touched is read, changed and
/// written back (or deleted when it ends up empty); with `follows`, a put
/// whose stored record it may not replace fails the whole write as stale.
/// Only IndexedDB requests are awaited; the rest is synchronous.
pub(super) async fn change<T: Stored + Clone>(
    tx: &rexie::Transaction,
    changes: Vec<Change<'_, T>>,
    done: &dyn Fn(usize),
    follows: Option<Follows<T>>,
) -> Result<(), StoreError> {
    let rows = Rows { store: T::STORE, key: bucket_of::<T>, keys: T::keys };
    change_rows(tx, rows, changes, done, follows).await
}

/// Where a write keeps records of `T`: a store, the key of the row that
/// holds each record (by id), and the query keys a row lists for each.
pub(super) struct Rows<K, Q> {
    pub store: &'static str,
    pub key: K,
    pub keys: Q,
}

/// [`change`] in the rows of `rows`. A `Change::Take` whose record is not
/// stored exactly as given fails the whole write as stale too.
pub(super) async fn change_rows<T, K, Q>(
    tx: &rexie::Transaction,
    rows: Rows<K, Q>,
    changes: Vec<Change<'_, T>>,
    done: &dyn Fn(usize),
    follows: Option<Follows<T>>,
) -> Result<(), StoreError>
where
    T: Stored + Clone,
    K: Fn(Uuid) -> u32,
    Q: Fn(&T, &mut dyn FnMut(&'static str, String)),
{
    if changes.is_empty() {
        return Ok(());
    }
    let mut by_row: BTreeMap<u32, Vec<Change<'_, T>>> = BTreeMap::new();
    for c in changes {
        by_row.entry((rows.key)(c.id())).or_default().push(c);
    }
    let store = tx.store(rows.store)?;
    for (b, changes) in by_row {
        let key = JsValue::from(b);
        let stored = match store.get(key.clone()).await? {
            Some(row) if !row.is_undefined() => bucket::decode_from::<T>(rows.store, &row)?,
            _ => Vec::new(),
        };
        for c in &changes {
            let fresh = match c {
                Change::Put(r) => follows.is_none_or(|follows| follows(r, stored.iter().find(|s| s.id() == r.id()))),
                Change::Take(r) => stored.contains(r),
                Change::Remove(_) => true,
            };
            if !fresh {
                return Err(StoreError::Stale { store: rows.store, id: c.id() });
            }
        }
        let records = bucket::apply(stored, &changes);
        if records.is_empty() {
            store.delete(key).await?;
        } else {
            let refs: Vec<&T> = records.iter().collect();
            store.put(&bucket::encode_keyed(b, &refs, &rows.keys)?, None).await?;
        }
        done(changes.len());
    }
    Ok(())
}

/// Commits `tx` if `outcome` is Ok, otherwise aborts it explicitly: a `?`
/// after writes does not roll anything back by itself.
pub(super) async fn finish(tx: Rc<rexie::Transaction>, outcome: Result<(), StoreError>) -> Result<(), StoreError> {
    let tx = Rc::try_unwrap(tx).map_err(|_| StoreError::Database("transaction still in use".into()))?;
    match outcome {
        Ok(()) => {
            if tx.done().await?.is_committed() {
                Ok(())
            } else {
                Err(StoreError::aborted())
            }
        }
        Err(e) => {
            // A failed request may already have aborted it; either way nothing was kept.
            let _ = tx.abort().await;
            Err(e)
        }
    }
}
