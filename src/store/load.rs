//! Reading every record (at start, and for a backup): one read-only
//! transaction (a consistent snapshot), each store's bucket rows asked for
//! in a few slices, every slice requested before the first is awaited.
//!
//! Why: the browser reads the slices side by side, and the records of each
//! slice are decoded while the later ones are still being read, instead of
//! reading everything and then decoding everything; a slice's rows can be
//! let go as soon as its records are decoded. On the 20,000-household
//! office this took a cold start from 2.49 s to 2.24 s and its peak memory
//! from 1,104 MB to 997 MB (`scripts/bench-app`).

use std::future::Future;
use std::ops::Range;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use rexie::{KeyRange, TransactionMode};
use wasm_bindgen::JsValue;

use huifang_core::calendar::YearMonth;
use huifang_core::model::{Case, Customer, Dataset, OpenLetter, Revisit, Signature, Staff};
use huifang_core::settings::Settings;
use huifang_core::settled::MonthDigest;

use super::bucket::{self, Stored};
use super::database::{settings_of, Database, SETTINGS_KEY};
use super::schema::{META, MONTH_DIGESTS, RECORD_STORES, SETTLED_CASE_BUCKETS, SETTLED_REVISIT_BUCKETS};
use super::settled::{decode_digests, month_range};
use super::StoreError;

/// A request already sent to IndexedDB, its result awaited later.
pub(super) type Request<'a, T> = Pin<Box<dyn Future<Output = Result<T, rexie::Error>> + 'a>>;

/// Sends `request` now and gives it back to be awaited later. A rexie call
/// sends its IndexedDB request when it is first polled, so it is polled
/// once here; the await polls it again with the task's own waker.
pub(super) fn issue<'a, T: 'a>(mut request: Request<'a, T>) -> Request<'a, T> {
    match request.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(done) => Box::pin(std::future::ready(done)),
        Poll::Pending => request,
    }
}

/// How many slices each store's rows are read in. Measured in headless
/// Chromium on 177 MB of revisit text in 1,024 rows: read in one request
/// 0.46 s, in 8 requests at once 0.29 s.
const SLICES: u32 = 8;

/// Requests the rows of a store of `buckets` buckets, slice by slice.
fn ask<'a>(store: &'a rexie::Store, buckets: u32) -> Result<Vec<Request<'a, Vec<JsValue>>>, StoreError> {
    let per_slice = buckets.div_ceil(SLICES);
    let mut slices = Vec::with_capacity(SLICES as usize);
    for slice in 0..SLICES {
        let (from, to) = (slice * per_slice, (slice + 1) * per_slice);
        let range = KeyRange::bound(&JsValue::from(from), &JsValue::from(to), Some(false), Some(true))
            .map_err(rexie::Error::from)?;
        slices.push(issue(Box::pin(store.get_all(Some(range), None))));
    }
    Ok(slices)
}

/// Decodes into `data` the bucket rows of store `kind` (its place in
/// RECORD_STORES).
fn decode_into(data: &mut Dataset, kind: usize, rows: &[JsValue]) -> Result<(), StoreError> {
    match kind {
        0 => bucket::decode_all(rows, &mut data.customers)?,
        1 => bucket::decode_all(rows, &mut data.cases)?,
        2 => bucket::decode_all(rows, &mut data.revisits)?,
        3 => bucket::decode_all(rows, &mut data.staff)?,
        4 => bucket::decode_all(rows, &mut data.open_letters)?,
        _ => bucket::decode_all(rows, &mut data.signatures)?,
    }
    Ok(())
}

/// The place of the signatures in RECORD_STORES: the last.
const SIGNATURES: usize = RECORD_STORES.len() - 1;

/// The bucket counts of RECORD_STORES, in its order.
const BUCKETS: [u32; 6] =
    [Customer::BUCKETS, Case::BUCKETS, Revisit::BUCKETS, Staff::BUCKETS, OpenLetter::BUCKETS, Signature::BUCKETS];

/// The places of the cases and revisits in RECORD_STORES, and the
/// settled tier's store of each.
const CASES: usize = 1;
const REVISITS: usize = 2;
const SETTLED: [(usize, &str); 2] = [(CASES, SETTLED_CASE_BUCKETS), (REVISITS, SETTLED_REVISIT_BUCKETS)];

/// What a snapshot does with each slice of bucket rows as it arrives: the
/// rows, with their store's place in RECORD_STORES (a settled row's is
/// that of its kind's working store: the rows are alike).
pub(super) type Take<'t> = dyn FnMut(usize, Vec<JsValue>) -> Result<(), StoreError> + 't;

/// Which records a snapshot reads: the working set's stores, or with
/// them the settled tier (`schema` v6) too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tier {
    Working,
    Everything,
}

/// The settings and the settled months' digest rows, read with the rows.
pub(super) struct Snapshot {
    pub settings: Settings,
    pub digests: Vec<JsValue>,
}

impl Database {
    /// Every bucket row of the stores `kinds` of RECORD_STORES (of `tier`),
    /// handed to `take` slice by slice in store order, the settings and,
    /// for the working set's cases, the settled months' digests, all read
    /// in one read-only transaction: a consistent snapshot.
    pub(super) async fn snapshot(
        &self,
        kinds: Range<usize>,
        tier: Tier,
        take: &mut Take<'_>,
    ) -> Result<Snapshot, StoreError> {
        let first = kinds.start;
        let with_digests = kinds.contains(&CASES);
        let settled: Vec<(usize, &str)> =
            SETTLED.into_iter().filter(|(kind, _)| tier == Tier::Everything && kinds.contains(kind)).collect();
        let mut names = vec![META];
        names.extend(&RECORD_STORES[kinds]);
        let working = names.len() - 1;
        names.extend(with_digests.then_some(MONTH_DIGESTS));
        names.extend(settled.iter().map(|(_, name)| *name));
        let tx = self.db.transaction(&names, TransactionMode::ReadOnly)?;
        let settings = settings_of(tx.store(META)?.get(JsValue::from_str(SETTINGS_KEY)).await?)?;
        // The digests (or their keys) are asked for first and the working
        // stores' slices right after, without waiting: IndexedDB answers in
        // order, so the digests arrive first while the slices are read.
        let digest_store = if with_digests { Some(tx.store(MONTH_DIGESTS)?) } else { None };
        let asked = digest_store.as_ref().map(|store| match tier {
            Tier::Working => issue(Box::pin(store.get_all(None, None))),
            Tier::Everything => issue(Box::pin(store.get_all_keys(None, None))),
        });
        let stores = names[1..=working].iter().map(|name| tx.store(name)).collect::<Result<Vec<_>, _>>()?;
        let settled_stores =
            settled.iter().map(|(kind, name)| Ok((*kind, tx.store(name)?))).collect::<Result<Vec<_>, StoreError>>()?;
        let mut requests = Vec::new();
        for (kind, store) in (first..).zip(&stores) {
            requests.extend(ask(store, BUCKETS[kind])?.into_iter().map(|r| (kind, r)));
        }
        // The working set takes the digests; reading everything needs only
        // the settled months (the digests' keys).
        let (mut digests, mut months) = (Vec::new(), Vec::new());
        if let Some(asked) = asked {
            let rows = asked.await?;
            match tier {
                Tier::Working => digests = rows,
                Tier::Everything => {
                    for key in rows {
                        let month = key.as_string().and_then(|k| k.parse::<YearMonth>().ok());
                        months.push(month.ok_or_else(|| StoreError::Corrupt {
                            store: MONTH_DIGESTS,
                            detail: format!("{key:?} is not a month"),
                        })?);
                    }
                }
            }
        }
        // The settled tier a month at a time: its rows are a key range each.
        for (kind, store) in &settled_stores {
            for &month in &months {
                let range = month_range(month)?;
                requests.push((*kind, issue(Box::pin(store.get_all(Some(range), None)))));
            }
        }
        for (kind, request) in requests {
            take(kind, request.await?)?;
        }
        tx.done().await?;
        Ok(Snapshot { settings, digests })
    }

    /// Every record, both tiers, and the settings, as one consistent snapshot.
    pub async fn load(&self) -> Result<Dataset, StoreError> {
        Ok(self.load_from(0..RECORD_STORES.len(), Tier::Everything).await?.0)
    }

    /// Every record but the signatures, both tiers, and the settings.
    /// Signatures are PNG images, by far the largest records, and are read
    /// only when a record shows one.
    pub async fn load_held(&self) -> Result<Dataset, StoreError> {
        Ok(self.load_from(0..SIGNATURES, Tier::Everything).await?.0)
    }

    /// The working set (`huifang_core::settled`): the records of the working
    /// stores but the signatures, the settings, and the digests of the
    /// settled months, earliest first.
    pub async fn load_working(&self) -> Result<(Dataset, Vec<MonthDigest>), StoreError> {
        let (data, digests) = self.load_from(0..SIGNATURES, Tier::Working).await?;
        Ok((data, decode_digests(&digests)?))
    }

    /// Every signature, in the order they were captured.
    pub async fn signatures(&self) -> Result<Vec<Signature>, StoreError> {
        Ok(self.load_from(SIGNATURES..RECORD_STORES.len(), Tier::Working).await?.0.signatures)
    }

    /// How many signatures are stored (each row says how many it holds).
    pub async fn signature_count(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        let mut count = |_, rows: Vec<JsValue>| {
            for row in &rows {
                n += bucket::stored_text(RECORD_STORES[SIGNATURES], row)?.1;
            }
            Ok(())
        };
        self.snapshot(SIGNATURES..RECORD_STORES.len(), Tier::Working, &mut count).await?;
        Ok(n)
    }

    /// The records of the stores `kinds` of RECORD_STORES, decoded a slice
    /// at a time while the next slices are read.
    async fn load_from(&self, kinds: Range<usize>, tier: Tier) -> Result<(Dataset, Vec<JsValue>), StoreError> {
        let mut data = Dataset::default();
        let snapshot = self.snapshot(kinds, tier, &mut |kind, rows| decode_into(&mut data, kind, &rows)).await?;
        data.settings = snapshot.settings;
        data.sort_by_entry();
        Ok((data, snapshot.digests))
    }
}
