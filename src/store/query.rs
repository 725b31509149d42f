//! Reads of some records through a query index, without reading the whole
//! store: the signatures captured for a revisit.
//!
//! The index points at buckets (see `bucket`); each bucket found is read
//! once and its records filtered exactly by the caller's own rule.

use std::collections::BTreeSet;

use rexie::KeyRange;
use wasm_bindgen::JsValue;

use super::bucket::{self, Stored};
use super::StoreError;

/// The records of `T` whose `index` holds `key`, kept if `keep`, read
/// inside `tx` (which covers `T::STORE`).
pub(super) async fn in_index<T: Stored>(
    tx: &rexie::Transaction,
    index: &str,
    key: &str,
    keep: impl Fn(&T) -> bool,
) -> Result<Vec<T>, StoreError> {
    let store = tx.store(T::STORE)?;
    let key = KeyRange::only(&JsValue::from_str(key)).map_err(rexie::Error::from)?;
    // One entry per matching key: a bucket holding several matches is
    // listed more than once.
    let buckets: BTreeSet<u32> = store
        .index(index)?
        .get_all_keys(Some(key), None)
        .await?
        .iter()
        .filter_map(|k| k.as_f64())
        .map(|b| b as u32)
        .collect();
    let mut found = Vec::new();
    for b in buckets {
        if let Some(row) = store.get(JsValue::from(b)).await?.filter(|r| !r.is_undefined()) {
            found.extend(bucket::decode::<T>(&row)?.into_iter().filter(|r| keep(r)));
        }
    }
    Ok(found)
}
