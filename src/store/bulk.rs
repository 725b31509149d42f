//! Whole-backup writes: restore (replace everything) and merge (add and
//! update by id). One transaction each, written a few buckets at a time so
//! a progress bar can move and the page stays responsive; all of it or
//! none of it.
//!
//! The backup has been parsed and checked completely before this runs.
//! Bucket rows are encoded a batch at a time inside the transaction:
//! encoding is synchronous, so the transaction never waits on anything but
//! IndexedDB, and the whole office is never held as JavaScript strings at
//! once. An encoding failure aborts the transaction like any other.

use std::rc::Rc;

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use huifang_core::backup::merge::Writes;
use huifang_core::model::Dataset;

use super::bucket::{self, Stored};
use super::database::{encode, finish, put_all, Database, SettingsRow, SETTINGS_KEY};
use super::load::{issue, Request};
use super::schema::{ALL_STORES, META, MONTH_DIGESTS, RECORD_STORES, ROW_STORES, SETTLED_STORES};
use super::StoreError;

/// Records per batch: large enough that the per-batch overhead vanishes,
/// small enough that the progress bar moves several times a second.
const BATCH: usize = 5_000;

/// The longest run of encoding and handing over batches before the page
/// gets a frame.
const SLICE_MS: f64 = 50.0;

/// How far a bulk write has got, in records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Bucket rows, each with the number of records it holds.
type Rows<'a> = Box<dyn Iterator<Item = Result<(JsValue, usize), StoreError>> + 'a>;

/// One store's share of a restore: its bucket rows, encoded as they are
/// taken.
pub(crate) struct Part<'a> {
    store: &'static str,
    len: usize,
    rows: Rows<'a>,
}

impl<'a> Part<'a> {
    pub(crate) fn of<T: Stored>(records: &'a [T]) -> Self {
        let rows = bucket::group(records).into_iter().map(|(b, group)| Ok((bucket::encode(b, &group)?, group.len())));
        Part { store: T::STORE, len: records.len(), rows: Box::new(rows) }
    }

    /// A part whose rows come from `rows` (tests use it to inject a failure).
    #[cfg(all(test, target_arch = "wasm32"))]
    pub(crate) fn from_rows(store: &'static str, len: usize, rows: Rows<'a>) -> Self {
        Part { store, len, rows }
    }
}

fn parts(data: &Dataset) -> Vec<Part<'_>> {
    vec![
        Part::of(&data.customers),
        Part::of(&data.staff),
        Part::of(&data.cases),
        Part::of(&data.open_letters),
        Part::of(&data.signatures),
        Part::of(&data.revisits),
    ]
}

impl Database {
    /// Replaces every record and the settings with `data` (restore from
    /// backup): all of it or, if anything fails, none of it.
    pub async fn restore(&self, data: &Dataset, progress: &dyn Fn(Progress)) -> Result<(), StoreError> {
        let settings = encode(&SettingsRow { key: SETTINGS_KEY.into(), value: data.settings.clone() })?;
        self.write_parts(parts(data), Some(settings), progress).await
    }

    /// [`restore`](Self::restore) without a progress report.
    pub async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        self.restore(data, &|_| {}).await
    }

    /// Adds and updates the records of `writes` by id, keeping every other
    /// record and the settings (merge from backup): all or none. Each
    /// bucket touched is read and rewritten with the changes.
    pub async fn merge_in(&self, writes: &Writes<'_>, progress: &dyn Fn(Progress)) -> Result<(), StoreError> {
        let total = writes.record_count();
        let done = std::cell::Cell::new(0);
        let step = |n: usize| {
            done.set(done.get() + n);
            progress(Progress { done: done.get(), total });
        };
        progress(Progress { done: 0, total });
        self.write(&RECORD_STORES, |tx| async move {
            put_all(&tx, writes.customers.iter().copied(), &step).await?;
            put_all(&tx, writes.staff.iter().copied(), &step).await?;
            put_all(&tx, writes.cases.iter().copied(), &step).await?;
            put_all(&tx, writes.open_letters.iter().copied(), &step).await?;
            put_all(&tx, writes.signatures.iter().copied(), &step).await?;
            put_all(&tx, writes.revisits.iter().copied(), &step).await
        })
        .await
    }

    /// Empties every record store, then writes `parts` and `settings`, in
    /// one transaction. Commits only if every row was stored.
    pub(crate) async fn write_parts(
        &self,
        parts: Vec<Part<'_>>,
        settings: Option<JsValue>,
        progress: &dyn Fn(Progress),
    ) -> Result<(), StoreError> {
        let total = parts.iter().map(|p| p.len).sum();
        let tx = Rc::new(self.db.transaction(&ALL_STORES, TransactionMode::ReadWrite)?);
        let outcome: Result<(), StoreError> = async {
            for store in RECORD_STORES.into_iter().chain(ROW_STORES).chain(SETTLED_STORES).chain([MONTH_DIGESTS]) {
                tx.store(store)?.clear().await?;
            }
            let mut done = 0;
            progress(Progress { done, total });
            let stores = parts.iter().map(|p| tx.store(p.store)).collect::<Result<Vec<_>, _>>()?;
            // One batch stays in flight while the next is encoded and
            // handed over: the browser clones rows on this thread and
            // stores them on another, and waiting for each batch to drain
            // before starting the next would leave one of them idle.
            let mut in_flight: Vec<(Request<'_, ()>, usize)> = Vec::with_capacity(2);
            let mut slice_began = js_sys::Date::now();
            for (part, store) in parts.into_iter().zip(&stores) {
                let mut rows = part.rows;
                loop {
                    let (mut batch, mut records) = (Vec::new(), 0);
                    while records < BATCH {
                        let Some(row) = rows.next() else { break };
                        let (row, n) = row?;
                        batch.push(row);
                        records += n;
                    }
                    if batch.is_empty() {
                        break;
                    }
                    in_flight.push((issue(Box::pin(store.put_all(batch.into_iter().map(|row| (row, None))))), records));
                    // A request that has already finished gives the page no
                    // turn when awaited, and batches would follow each other
                    // for seconds without a frame. After a slice of work the
                    // newest is awaited too: the page paints while it is
                    // stored. (Only IndexedDB requests may be awaited inside
                    // the transaction: a timer would let it commit.)
                    let slice_over = js_sys::Date::now() - slice_began >= SLICE_MS;
                    let keep = usize::from(!slice_over);
                    confirm(&mut in_flight, keep, &mut done, total, progress).await?;
                    if slice_over {
                        slice_began = js_sys::Date::now();
                    }
                }
            }
            confirm(&mut in_flight, 0, &mut done, total, progress).await?;
            if let Some(row) = settings {
                tx.store(META)?.put(&row, None).await?;
            }
            Ok(())
        }
        .await;
        finish(tx, outcome).await
    }
}

/// Awaits the batches of `in_flight`, oldest first, all but the newest
/// `keep`, counting each one stored into `done`.
async fn confirm(
    in_flight: &mut Vec<(Request<'_, ()>, usize)>,
    keep: usize,
    done: &mut usize,
    total: usize,
    progress: &dyn Fn(Progress),
) -> Result<(), StoreError> {
    let stored = in_flight.len().saturating_sub(keep);
    for (request, n) in in_flight.drain(..stored) {
        request.await?;
        *done += n;
        progress(Progress { done: *done, total });
    }
    Ok(())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::store::schema::CASE_BUCKETS;
    use huifang_core::model::Customer;
    use rexie::Rexie;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Every row of every store as the browser holds it, as JSON text.
    async fn dump(db: &Database) -> Vec<String> {
        let tx = db.db.transaction(&ALL_STORES, TransactionMode::ReadOnly).unwrap();
        let mut out = Vec::new();
        for store in ALL_STORES {
            let rows: js_sys::Array = tx.store(store).unwrap().get_all(None, None).await.unwrap().iter().collect();
            out.push(js_sys::JSON::stringify(&rows).unwrap().as_string().unwrap());
        }
        tx.done().await.unwrap();
        out
    }

    fn customers(n: usize) -> Vec<Customer> {
        let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap();
        (0..n)
            .map(|i| {
                Customer::new(
                    uuid::Uuid::from_u128(i as u128 + 1),
                    format!("住户{i}"),
                    "13900000000".into(),
                    huifang_core::Unit { building: "1".into(), entrance: "1".into(), room: format!("{}", 101 + i) },
                    now,
                )
            })
            .collect()
    }

    #[wasm_bindgen_test]
    async fn a_failure_half_way_through_an_import_leaves_every_row_exactly_as_before() {
        let name = format!("huifang-test-{}", uuid::Uuid::new_v4());
        let db = Database::open(&name).await.unwrap();
        let before = Dataset { customers: customers(3), ..Dataset::default() };
        db.replace_all(&before).await.unwrap();
        let rows_before = dump(&db).await;

        // A restore of 12,000 good customers, then a case batch whose second
        // row has no key: IndexedDB refuses it after whole batches (and the
        // clearing of every store) have been written.
        let many = customers(12_000);
        let one = [&many[0]];
        let broken: Vec<Result<(JsValue, usize), StoreError>> =
            vec![bucket::encode(0, &one).map(|row| (row, 1)), Ok((js_sys::Object::new().into(), 1))];
        let parts = vec![Part::of(&many), Part::from_rows(CASE_BUCKETS, 2, Box::new(broken.into_iter()))];
        let seen = std::cell::Cell::new(0);
        let result = db.write_parts(parts, None, &|p| seen.set(p.done)).await;
        assert!(result.is_err(), "a row without a key must fail the import");
        // Batches are confirmed one behind the one being handed over.
        assert!(seen.get() >= 5_000, "the failure came after customers' batches were written ({})", seen.get());

        assert_eq!(dump(&db).await, rows_before, "byte for byte as before");
        assert_eq!(db.load().await.unwrap(), before);
        db.close();
        Rexie::delete(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_restore_reports_progress_batch_by_batch_up_to_the_total() {
        let name = format!("huifang-test-{}", uuid::Uuid::new_v4());
        let db = Database::open(&name).await.unwrap();
        let data = Dataset { customers: customers(12_000), ..Dataset::default() };
        let steps = std::cell::RefCell::new(Vec::new());
        db.restore(&data, &|p| steps.borrow_mut().push(p)).await.unwrap();
        let steps = steps.into_inner();
        let done: Vec<usize> = steps.iter().map(|p| p.done).collect();
        assert_eq!((done.first(), done.last()), (Some(&0), Some(&12_000)), "{done:?}");
        assert!(done.len() >= 4, "several steps between: {done:?}");
        assert!(done.windows(2).all(|w| w[0] < w[1]), "only forward: {done:?}");
        // Whole buckets, at least a batch each but the last.
        assert!(done.windows(2).rev().skip(1).all(|w| w[1] - w[0] >= BATCH), "{done:?}");
        assert!(steps.iter().all(|p| p.total == 12_000));
        assert_eq!(db.load().await.unwrap().customers.len(), 12_000);
        db.close();
        Rexie::delete(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_merge_adds_and_updates_by_id_and_keeps_the_rest_and_the_settings() {
        let name = format!("huifang-test-{}", uuid::Uuid::new_v4());
        let db = Database::open(&name).await.unwrap();
        let mut local = Dataset { customers: customers(3), ..Dataset::default() };
        // Settings unlike the defaults, to see that the merge leaves them.
        local.settings.calendar = huifang_core::calendar::WorkCalendar::default();
        db.replace_all(&local).await.unwrap();

        let mut changed = local.customers[1].clone();
        changed.name = "已改名".into();
        let added = customers(4).pop().unwrap();
        let writes = Writes { customers: vec![&changed, &added], ..Writes::default() };
        db.merge_in(&writes, &|_| {}).await.unwrap();

        let after = db.load().await.unwrap();
        assert_eq!(after.customers.len(), 4);
        assert!(after.customers.contains(&local.customers[0]));
        assert!(after.customers.contains(&changed) && after.customers.contains(&added));
        assert_eq!(after.settings, local.settings, "a merge keeps this tablet's settings");
        db.close();
        Rexie::delete(&name).await.unwrap();
    }
}
