//! Whole-backup writes: restore (replace everything) and merge (add and
//! update by id). One transaction each, written in batches so a progress
//! bar can move and the page stays responsive; all of it or none of it.
//!
//! The backup has been parsed and checked completely before this runs.
//! Rows are encoded a batch at a time inside the transaction: encoding is
//! synchronous, so the transaction never waits on anything but IndexedDB,
//! and 200,000 rows are never all held as JavaScript objects at once. An
//! encoding failure aborts the transaction like any other.

use std::ops::Range;
use std::rc::Rc;
use std::task::Poll;

use rexie::TransactionMode;
use serde::Serialize;
use wasm_bindgen::JsCast;

use huifang_core::model::Dataset;

use super::database::{encode, finish, Database, SettingsRow, SETTINGS_KEY};
use super::schema::{ALL_STORES, CASES, CUSTOMERS, META, OPEN_LETTERS, RECORD_STORES, REVISITS, SIGNATURES, STAFF};
use super::StoreError;

/// Rows per batch: large enough that the per-batch overhead vanishes,
/// small enough that the progress bar moves several times a second.
const BATCH: usize = 2_000;

/// How far a bulk write has got, in records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// A batch's requests, issued, awaiting the last one's success.
type Pending<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), rexie::Error>> + 'a>>;

type Encoder<'a> = Box<dyn Fn(Range<usize>) -> Result<js_sys::Array, StoreError> + 'a>;

/// One store's share of a bulk write: its rows, encoded a batch at a time.
pub(crate) struct Part<'a> {
    store: &'static str,
    len: usize,
    batch: Encoder<'a>,
}

impl<'a> Part<'a> {
    pub(crate) fn of<T: Serialize>(store: &'static str, records: &'a [T]) -> Self {
        Part { store, len: records.len(), batch: Box::new(move |range| encode_batch(&records[range])) }
    }

    /// A part whose rows come from `batch` (tests use it to inject a failure).
    #[cfg(test)]
    pub(crate) fn from_fn(store: &'static str, len: usize, batch: Encoder<'a>) -> Self {
        Part { store, len, batch }
    }
}

/// One JSON text per batch, parsed by the browser into row objects: much
/// quicker than one text per row.
fn encode_batch<T: Serialize>(records: &[T]) -> Result<js_sys::Array, StoreError> {
    let text = serde_json::to_string(records).map_err(|e| StoreError::Encode(e.to_string()))?;
    let rows = js_sys::JSON::parse(&text).map_err(|e| StoreError::Encode(format!("{e:?}")))?;
    rows.dyn_into::<js_sys::Array>().map_err(|_| StoreError::Encode("a batch is not a list".into()))
}

fn parts(data: &Dataset) -> Vec<Part<'_>> {
    vec![
        Part::of(CUSTOMERS, &data.customers),
        Part::of(STAFF, &data.staff),
        Part::of(CASES, &data.cases),
        Part::of(OPEN_LETTERS, &data.open_letters),
        Part::of(SIGNATURES, &data.signatures),
        Part::of(REVISITS, &data.revisits),
    ]
}

impl Database {
    /// Replaces every record and the settings with `data` (restore from
    /// backup): all of it or, if anything fails, none of it.
    pub async fn restore(&self, data: &Dataset, progress: &dyn Fn(Progress)) -> Result<(), StoreError> {
        let settings = encode(&SettingsRow { key: SETTINGS_KEY.into(), value: data.settings.clone() })?;
        self.write_parts(parts(data), true, Some(settings), progress).await
    }

    /// [`restore`](Self::restore) without a progress report.
    pub async fn replace_all(&self, data: &Dataset) -> Result<(), StoreError> {
        self.restore(data, &|_| {}).await
    }

    /// Adds and updates the records of `writes` by id, keeping every other
    /// record and the settings (merge from backup): all or none.
    pub async fn merge_in(&self, writes: &Dataset, progress: &dyn Fn(Progress)) -> Result<(), StoreError> {
        self.write_parts(parts(writes), false, None, progress).await
    }

    /// Writes `parts` in one transaction over every store, first emptying
    /// the record stores if `clear`. Commits only if every row was stored.
    pub(crate) async fn write_parts(
        &self,
        parts: Vec<Part<'_>>,
        clear: bool,
        settings: Option<wasm_bindgen::JsValue>,
        progress: &dyn Fn(Progress),
    ) -> Result<(), StoreError> {
        let total = parts.iter().map(|p| p.len).sum();
        let tx = Rc::new(self.db.transaction(&ALL_STORES, TransactionMode::ReadWrite)?);
        let outcome: Result<(), StoreError> = async {
            if clear {
                for store in RECORD_STORES {
                    tx.store(store)?.clear().await?;
                }
            }
            let mut done = 0;
            progress(Progress { done, total });
            let stores = parts.iter().map(|p| tx.store(p.store)).collect::<Result<Vec<_>, _>>()?;
            // One batch stays in flight while the next is encoded and
            // handed over: the browser clones rows on this thread and
            // stores them on another, and waiting for each batch to drain
            // before starting the next would leave one of them idle.
            let mut in_flight: Option<(Pending<'_>, usize)> = None;
            for (part, store) in parts.iter().zip(&stores) {
                let mut start = 0;
                while start < part.len {
                    let end = (start + BATCH).min(part.len);
                    let rows = (part.batch)(start..end)?;
                    let mut next: Pending<'_> =
                        Box::pin(async move { store.put_all(rows.iter().map(|row| (row, None))).await });
                    // Polled once: the batch's requests are issued now.
                    let issued = std::future::poll_fn(|cx| Poll::Ready(next.as_mut().poll(cx))).await;
                    let next = match issued {
                        Poll::Ready(result) => result.map(|()| None)?,
                        Poll::Pending => Some(next),
                    };
                    if let Some((earlier, n)) = in_flight.take() {
                        earlier.await?;
                        done += n;
                        progress(Progress { done, total });
                    }
                    match next {
                        Some(next) => in_flight = Some((next, end - start)),
                        None => {
                            done += end - start;
                            progress(Progress { done, total });
                        }
                    }
                    start = end;
                }
            }
            if let Some((last, n)) = in_flight.take() {
                last.await?;
                done += n;
                progress(Progress { done, total });
            }
            if let Some(row) = settings {
                tx.store(META)?.put(&row, None).await?;
            }
            Ok(())
        }
        .await;
        finish(tx, outcome).await
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
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

        // A restore of 5,000 good customers, then a case batch whose second
        // row has no key: IndexedDB refuses it after whole batches (and the
        // clearing of every store) have been written.
        let many = customers(5_000);
        let broken: Encoder<'_> = Box::new(|_| {
            let rows = js_sys::Array::new();
            rows.push(&encode(&many[0]).unwrap());
            rows.push(&js_sys::Object::new().into());
            Ok(rows)
        });
        let parts = vec![Part::of(CUSTOMERS, &many), Part::from_fn(CASES, 2, broken)];
        let seen = std::cell::Cell::new(0);
        let result = db.write_parts(parts, true, None, &|p| seen.set(p.done)).await;
        assert!(result.is_err(), "a row without a key must fail the import");
        // Batches are confirmed one behind the one being handed over.
        assert!(seen.get() >= 4_000, "the failure came after customers' batches were written ({})", seen.get());

        assert_eq!(dump(&db).await, rows_before, "byte for byte as before");
        assert_eq!(db.load().await.unwrap(), before);
        db.close();
        Rexie::delete(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_restore_reports_progress_batch_by_batch_up_to_the_total() {
        let name = format!("huifang-test-{}", uuid::Uuid::new_v4());
        let db = Database::open(&name).await.unwrap();
        let data = Dataset { customers: customers(4_500), ..Dataset::default() };
        let steps = std::cell::RefCell::new(Vec::new());
        db.restore(&data, &|p| steps.borrow_mut().push(p)).await.unwrap();
        let steps = steps.into_inner();
        let done: Vec<usize> = steps.iter().map(|p| p.done).collect();
        assert_eq!(done, vec![0, 2_000, 4_000, 4_500]);
        assert!(steps.iter().all(|p| p.total == 4_500));
        assert_eq!(db.load().await.unwrap().customers.len(), 4_500);
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
        let writes = Dataset { customers: vec![changed.clone(), added.clone()], ..Dataset::default() };
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
