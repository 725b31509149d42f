//! A backup written from the stored text of the records: the bucket rows
//! already hold each record as the compact JSON a backup carries, so an
//! export joins them instead of parsing 200,000 records and writing them
//! out again (seconds at office scale).

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use huifang_core::backup::{Counts, Entity};
use huifang_core::settings::Settings;

use super::bucket;
use super::database::{decode, Database, SettingsRow, SETTINGS_KEY};
use super::schema::{META, RECORD_STORES};
use super::StoreError;

/// The `data` object of a backup, as stored, and its records per entity.
pub struct StoredRecords {
    pub text: Vec<u8>,
    pub counts: Counts,
}

impl Database {
    /// Every record and the settings, read in one read-only transaction
    /// (a consistent snapshot), as the text of a backup's `data` object.
    pub async fn stored_records(&self) -> Result<StoredRecords, StoreError> {
        let mut stores = vec![META];
        stores.extend(RECORD_STORES);
        let tx = self.db.transaction(&stores, TransactionMode::ReadOnly)?;
        let mut rows = Vec::with_capacity(RECORD_STORES.len());
        for store in RECORD_STORES {
            rows.push(tx.store(store)?.get_all(None, None).await?);
        }
        let settings = tx.store(META)?.get(JsValue::from_str(SETTINGS_KEY)).await?;
        tx.done().await?;
        let settings = match settings {
            Some(v) if !v.is_undefined() => decode::<SettingsRow>(META, v)?.value,
            _ => Settings::default(),
        };

        let mut text = b"{".to_vec();
        let mut counts = Counts::of(&Default::default());
        // RECORD_STORES lists the stores in the order of Entity::ALL.
        for ((entity, store), rows) in Entity::ALL.into_iter().zip(RECORD_STORES).zip(rows) {
            let _ = serde_json::to_writer(&mut text, entity.key());
            text.extend_from_slice(b":[");
            let mut first = true;
            for row in &rows {
                let (array, n) = bucket::stored_text(store, row)?;
                let records = array
                    .strip_prefix(b"[")
                    .and_then(|a| a.strip_suffix(b"]"))
                    .ok_or_else(|| StoreError::Corrupt { store, detail: "a bucket is not a list".into() })?;
                if records.is_empty() {
                    continue;
                }
                if !first {
                    text.push(b',');
                }
                first = false;
                text.extend_from_slice(records);
                add(&mut counts, entity, n);
            }
            text.extend_from_slice(b"],");
        }
        text.extend_from_slice(b"\"settings\":");
        serde_json::to_writer(&mut text, &settings).map_err(|e| StoreError::Encode(e.to_string()))?;
        text.push(b'}');
        Ok(StoredRecords { text, counts })
    }
}

fn add(counts: &mut Counts, entity: Entity, n: usize) {
    let slot = match entity {
        Entity::Customers => &mut counts.customers,
        Entity::Cases => &mut counts.cases,
        Entity::Revisits => &mut counts.revisits,
        Entity::Staff => &mut counts.staff,
        Entity::OpenLetters => &mut counts.open_letters,
        Entity::Signatures => &mut counts.signatures,
    };
    *slot += n;
}
