//! Records are kept in buckets: each row of a `*_buckets` store holds the
//! records whose ids fall in one of [`Stored::BUCKETS`] buckets, as one
//! JSON text (in UTF-8 bytes), and for signatures beside the list of their
//! query keys.
//!
//! Why: Chromium spends about a quarter of a millisecond on every IndexedDB
//! request, whatever its size. Measured in headless Chromium on the office
//! tablet's class of machine: 20,000 revisits written one per row took
//! 4–5 s, in rows of 500 0.6 s (0.8 s with five query indexes); read back,
//! 1.0 s against 0.25 s. A whole office (357,000 records) took 95 s to
//! restore one per row.
//!
//! A record's bucket follows from its id alone, so saving one record reads
//! and rewrites one row, with no lookup. The one query (the signatures of a
//! revisit) goes through a multiEntry index over the key lists: it finds
//! the rows holding a match, whose records are then filtered exactly.

use std::collections::{BTreeMap, BTreeSet};

use js_sys::{Object, Reflect, Uint8Array};
use serde::{de::DeserializeOwned, Serialize};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};

use huifang_core::model::{Case, Customer, OpenLetter, Revisit, Signature, Staff};

use super::schema::{
    CASE_BUCKETS, CUSTOMER_BUCKETS, OPEN_LETTER_BUCKETS, REVISIT_BUCKETS, SIGNATURE_BUCKETS, STAFF_BUCKETS,
};
use super::StoreError;

/// The bucket of the record `id` in a store of `T`: its eight 16-bit
/// words folded by XOR, then folded again onto the bucket number's bits,
/// so random (v4) ids and numbered ones alike spread evenly. For 256
/// buckets this is the XOR of the id's 16 bytes, the rule of schema v3.
pub fn bucket_of<T: Stored>(id: Uuid) -> u32 {
    bucket_in(id, T::BUCKETS)
}

/// The bucket of `id` among `buckets` (a power of two), by the rule of [`bucket_of`].
pub fn bucket_in(id: Uuid, buckets: u32) -> u32 {
    let n = id.as_u128();
    let n = n ^ (n >> 64);
    let n = n ^ (n >> 32);
    let folded = (n ^ (n >> 16)) as u32 & 0xffff;
    (folded ^ (folded >> buckets.trailing_zeros())) % buckets
}

/// A record type kept in buckets.
pub trait Stored: Serialize + DeserializeOwned + PartialEq {
    /// Its bucket store.
    const STORE: &'static str;
    /// How many buckets the store has, a power of two. Part of the stored
    /// layout: changing it needs a migration that moves every record (see
    /// `migrations`).
    ///
    /// Larger buckets make a save read and write more; more of them make
    /// a restore write more rows (and their index entries).
    const BUCKETS: u32 = 256;
    fn id(&self) -> Uuid;
    /// Its query keys, as (index name, key); see `schema::QUERY_INDEXES`.
    /// Only signatures have any: every record of the others is read at
    /// start, and keeping indexes up costs every write.
    fn keys(&self, _add: &mut dyn FnMut(&'static str, String)) {}
}

impl Stored for Customer {
    const STORE: &'static str = CUSTOMER_BUCKETS;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Stored for Case {
    const STORE: &'static str = CASE_BUCKETS;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Stored for Revisit {
    const STORE: &'static str = REVISIT_BUCKETS;
    /// Saved all day, a result at a time: at 20,000 households a bucket
    /// holds about 200 revisits, so a save rewrites about 200 KB, not 800.
    const BUCKETS: u32 = 1024;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Stored for Staff {
    const STORE: &'static str = STAFF_BUCKETS;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Stored for OpenLetter {
    const STORE: &'static str = OPEN_LETTER_BUCKETS;
    fn id(&self) -> Uuid {
        self.id
    }
}

impl Stored for Signature {
    const STORE: &'static str = SIGNATURE_BUCKETS;
    /// PNG images, saved with each home visit's result.
    const BUCKETS: u32 = 1024;
    fn id(&self) -> Uuid {
        self.id
    }
    fn keys(&self, add: &mut dyn FnMut(&'static str, String)) {
        add("revisit_id", self.revisit_id.to_string());
    }
}

/// `records` grouped by bucket, each group in id order (so a bucket's text
/// does not depend on the order records were saved in).
pub fn group<T: Stored>(records: &[T]) -> BTreeMap<u32, Vec<&T>> {
    let mut groups: BTreeMap<u32, Vec<&T>> = BTreeMap::new();
    for r in records {
        groups.entry(bucket_of::<T>(r.id())).or_default().push(r);
    }
    for g in groups.values_mut() {
        g.sort_by_key(|r| r.id());
    }
    groups
}

/// The row of bucket `bucket` holding `records` (in id order).
///
/// The records are stored as UTF-8 JSON bytes, not as a JavaScript string:
/// a string with Chinese text is held and cloned by the browser as UTF-16,
/// twice the bytes, and would be converted on the way in and out of wasm;
/// bytes are copied as they are.
pub fn encode<T: Stored>(bucket: u32, records: &[&T]) -> Result<JsValue, StoreError> {
    encode_keyed(bucket, records, T::keys)
}

/// [`encode`], with the query keys each record gives through `keys`.
pub fn encode_keyed<T: Stored, K>(bucket: u32, records: &[&T], keys_of: K) -> Result<JsValue, StoreError>
where
    K: Fn(&T, &mut dyn FnMut(&'static str, String)),
{
    let encode_error = |e: String| StoreError::Encode(e);
    let json = serde_json::to_string(records).map_err(|e| encode_error(e.to_string()))?;
    let mut keys: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    for r in records {
        keys_of(r, &mut |index, key| {
            keys.entry(index).or_default().insert(key);
        });
    }
    let row = Object::new();
    let set = |field: &str, value: &JsValue| {
        Reflect::set(&row, &JsValue::from_str(field), value).map_err(|e| encode_error(format!("{e:?}")))
    };
    set("bucket", &JsValue::from(bucket))?;
    // So a backup can be written from the stored text without parsing it.
    set("count", &JsValue::from(records.len() as u32))?;
    set("records", &Uint8Array::from(json.as_bytes()).into())?;
    for (index, values) in keys {
        // One JSON text per list: far fewer crossings into JavaScript than
        // one per key (a bucket of revisits has thousands).
        let text = serde_json::to_string(&values).map_err(|e| encode_error(e.to_string()))?;
        set(index, &js_sys::JSON::parse(&text).map_err(|e| encode_error(format!("{e:?}")))?)?;
    }
    Ok(row.into())
}

/// The records of a bucket row.
pub fn decode<T: Stored>(row: &JsValue) -> Result<Vec<T>, StoreError> {
    decode_from(T::STORE, row)
}

/// The records of a bucket row of `store` (a tier of `T`'s records).
pub fn decode_from<T: Stored>(store: &'static str, row: &JsValue) -> Result<Vec<T>, StoreError> {
    let (bytes, bucket) = records_field(store, row)?;
    let corrupt = |detail: String| StoreError::Corrupt { store, detail: format!("bucket {bucket:?}: {detail}") };
    let bytes = bytes.to_vec();
    // Read as text: the bundle then carries one JSON reader per record
    // type (the backup's), not a second one for bytes.
    let text = std::str::from_utf8(&bytes).map_err(|e| corrupt(e.to_string()))?;
    serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))
}

/// A bucket row's records as stored, the text of a JSON array (checked to
/// be bracketed), and how many records it holds.
pub fn stored_text(store: &'static str, row: &JsValue) -> Result<(Uint8Array, usize), StoreError> {
    let (bytes, bucket) = records_field(store, row)?;
    let corrupt = |detail: &str| StoreError::Corrupt { store, detail: format!("bucket {bucket:?}: {detail}") };
    let count = Reflect::get(row, &JsValue::from_str("count"))
        .ok()
        .and_then(|c| c.as_f64())
        .ok_or_else(|| corrupt("it has no count"))?;
    let len = bytes.length();
    if len < 2 || bytes.get_index(0) != b'[' || bytes.get_index(len - 1) != b']' {
        return Err(corrupt("its records are not a list"));
    }
    Ok((bytes, count as usize))
}

/// A bucket row's records bytes, and its bucket number for messages.
fn records_field(store: &'static str, row: &JsValue) -> Result<(Uint8Array, Option<u32>), StoreError> {
    // Keys are whole numbers; shown as such (formatting a float would
    // bring float formatting into the bundle for this message alone).
    let bucket = Reflect::get(row, &JsValue::from_str("bucket")).ok().and_then(|b| b.as_f64()).map(|b| b as u32);
    Reflect::get(row, &JsValue::from_str("records"))
        .ok()
        .and_then(|t| t.dyn_into::<Uint8Array>().ok())
        .map(|bytes| (bytes, bucket))
        .ok_or_else(|| StoreError::Corrupt { store, detail: format!("bucket {bucket:?} has no records") })
}

/// Adds the records of many bucket rows to `records`, in row order.
pub fn decode_all<T: Stored>(rows: &[JsValue], records: &mut Vec<T>) -> Result<(), StoreError> {
    for row in rows {
        records.append(&mut decode::<T>(row)?);
    }
    Ok(())
}

/// What a write does to a bucket's records: put (add or replace by id) or
/// remove.
pub enum Change<'a, T> {
    Put(&'a T),
    Remove(Uuid),
    /// Remove, only if stored exactly as given (else the write is stale).
    Take(&'a T),
}

impl<T: Stored> Change<'_, T> {
    /// The id of the record changed.
    pub fn id(&self) -> Uuid {
        match self {
            Change::Put(r) | Change::Take(r) => r.id(),
            Change::Remove(id) => *id,
        }
    }
}

/// `stored` (a bucket's records) with `changes` applied, in id order.
pub fn apply<T: Stored + Clone>(mut stored: Vec<T>, changes: &[Change<'_, T>]) -> Vec<T> {
    stored.sort_by_key(Stored::id);
    for change in changes {
        match change {
            Change::Put(record) => match stored.binary_search_by_key(&record.id(), Stored::id) {
                Ok(i) => stored[i] = (*record).clone(),
                Err(i) => stored.insert(i, (*record).clone()),
            },
            Change::Remove(_) | Change::Take(_) => {
                if let Ok(i) = stored.binary_search_by_key(&change.id(), Stored::id) {
                    stored.remove(i);
                }
            }
        }
    }
    stored
}
