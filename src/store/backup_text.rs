//! A backup written from the stored text of the records: the bucket rows
//! already hold each record as the compact JSON a backup carries, so an
//! export joins them instead of parsing 200,000 records and writing them
//! out again (seconds at office scale).

use huifang_core::backup::{Counts, Entity};
use huifang_core::settings::Settings;
use js_sys::Uint8Array;

use super::bucket;
use super::database::Database;
use super::schema::RECORD_STORES;
use super::StoreError;

/// Every record and the settings as stored, checked, ready to be written
/// as a backup's `data` object.
pub struct StoredRecords {
    /// Each entity's rows (their records' JSON arrays), in [`Entity::ALL`] order.
    arrays: Vec<(Entity, Vec<Uint8Array>)>,
    settings: Settings,
    pub counts: Counts,
}

impl Database {
    /// Every record and the settings, as one consistent snapshot.
    pub async fn stored_records(&self) -> Result<StoredRecords, StoreError> {
        let (rows, settings) = self.snapshot().await?;
        let mut counts = Counts::default();
        let mut arrays = Vec::with_capacity(RECORD_STORES.len());
        // RECORD_STORES lists the stores in the order of Entity::ALL.
        for ((entity, store), rows) in Entity::ALL.into_iter().zip(RECORD_STORES).zip(rows) {
            let mut texts = Vec::with_capacity(rows.len());
            for row in &rows {
                let (text, n) = bucket::stored_text(store, row)?;
                counts.add(entity, n);
                texts.push(text);
            }
            arrays.push((entity, texts));
        }
        Ok(StoredRecords { arrays, settings, counts })
    }
}

impl StoredRecords {
    /// Appends the `data` object: each entity's records, the rows' arrays
    /// joined into one, then the settings.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (entity, texts) in &self.arrays {
            // Keys and settings are plain values: they always serialize.
            let _ = serde_json::to_writer(&mut *out, entity.key());
            out.extend_from_slice(b":[");
            let mut first = true;
            for text in texts {
                // Checked to be `[…]`: the records are what lies between.
                let inner = text.subarray(1, text.length() - 1);
                if inner.length() == 0 {
                    continue;
                }
                if !first {
                    out.push(b',');
                }
                first = false;
                let start = out.len();
                out.resize(start + inner.length() as usize, 0);
                inner.copy_to(&mut out[start..]);
            }
            out.extend_from_slice(b"],");
        }
        out.extend_from_slice(b"\"settings\":");
        let _ = serde_json::to_writer(&mut *out, &self.settings);
        out.push(b'}');
    }
}
