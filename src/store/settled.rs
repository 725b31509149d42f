//! The settled tier (schema v6): the cases and records of settled months
//! that left the working set (`huifang_core::settled`), and each settled
//! month's digest. A start reads the working stores and the digests; the
//! settled records are read a month or a household at a time, when a
//! screen shows them.
//!
//! A settled row holds the records of one month whose ids fall in one of
//! [`SETTLED_BUCKETS`] buckets, keyed so that a month's rows are one key
//! range ([`row_key`]); each row lists its households for the
//! `customer_id` index.

use js_sys::{Object, Reflect, Uint8Array};
use rexie::KeyRange;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};

use huifang_core::calendar::YearMonth;
use huifang_core::model::{Case, Revisit};
use huifang_core::settled::{MonthDigest, SettledMonth};

use super::bucket::{self, bucket_in, Change, Stored};
use super::database::{change, change_rows, Database, Rows};
use super::schema::{
    BY_HOUSEHOLD, CASE_BUCKETS, MONTH_DIGESTS, REVISIT_BUCKETS, SETTLED_CASE_BUCKETS, SETTLED_REVISIT_BUCKETS,
};
use super::StoreError;

/// Rows per settled month and kind. At 50,000 households a month has
/// about 7,000 cases and 14,000 records: rows of a few hundred KB, and a
/// change to one settled record (a review, rule 6) rewrites one of them.
pub const SETTLED_BUCKETS: u32 = 64;

/// The key of the settled row holding the record `id` of `month`.
pub fn row_key(month: YearMonth, id: Uuid) -> u32 {
    month_number(month) * SETTLED_BUCKETS + bucket_in(id, SETTLED_BUCKETS)
}

/// Months counted from year 0 (record dates are checked to lie in this era).
fn month_number(month: YearMonth) -> u32 {
    u32::try_from(month.year).unwrap_or(0) * 12 + month.month.saturating_sub(1)
}

/// The keys of `month`'s settled rows.
pub(super) fn month_range(month: YearMonth) -> Result<KeyRange, StoreError> {
    let first = month_number(month) * SETTLED_BUCKETS;
    let range =
        KeyRange::bound(&JsValue::from(first), &JsValue::from(first + SETTLED_BUCKETS), Some(false), Some(true));
    Ok(range.map_err(rexie::Error::from)?)
}

/// A kind of record that settles: cases and revisit records.
pub trait Settles: Stored + Clone {
    /// Its store in the settled tier.
    const SETTLED: &'static str;
    /// The household it belongs to, for the settled tier's index.
    fn household(&self) -> Option<Uuid>;
}

impl Settles for Case {
    const SETTLED: &'static str = SETTLED_CASE_BUCKETS;
    fn household(&self) -> Option<Uuid> {
        self.customer_id
    }
}

impl Settles for Revisit {
    const SETTLED: &'static str = SETTLED_REVISIT_BUCKETS;
    fn household(&self) -> Option<Uuid> {
        Some(self.customer_id)
    }
}

/// A settled row's index keys: its records' households.
fn household_keys<T: Settles>(record: &T, add: &mut dyn FnMut(&'static str, String)) {
    if let Some(h) = record.household() {
        add(BY_HOUSEHOLD, h.to_string());
    }
}

/// A month's digest row: the month (its key, `YYYY-MM`) and the digest as
/// UTF-8 JSON bytes (it lists every id that left: text, not objects).
fn encode_digest(digest: &MonthDigest) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(digest).map_err(|e| StoreError::Encode(e.to_string()))?;
    let row = Object::new();
    let set = |field: &str, value: &JsValue| {
        Reflect::set(&row, &JsValue::from_str(field), value).map_err(|e| StoreError::Encode(format!("{e:?}")))
    };
    set("month", &JsValue::from_str(&digest.month.to_string()))?;
    set("digest", &Uint8Array::from(json.as_bytes()).into())?;
    Ok(row.into())
}

fn decode_digest(row: &JsValue) -> Result<MonthDigest, StoreError> {
    let corrupt = |detail: &str| StoreError::Corrupt { store: MONTH_DIGESTS, detail: detail.to_owned() };
    let bytes = Reflect::get(row, &JsValue::from_str("digest"))
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .ok_or_else(|| corrupt("a row has no digest"))?
        .to_vec();
    let text = std::str::from_utf8(&bytes).map_err(|e| corrupt(&e.to_string()))?;
    serde_json::from_str(text).map_err(|e| corrupt(&e.to_string()))
}

/// The digests of `rows` (read in key order: earliest month first).
pub(super) fn decode_digests(rows: &[JsValue]) -> Result<Vec<MonthDigest>, StoreError> {
    rows.iter().map(decode_digest).collect()
}

/// Records of the settled tier: cases and their revisit records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettledRecords {
    pub cases: Vec<Case>,
    pub revisits: Vec<Revisit>,
}

impl Database {
    /// Moves what `months` says left (`scheduler::settle`) from the
    /// working stores to the settled tier, and takes each month's digest
    /// into the one stored, in one transaction: every record is in exactly
    /// one tier whatever happens. A record that changed since it was read
    /// (another tab saved it) refuses the whole move as stale: the next
    /// settling sees it as it is now.
    pub async fn settle(&self, months: &[SettledMonth]) -> Result<(), StoreError> {
        if months.is_empty() {
            return Ok(());
        }
        let stores = [CASE_BUCKETS, REVISIT_BUCKETS, SETTLED_CASE_BUCKETS, SETTLED_REVISIT_BUCKETS, MONTH_DIGESTS];
        self.write(&stores, |tx| async move {
            let cases: Vec<&Case> = months.iter().flat_map(|m| &m.cases).collect();
            let revisits: Vec<&Revisit> = months.iter().flat_map(|m| &m.revisits).collect();
            leave(&tx, &cases).await?;
            leave(&tx, &revisits).await?;
            for m in months {
                enter(&tx, m.digest.month, &m.cases).await?;
                enter(&tx, m.digest.month, &m.revisits).await?;
            }
            let digests = tx.store(MONTH_DIGESTS)?;
            for m in months {
                let key = JsValue::from_str(&m.digest.month.to_string());
                let digest = match digests.get(key).await?.filter(|row| !row.is_undefined()) {
                    Some(row) => {
                        let mut stored = decode_digest(&row)?;
                        stored.absorb(&m.digest);
                        stored
                    }
                    None => m.digest.clone(),
                };
                digests.put(&encode_digest(&digest)?, None).await?;
            }
            Ok(())
        })
        .await
    }

    /// The settled cases and records of `month`.
    pub async fn settled_month(&self, month: YearMonth) -> Result<SettledRecords, StoreError> {
        self.settled_where(month_range(month)?, &|_| true, None).await
    }

    /// The settled cases and records of the household `customer`, found
    /// through the settled tier's household index.
    pub async fn settled_of_household(&self, customer: Uuid) -> Result<SettledRecords, StoreError> {
        let key = KeyRange::only(&JsValue::from_str(&customer.to_string())).map_err(rexie::Error::from)?;
        self.settled_where(key, &|h| h == Some(customer), Some(BY_HOUSEHOLD)).await
    }

    /// The settled records in the rows of `range` (of `index`, else of the
    /// row keys) whose household passes `keep`, in one read-only transaction.
    async fn settled_where(
        &self,
        range: KeyRange,
        keep: &dyn Fn(Option<Uuid>) -> bool,
        index: Option<&str>,
    ) -> Result<SettledRecords, StoreError> {
        let tx =
            self.db.transaction(&[SETTLED_CASE_BUCKETS, SETTLED_REVISIT_BUCKETS], rexie::TransactionMode::ReadOnly)?;
        let rows = |store: &'static str| {
            let (tx, range) = (&tx, Some(range.clone()));
            async move {
                let store = tx.store(store)?;
                let rows = match index {
                    Some(index) => store.index(index)?.get_all(range, None).await?,
                    None => store.get_all(range, None).await?,
                };
                Ok::<_, StoreError>(rows)
            }
        };
        let (cases, revisits) = (rows(SETTLED_CASE_BUCKETS).await?, rows(SETTLED_REVISIT_BUCKETS).await?);
        tx.done().await?;
        let mut found = SettledRecords::default();
        for row in &cases {
            found.cases.extend(
                bucket::decode_from::<Case>(SETTLED_CASE_BUCKETS, row)?.into_iter().filter(|c| keep(c.household())),
            );
        }
        for row in &revisits {
            found.revisits.extend(
                bucket::decode_from::<Revisit>(SETTLED_REVISIT_BUCKETS, row)?
                    .into_iter()
                    .filter(|r| keep(r.household())),
            );
        }
        Ok(found)
    }
}

/// Takes `records` out of their working store inside `tx`; refused as
/// stale unless each is stored exactly as given.
async fn leave<T: Settles>(tx: &rexie::Transaction, records: &[&T]) -> Result<(), StoreError> {
    change(tx, records.iter().map(|r| Change::Take(*r)).collect(), &|_| {}, None).await
}

/// Adds `records` of `month` to their settled rows inside `tx`.
async fn enter<T: Settles>(tx: &rexie::Transaction, month: YearMonth, records: &[T]) -> Result<(), StoreError> {
    let rows = Rows { store: T::SETTLED, key: |id| row_key(month, id), keys: household_keys::<T> };
    change_rows(tx, rows, records.iter().map(Change::Put).collect(), &|_| {}, None).await
}
