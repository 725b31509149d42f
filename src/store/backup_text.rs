//! A backup written from the stored text of the records: the bucket rows
//! already hold each record as the compact JSON a backup carries, so an
//! export joins them instead of parsing 200,000 records and writing them
//! out again (seconds at office scale).

use chrono::{DateTime, Utc};
use huifang_core::backup::{Counts, Entity, StoredExport};
use huifang_core::settings::Settings;
use js_sys::{Array, Uint8Array};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag};

use super::bucket;
use super::database::Database;
use super::load::Tier;
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
        let mut counts = Counts::default();
        // RECORD_STORES lists the stores in the order of Entity::ALL.
        let mut arrays: Vec<(Entity, Vec<Uint8Array>)> = Entity::ALL.into_iter().map(|e| (e, Vec::new())).collect();
        let mut take = |kind: usize, rows: Vec<JsValue>| {
            let (entity, texts) = &mut arrays[kind];
            for row in &rows {
                let (text, n) = bucket::stored_text(RECORD_STORES[kind], row)?;
                counts.add(*entity, n);
                texts.push(text);
            }
            Ok(())
        };
        let settings = self.snapshot(0..RECORD_STORES.len(), Tier::Everything, &mut take).await?.settings;
        Ok(StoredRecords { arrays, settings, counts })
    }
}

/// A piece of a backup's `data` text: written here, or a stored row's
/// records exactly as the browser holds them.
pub enum Piece {
    Text(Vec<u8>),
    Stored(Uint8Array),
}

impl StoredRecords {
    /// The `data` object's text in order: each entity's records (the rows'
    /// arrays joined into one), then the settings.
    pub fn pieces(&self) -> Vec<Piece> {
        let mut pieces = vec![];
        let mut text = b"{".to_vec();
        for (entity, texts) in &self.arrays {
            // Keys and settings are plain values: they always serialize.
            let _ = serde_json::to_writer(&mut text, entity.key());
            text.extend_from_slice(b":[");
            let mut first = true;
            for stored in texts {
                // Checked to be `[…]`: the records are what lies between.
                let inner = stored.subarray(1, stored.length() - 1);
                if inner.length() == 0 {
                    continue;
                }
                if !first {
                    text.push(b',');
                }
                first = false;
                pieces.push(Piece::Text(std::mem::take(&mut text)));
                pieces.push(Piece::Stored(inner));
            }
            text.extend_from_slice(b"],");
        }
        text.extend_from_slice(b"\"settings\":");
        let _ = serde_json::to_writer(&mut text, &self.settings);
        text.push(b'}');
        pieces.push(Piece::Text(text));
        pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
        pieces
    }

    /// Appends the `data` object's text to `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        for piece in self.pieces() {
            match piece {
                Piece::Text(t) => out.extend_from_slice(&t),
                Piece::Stored(bytes) => {
                    let start = out.len();
                    out.resize(start + bytes.length() as usize, 0);
                    bytes.copy_to(&mut out[start..]);
                }
            }
        }
    }

    /// The backup file's head, with the checksum of the data text: each
    /// stored row is copied in only to be hashed, one at a time.
    pub fn head(&self, app_version: &str, device_id: Uuid, at: DateTime<Utc>) -> Vec<u8> {
        let mut export = StoredExport::new(&self.counts, app_version, device_id, at);
        let mut scratch = Vec::new();
        for piece in &self.pieces() {
            match piece {
                Piece::Text(t) => export.hash(t),
                Piece::Stored(bytes) => {
                    scratch.resize(bytes.length() as usize, 0);
                    bytes.copy_to(&mut scratch);
                    export.hash(&scratch);
                }
            }
        }
        export.head()
    }

    /// The backup file as a Blob: its `head`, then the stored rows' bytes
    /// as the browser holds them, so a whole office's 250 MB never sit in
    /// one buffer (nor in wasm memory).
    pub fn to_blob(&self, head: &[u8]) -> Result<Blob, StoreError> {
        let parts = Array::new();
        parts.push(&Uint8Array::from(head));
        for piece in self.pieces() {
            match piece {
                Piece::Text(t) => parts.push(&Uint8Array::from(t.as_slice())),
                Piece::Stored(bytes) => parts.push(&bytes),
            };
        }
        parts.push(&Uint8Array::from(StoredExport::TAIL));
        let options = BlobPropertyBag::new();
        options.set_type("application/json");
        Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|e| StoreError::Encode(format!("{e:?}")))
    }
}
